import { isTimingLine, parseTimingLine } from './caption-timecode.js';
import { captionsError } from './captions-error.js';

/** A cue's times and its raw text lines. */
export interface CueBlock {
  start: number;
  end: number;
  text: string[];
}

/** What to do with a block that has no timing line: VTT drops it (NOTE, STYLE, REGION), SRT keeps it. */
export type OrphanBlocks = 'drop' | 'join-previous';

/** Subtitle text as lines: a leading BOM dropped, CRLF, CR and LF each ending a line. */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/**
 * The cues in `lines` from index `from` on (VTT after its header, SRT from the top). A timing line
 * starts a cue, whose text runs to the next empty line; a line of spaces is text, not an end
 * (YouTube's auto-VTT opens cues with one). The line before a timing line is its id. A block without
 * a timing line is dropped, or in SRT joined to the cue before (a blank line inside a cue's text).
 * A timing line right under a cue's text (an SRT missing its blank line) still starts a cue, and the
 * number left at the end of the previous cue is taken as its id.
 */
export function scanCueBlocks(lines: readonly string[], from: number, source: string, orphans: OrphanBlocks): CueBlock[] {
  const cues: CueBlock[] = [];
  let current: CueBlock | undefined;
  let pending: string[] = [];
  const flushPending = (): void => {
    const last = cues.at(-1);
    if (orphans === 'join-previous' && last) last.text = last.text.concat(pending);
    pending = [];
  };
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (isTimingLine(line)) {
      if (current && /^\s*\d+\s*$/.test(current.text.at(-1) ?? '')) current.text.pop();
      pending.pop();
      flushPending();
      current = { ...timingAt(line, i, source), text: [] };
      cues.push(current);
    } else if (line === '') {
      flushPending();
      current = undefined;
    } else if (current) {
      current.text.push(line);
    } else {
      pending.push(line);
    }
  }
  flushPending();
  return cues;
}

function timingAt(line: string, index: number, source: string): { start: number; end: number } {
  const timing = parseTimingLine(line);
  if (!timing) {
    throw captionsError(source, `has a malformed time on line ${index + 1}`, 'fix that line (start --> end, as 00:01:02.500) or download the subtitles again');
  }
  return timing;
}
