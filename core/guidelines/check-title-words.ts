import { guidelineError } from './guideline-error.js';
import type { GuidelinesProfile } from './guidelines-profile.js';

/** Full-width and half-width, upper and lower case alike: "ＡＢＣ" is "abc". */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** GUIDELINE_BANNED_WORD when a clip's title holds a word of `bannedTitleWords`. */
export function checkTitleWords(profile: GuidelinesProfile, titles: { clip: string; title: string }[]): void {
  for (const word of profile.bannedTitleWords ?? []) {
    const banned = fold(word);
    const hit = titles.find((t) => fold(t.title).includes(banned));
    if (hit) {
      throw guidelineError('GUIDELINE_BANNED_WORD', 'bannedTitleWords', profile, `bans "${word}", which the title of ${hit.clip} ("${hit.title}") holds: edit the moment's text or its upload title, or leave the moment out.`);
    }
  }
}
