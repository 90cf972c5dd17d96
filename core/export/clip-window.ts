import type { TimeWindow } from '../media/time-window.js';

/** Seconds kept before the peak when a long moment is trimmed (at most a quarter of the cap): comments point at the start of the good part. */
export const LEAD_BEFORE_PEAK_S = 3;

/**
 * The part of a moment that fits in `maxS`: the whole window when short enough, otherwise a
 * window of `maxS` that starts a little before the peak (kept inside the moment and the video),
 * so the part viewers pointed at survives instead of being cut off at the end.
 */
export function clipWindow(
  moment: { start: number; end: number; peak: number },
  maxS: number,
  durationS = Number.POSITIVE_INFINITY,
): TimeWindow {
  const start = Math.max(0, moment.start);
  const end = Math.min(durationS, moment.end);
  if (end - start <= maxS) return { start, end };
  const peak = Math.min(Math.max(moment.peak, start), end);
  const lead = Math.min(LEAD_BEFORE_PEAK_S, maxS / 4);
  const from = Math.min(Math.max(start, peak - lead), end - maxS);
  return { start: from, end: from + maxS };
}
