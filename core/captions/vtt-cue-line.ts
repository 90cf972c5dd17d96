import { parseTimecode } from './caption-timecode.js';
import { draftLine, type DraftLine, type TimedPiece } from './cue-draft.js';

/** `<00:00:01.200>`: the time of the text after it, as YouTube's auto-VTT times each word. */
const WORD_TIME = /<((?:\d+:)?\d{2}:\d{2}\.\d{3})>/;
/** Ruby annotations (`<rt>かん</rt>`) are readings shown above the text, not part of it. */
const RUBY_TEXT = /<rt\b[^>]*>[\s\S]*?<\/rt>/gi;
const TAG = /<[^>]*>/g;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
/** The named references WebVTT defines and ones in the wild; `&nbsp;` becomes a plain space later. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', quot: '"', apos: "'", lrm: '', rlm: '' };

/**
 * One line of a VTT cue's text: `<c>`, `<v Speaker>`, `<i>`… removed, entities decoded, and when the
 * line carries `<00:00:01.200>` tags, its words timed by them (the text before the first tag at the
 * cue's start).
 */
export function vttCueLine(raw: string, cueStart: number): DraftLine {
  const parts = raw.replace(RUBY_TEXT, '').split(WORD_TIME);
  const pieces: TimedPiece[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const t = i === 0 ? cueStart : (parseTimecode(parts[i - 1] ?? '') ?? cueStart);
    pieces.push({ t, text: decodeEntities((parts[i] ?? '').replace(TAG, '')) });
  }
  return draftLine(pieces, parts.length > 1);
}

/** Decodes character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
