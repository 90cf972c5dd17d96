import type { CaptionCue, CaptionWord } from '../captions/caption-track.js';
import { joinTelopText } from './join-telop-text.js';

/**
 * A telop on its way from a cue to the screen, still in video seconds. "\n" in `text` is a line
 * break the user forced in an edit; the source's own breaks are gone (auto-captions roll lines
 * wherever the screen was full, which is no place to break a telop).
 */
export interface TelopDraft {
  start: number;
  end: number;
  text: string;
  /** Timed words, each at `at` in `text`, in order; absent on cue-only tracks and edited text. */
  words?: DraftWord[];
  reaction?: boolean;
}

export interface DraftWord {
  t: number;
  text: string;
  at: number;
}

export function draftFromCue(cue: CaptionCue): TelopDraft {
  const text = cue.text.split(/\s*\n\s*/u).reduce(joinTelopText);
  const words = cue.words ? locateWords(text, cue.words) : undefined;
  return { start: cue.start, end: cue.end, text, ...(words && words.length > 0 ? { words } : {}) };
}

/** Finds each word in the text by a forward search (the readers' promise); a word not found is left out. */
export function locateWords(text: string, words: readonly Pick<CaptionWord, 't' | 'text'>[]): DraftWord[] {
  const located: DraftWord[] = [];
  let cursor = 0;
  for (const word of words) {
    const at = word.text === '' ? -1 : text.indexOf(word.text, cursor);
    if (at === -1) continue;
    located.push({ t: word.t, text: word.text, at });
    cursor = at + word.text.length;
  }
  return located;
}

/** Two drafts shown as one: the text joined, the second's words moved along with it. */
export function joinDrafts(a: TelopDraft, b: TelopDraft): TelopDraft {
  const text = joinTelopText(a.text, b.text);
  const shift = text.length - b.text.length; // the joined text ends with b's (whose leading spaces went)
  const words = [...(a.words ?? []), ...(b.words ?? []).map((word) => ({ ...word, at: word.at + shift }))];
  return { start: a.start, end: b.end, text, ...(words.length > 0 ? { words } : {}) };
}
