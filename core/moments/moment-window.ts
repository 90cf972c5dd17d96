import type { Mention } from './types.js';
import { weightedQuantile, type Weighted } from './weighted-quantile.js';

export interface WindowLimits {
  minLength: number;
  maxLength: number;
  durationS: number;
}

export interface TimeWindow {
  start: number;
  end: number;
}

/** Comments point at the start of the funny part, so the clip opens at least this long before the peak. */
export const LEAD_S = 3;
/** Length of a window when neither ranges nor the heatmap say where it ends. */
export const DEFAULT_LENGTH_S = 20;
/**
 * Viewers disagree by a few seconds, most often writing the time a little late: the window opens
 * this long before the early part of its cluster (all but this share of its weight), so it holds
 * the cluster's own earliest mentions and the true start of the moment.
 */
const EARLY_SHARE = 0.1;
const EARLY_MARGIN_S = 2;
/** The late part of the cluster (all but this share of its weight) stays inside the window too. */
const LATE_SHARE = 0.9;
/** A long tail of early stragglers never opens the window more than this before the peak. */
const MAX_LEAD_S = 15;

/** The weighted median of the range ends the viewers gave (`5:01~5:21`), if any. */
export function rangeEnd(mentions: readonly Mention[]): number | undefined {
  const ranged = mentions.filter((m) => m.end !== undefined).map((m) => ({ value: m.end!, weight: m.weight }));
  return weightedQuantile(ranged, 0.5);
}

function mentionTimes(mentions: readonly Mention[]): Weighted[] {
  return mentions.map((m) => ({ value: m.t, weight: m.weight }));
}

/** LEAD_S before the peak, or earlier when the cluster's early part says so (bounded by the limits). */
function windowStart(peak: number, times: readonly Weighted[], limits: WindowLimits): number {
  const early = (weightedQuantile(times, EARLY_SHARE) ?? peak) - EARLY_MARGIN_S;
  const maxLead = Math.max(LEAD_S, Math.min(MAX_LEAD_S, limits.maxLength / 2));
  return peak - Math.min(maxLead, Math.max(LEAD_S, peak - early));
}

/** Fits a window to [minLength, maxLength] inside [0, duration], keeping its start where it can. */
export function clampWindow(window: TimeWindow, limits: WindowLimits): TimeWindow {
  const duration = Math.max(0, limits.durationS);
  let start = Math.min(Math.max(0, window.start), duration);
  let end = Math.min(Math.max(start, window.end), duration);
  if (end - start > limits.maxLength) end = start + limits.maxLength;
  if (end - start < limits.minLength) {
    end = Math.min(duration, start + limits.minLength);
    start = Math.max(0, end - limits.minLength);
  }
  return { start: round1(start), end: round1(end) };
}

/**
 * The window of one cluster: from LEAD_S before its peak (earlier when its viewers' timestamps
 * spread before the peak) to the viewers' ranges, the heatmap or the default length, holding
 * the late part of the cluster.
 */
export function momentWindow(
  peak: number,
  mentions: readonly Mention[],
  heatEnd: number | undefined,
  limits: WindowLimits,
): TimeWindow {
  const times = mentionTimes(mentions);
  const start = windowStart(peak, times, limits);
  const late = (weightedQuantile(times, LATE_SHARE) ?? peak) + 1;
  const proposedEnd = rangeEnd(mentions) ?? heatEnd ?? Math.max(start + DEFAULT_LENGTH_S, late);
  const end = Math.max(proposedEnd, peak + 1);
  return clampWindow({ start, end }, limits);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A mention this little before a window still backs it (a viewer a second early). */
const SLACK_S = 1;

/** The mentions that point into a window (or just before it). */
export function mentionsInWindow(mentions: readonly Mention[], window: TimeWindow): Mention[] {
  return mentions.filter((m) => m.t >= window.start - SLACK_S && m.t <= window.end);
}
