import type { CaptionWord } from './caption-track.js';

/** One line of a cue as a parser found it; `words` only when the file timed this line's words. */
export interface DraftLine {
  text: string;
  words?: CaptionWord[];
}

/** A cue as a parser found it, before finishTrack sorts it, trims overlaps and settles its words. */
export interface CueDraft {
  start: number;
  end: number;
  lines: DraftLine[];
}

/** A run of text the file gave one time (a json3 seg, the text after a VTT `<00:00:01.200>` tag). */
export interface TimedPiece {
  t: number;
  text: string;
}

/**
 * Runs of spaces, tabs and no-break spaces become one space, ends trimmed. The ideographic space
 * (U+3000) is kept: Japanese captions use it on purpose.
 */
export function cleanSpaces(text: string): string {
  return text.replace(/[ \t\f\v\u00a0]+/g, ' ').trim();
}

/**
 * A line from the pieces it was written in: its text is their concatenation (so "Nice" + " to"
 * keeps its space and "今日は" + "三人で" stays joined), its words the pieces themselves when timed.
 */
export function draftLine(pieces: readonly TimedPiece[], timed: boolean): DraftLine {
  const text = cleanSpaces(pieces.map((p) => p.text).join(''));
  if (!timed) return { text };
  const words = pieces.map((p) => ({ t: p.t, text: cleanSpaces(p.text) })).filter((w) => w.text !== '');
  return { text, words };
}
