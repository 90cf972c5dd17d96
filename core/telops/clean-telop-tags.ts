import { findReactionTags, type ReactionKind } from '../captions/caption-reactions.js';
import type { MusicTags } from './telop.js';
import { locateWords, type TelopDraft } from './telop-draft.js';

/** How a laugh shows on screen, whatever the caption wrote ([笑い], [Laughter], (笑)). */
export const LAUGH_TELOP = '（笑）';
export const MUSIC_TELOP = '♪';

/** Square brackets left after the sound tags: YouTube's "[ __ ]" for a bleeped word, an empty "[]". */
const NOISE_TAG = /[[［][^[\]［］\n]{0,24}[\]］]/gu;
const ONLY_REACTIONS = new RegExp(`^(?:${LAUGH_TELOP}|${MUSIC_TELOP}|\\s)+$`, 'u');

function replacement(kind: ReactionKind, music: MusicTags): string {
  if (kind === 'laugh') return LAUGH_TELOP;
  if (kind === 'music') return music === 'note' ? MUSIC_TELOP : '';
  return ''; // applause and other sound descriptions ([拍手], [歓声]) are not said, so not telops
}

/** A caption text with its sound tags restyled or removed and its spaces tidied ("\n" kept). */
export function cleanTelopText(text: string, music: MusicTags): string {
  let out = '';
  let cursor = 0;
  for (const tag of findReactionTags(text)) {
    out += text.slice(cursor, tag.index) + replacement(tag.kind, music);
    cursor = tag.index + tag.length;
  }
  out += text.slice(cursor);
  return out
    .replace(NOISE_TAG, '')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * The draft as a telop shows it, or undefined when nothing is left to show. A draft that is only
 * reactions becomes a styled reaction (it has no words to highlight).
 */
export function cleanTelopDraft(draft: TelopDraft, music: MusicTags): TelopDraft | undefined {
  const text = cleanTelopText(draft.text, music);
  if (text === '') return undefined;
  if (ONLY_REACTIONS.test(text)) return { start: draft.start, end: draft.end, text, reaction: true };
  const cleanWords = draft.words?.map((word) => ({ t: word.t, text: cleanTelopText(word.text, music) }));
  const words = cleanWords ? locateWords(text, cleanWords) : [];
  return { start: draft.start, end: draft.end, text, ...(words.length > 0 ? { words } : {}) };
}
