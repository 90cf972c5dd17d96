import { clampWindow, mentionsInWindow, type TimeWindow, type WindowLimits } from './moment-window.js';
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

function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Index of the first accepted window (sorted by start, disjoint) that ends after `start`. */
function firstEndingAfter(accepted: readonly MomentCandidate[], start: number): number {
  let low = 0;
  let high = accepted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (accepted[middle]!.window.end <= start) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Gap {
  from: number;
  to: number;
}

/** The union of both windows, kept inside the gap between the neighbours already accepted. */
function widen(strong: MomentCandidate, weak: MomentCandidate, limits: WindowLimits, gap: Gap): TimeWindow {
  let start = Math.max(gap.from, Math.min(strong.window.start, weak.window.start));
  const end = Math.min(gap.to, Math.max(strong.window.end, weak.window.end));
  // Too long once merged: keep the stronger part's opening, so its peak stays inside.
  if (end - start > limits.maxLength) start = Math.max(start, strong.window.start);
  return clampWindow({ start, end }, limits);
}

function absorb(strong: MomentCandidate, weak: MomentCandidate, limits: WindowLimits, rescore: Rescore, gap: Gap): MomentCandidate {
  const comparable = weak.score >= WIDEN_SHARE * strong.score;
  const window = comparable ? widen(strong, weak, limits, gap) : strong.window;
  const inside = comparable || (weak.peak >= window.start && weak.peak <= window.end);
  if (!inside) return strong;
  const mentions = mentionsInWindow(strong.mentions.concat(weak.mentions), window);
  return { peak: strong.peak, mentions, window, score: rescore(strong.peak, mentions) };
}

/**
 * Merges candidates whose windows overlap, strongest first: a comparable neighbour widens the
 * stronger window (never into another accepted one), a small one is absorbed without moving it
 * (its mentions count when its peak lies inside), so chains of weak neighbours cannot drag a
 * window along. The result is disjoint.
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
    if (!hit || !overlaps(hit.window, candidate.window)) {
      accepted.splice(index, 0, candidate);
      continue;
    }
    const gap = {
      from: accepted[index - 1]?.window.end ?? 0,
      to: accepted[index + 1]?.window.start ?? limits.durationS,
    };
    accepted[index] = absorb(hit, candidate, limits, rescore, gap);
  }
  return accepted;
}
