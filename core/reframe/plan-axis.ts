import { desiredPositions, followAxis, gaussianSmooth, type CameraLimits } from './follow-axis.js';

/** The subject's extent along one axis at each step, e.g. the left and right edges of the face. */
export interface AxisExtent {
  start: number[];
  end: number[];
}

export interface AxisPlan {
  mode: 'still' | 'follow';
  positions: number[];
}

/** The camera holds still while the subject's centre stays within this share of the crop. */
export const HOLD_TOLERANCE = 0.3;

/** Seconds each side over which the subject's extremes bound the crop. */
const ENVELOPE_S = 0.2;

/** The min (or max) of each value's neighbourhood of `reach` steps each side. */
function rolling(values: number[], reach: number, pick: (...v: number[]) => number): number[] {
  return values.map((_, i) => pick(...values.slice(Math.max(0, i - reach), i + reach + 1)));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** One crop position for the whole shot, centred on where the subject spends it. */
function holdPosition(extent: AxisExtent, cropSize: number, frameSize: number): number {
  const low = percentile(extent.start, 0.05);
  const high = percentile(extent.end, 0.95);
  return clamp((low + high) / 2 - cropSize / 2, 0, frameSize - cropSize);
}

/**
 * Plans one axis of the camera over a shot, AutoFlip-style: a still camera when the subject's
 * centre moves less than HOLD_TOLERANCE of the crop (so a talking head never makes it wobble),
 * otherwise a smoothed, speed- and acceleration-limited follow that keeps the subject inside.
 */
export function planAxis(
  extent: AxisExtent,
  cropSize: number,
  frameSize: number,
  dt: number,
  limits: CameraLimits,
): AxisPlan {
  const steps = extent.start.length;
  const max = Math.max(0, frameSize - cropSize);
  if (max === 0) return { mode: 'still', positions: new Array<number>(steps).fill(0) };
  // the detector's boxes jitter by a good part of their size; the camera answers to real motion
  const sigma = limits.smoothingS / dt;
  const smooth = { start: gaussianSmooth(extent.start, sigma), end: gaussianSmooth(extent.end, sigma) };
  const centres = smooth.start.map((s, i) => (s + smooth.end[i]!) / 2);
  const spread = percentile(centres, 0.95) - percentile(centres, 0.05);
  if (spread <= HOLD_TOLERANCE * cropSize) {
    return { mode: 'still', positions: new Array<number>(steps).fill(holdPosition(smooth, cropSize, frameSize)) };
  }
  // the crop must hold the box as the detector drew it, jitter included: bound by its envelope
  const reach = Math.round(ENVELOPE_S / dt);
  const envelope = {
    start: gaussianSmooth(rolling(extent.start, reach, Math.min), sigma / 2),
    end: gaussianSmooth(rolling(extent.end, reach, Math.max), sigma / 2),
  };
  const margin = (i: number): number =>
    clamp((cropSize - (envelope.end[i]! - envelope.start[i]!)) / 2, 0, 0.08 * cropSize);
  const bounds = {
    low: envelope.end.map((end, i) => end + margin(i) - cropSize),
    high: envelope.start.map((start, i) => start - margin(i)),
    max,
  };
  const desired = desiredPositions(centres, cropSize, dt, limits, bounds);
  return { mode: 'follow', positions: followAxis(desired, dt, limits, max) };
}

/** The steps a camera path keeps: every `every`-th one and the last (a still camera: the two ends). */
export function keptSteps(count: number, every: number): number[] {
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0 || i === count - 1);
}
