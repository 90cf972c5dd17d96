import type { Mention } from './types.js';

export interface WindowLimits {
  minLength: number;
  maxLength: number;
  durationS: number;
}

export interface TimeWindow {
  start: number;
  end: number;
}

/** Comments point at the start of the funny part, so the clip opens this long before the peak. */
export const LEAD_S = 3;
/** Length of a window when neither ranges nor the heatmap say where it ends. */
export const DEFAULT_LENGTH_S = 20;

/** The weighted median of the range ends the viewers gave (`5:01~5:21`), if any. */
export function rangeEnd(mentions: readonly Mention[]): number | undefined {
  const ranged = mentions.filter((m) => m.end !== undefined).sort((a, b) => a.end! - b.end!);
  if (ranged.length === 0) return undefined;
  const half = ranged.reduce((sum, m) => sum + m.weight, 0) / 2;
  let seen = 0;
  for (const mention of ranged) {
    seen += mention.weight;
    if (seen >= half) return mention.end;
  }
  return ranged[ranged.length - 1]!.end;
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

/** The window of one cluster: LEAD_S before the peak, to the viewers' ranges, the heatmap or the default. */
export function momentWindow(
  peak: number,
  mentions: readonly Mention[],
  heatEnd: number | undefined,
  limits: WindowLimits,
): TimeWindow {
  const start = peak - LEAD_S;
  const proposedEnd = rangeEnd(mentions) ?? heatEnd ?? start + DEFAULT_LENGTH_S;
  const end = Math.max(proposedEnd, peak + 1);
  return clampWindow({ start, end }, limits);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The mentions that point into a window (or just before it, where its lead-in starts). */
export function mentionsInWindow(mentions: readonly Mention[], window: TimeWindow): Mention[] {
  return mentions.filter((m) => m.t >= window.start - LEAD_S && m.t <= window.end);
}
