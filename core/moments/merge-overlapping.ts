import { clampWindow, mentionsInWindow, round1, type TimeWindow, type WindowLimits } from './moment-window.js';
import type { Mention } from './types.js';

/** A scored cluster with its window, before ranking. */
export interface MomentCandidate {
  peak: number;
  score: number;
  mentions: Mention[];
  window: TimeWindow;
}

type Rescore = (peak: number, mentions: Mention[]) => number;

/** A neighbour at least this share of the stronger one's score widens the window when merged. */
const WIDEN_SHARE = 0.5;
/** A moment of its own opens at least this long before its peak (the window rule). */
const MIN_LEAD_S = 1;

interface Gap {
  from: number;
  to: number;
}

function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Index of the first accepted window (sorted by start, disjoint) whose end passes `t` (or reaches it). */
function firstEndingAfter(accepted: readonly MomentCandidate[], t: number, reaching = false): number {
  let low = 0;
  let high = accepted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const end = accepted[middle]!.window.end;
    if (reaching ? end < t : end <= t) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The free stretch between the accepted windows either side of position `index`. */
function gapAt(accepted: readonly MomentCandidate[], index: number, nextIndex: number, limits: WindowLimits): Gap {
  return { from: accepted[index - 1]?.window.end ?? 0, to: accepted[nextIndex]?.window.start ?? limits.durationS };
}

/** The union of both windows, kept inside the gap between the neighbours already accepted. */
function widen(strong: MomentCandidate, weak: MomentCandidate, limits: WindowLimits, gap: Gap): TimeWindow {
  let start = Math.max(gap.from, Math.min(strong.window.start, weak.window.start));
  const end = Math.min(gap.to, Math.max(strong.window.end, weak.window.end));
  // Too long once merged: keep the stronger part's opening, so its peak stays inside.
  if (end - start > limits.maxLength) start = Math.max(start, strong.window.start);
  return clampWindow({ start, end }, limits);
}

/** `strong` with more backing mentions (already chosen for its window) and a new window, rescored. */
function joined(strong: MomentCandidate, window: TimeWindow, extra: Mention[], rescore: Rescore): MomentCandidate {
  const mentions = strong.mentions.concat(extra);
  return { peak: strong.peak, window, mentions, score: rescore(strong.peak, mentions) };
}

/** The weak candidate's own window squeezed into the free gap around its peak, if the limits allow one. */
function fitIntoGap(weak: MomentCandidate, gap: Gap, limits: WindowLimits): TimeWindow | undefined {
  let start = Math.max(gap.from, weak.window.start);
  let end = Math.min(gap.to, weak.window.end);
  if (end - start < limits.minLength) {
    end = Math.min(gap.to, start + limits.minLength);
    start = Math.max(gap.from, end - limits.minLength);
  }
  const window = { start: round1(start), end: round1(end) };
  const length = window.end - window.start;
  const fits = length >= limits.minLength - 1e-9 && length <= limits.maxLength + 1e-9;
  return fits && weak.peak - window.start >= MIN_LEAD_S && weak.peak <= window.end ? window : undefined;
}

/**
 * Settles a candidate whose window overlaps the accepted `accepted[index]` (stronger: accepted
 * first). It never vanishes with its viewers: a comparable one widens the stronger window; one
 * whose peak lies in an accepted window backs that moment; otherwise it keeps a window of its
 * own, trimmed to the free gap around its peak; where none fits, its mentions back the neighbour.
 */
function settle(accepted: MomentCandidate[], index: number, weak: MomentCandidate, limits: WindowLimits, rescore: Rescore): void {
  const hit = accepted[index]!;
  const gap = gapAt(accepted, index, index + 1, limits);
  if (weak.score >= WIDEN_SHARE * hit.score) {
    const window = widen(hit, weak, limits, gap);
    if (weak.peak >= window.start && weak.peak <= window.end) {
      accepted[index] = joined(hit, window, mentionsInWindow(weak.mentions, window), rescore);
      return;
    }
  }
  const at = firstEndingAfter(accepted, weak.peak, true);
  const home = accepted[at];
  if (home && home.window.start <= weak.peak) {
    accepted[at] = joined(home, home.window, mentionsInWindow(weak.mentions, home.window), rescore);
    return;
  }
  const own = fitIntoGap(weak, gapAt(accepted, at, at, limits), limits);
  if (own) {
    const mentions = mentionsInWindow(weak.mentions, own);
    accepted.splice(at, 0, { peak: weak.peak, window: own, mentions, score: rescore(weak.peak, mentions) });
    return;
  }
  accepted[index] = joined(hit, hit.window, weak.mentions, rescore);
}

/**
 * Merges candidates whose windows overlap, strongest first: a comparable neighbour widens the
 * stronger window (never into another accepted one), a small one is absorbed without moving it
 * when its peak lies inside, so chains of weak neighbours cannot drag a window along; a small one
 * beside it keeps its own window, trimmed to the free gap. The result is disjoint and sorted by start.
 */
export function mergeOverlapping(
  candidates: readonly MomentCandidate[],
  limits: WindowLimits,
  rescore: Rescore,
): MomentCandidate[] {
  const byScore = [...candidates].sort((a, b) => b.score - a.score || a.window.start - b.window.start);
  const accepted: MomentCandidate[] = [];
  for (const candidate of byScore) {
    const index = firstEndingAfter(accepted, candidate.window.start);
    const hit = accepted[index];
    if (!hit || !overlaps(hit.window, candidate.window)) accepted.splice(index, 0, candidate);
    else settle(accepted, index, candidate, limits, rescore);
  }
  return accepted;
}
