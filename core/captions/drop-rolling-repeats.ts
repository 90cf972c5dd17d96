import type { CueDraft, DraftLine } from './cue-draft.js';

/**
 * Cues this close (start after the previous cue's end) are one continuous display. YouTube's
 * auto-VTT chains its cues with no gap at all; the margin covers converters that round times.
 */
const CONTIGUOUS_S = 0.5;

/**
 * Rolling ("roll-up") captions, as YouTube's auto-VTT and SRT converted from it write them, show
 * each line twice: first as the new bottom line, then carried up on top while the next line comes
 * in, with a 10 ms cue between that repeats it alone. Each cue keeps only its new lines: the lines
 * it opens with that the cue just before ended with are dropped, and a cue left with nothing new
 * stretches the cue it repeats. The same words said again after a pause (a gap) stay a cue of their own.
 */
export function dropRollingRepeats(drafts: readonly CueDraft[]): CueDraft[] {
  const kept: CueDraft[] = [];
  let shown: CueDraft | undefined;
  for (const draft of [...drafts].sort((a, b) => a.start - b.start)) {
    const lines = draft.lines.filter((line) => line.text !== '');
    const rolls = shown !== undefined && draft.start <= shown.end + CONTIGUOUS_S;
    const carried = rolls ? carriedLines(shown?.lines ?? [], lines) : 0;
    const fresh = lines.slice(carried);
    const last = kept.at(-1);
    if (fresh.length > 0) kept.push({ ...draft, lines: fresh });
    else if (carried > 0 && last) last.end = Math.max(last.end, draft.end);
    shown = { ...draft, lines };
  }
  return kept;
}

/** How many of `next`'s first lines repeat the last lines of `before` (the most that do). */
function carriedLines(before: readonly DraftLine[], next: readonly DraftLine[]): number {
  for (let k = Math.min(before.length, next.length); k > 0; k -= 1) {
    const tail = before.slice(before.length - k);
    if (tail.every((line, j) => line.text === next[j]?.text)) return k;
  }
  return 0;
}
