import { KirinukiError } from '../errors.js';
import { roundTo } from '../math/round-to.js';
import type { CropSample } from './crop-path.js';

export interface CropRect {
  w: number;
  h: number;
}

export interface CropPathExpression {
  /** Constant crop size (ffmpeg's crop cannot change size per frame). */
  w: number;
  h: number;
  /** ffmpeg expressions in `t` (seconds from the clip start) for the crop's top-left corner. */
  x: string;
  y: string;
}

/**
 * Turns a crop path into the crop filter's per-frame `x`/`y` expressions, piecewise-linear between
 * samples and held before the first and after the last. The expression is a flat sum with one
 * `slope*(clip(t,a,b)-a)` term per moving segment (a held camera adds nothing), so hundreds of
 * samples stay a few kB and cost ffmpeg one pass over the terms per frame. Two samples with the
 * same `t` are a hard cut (a shot change): the crop jumps there.
 *
 * The crop keeps the aspect `aspect` (width / height) at the path's largest size, centred on each
 * sample's centre and kept inside the `frame`.
 */
export function cropPathExpression(
  path: CropSample[],
  frame: { width: number; height: number },
  aspect: number,
): CropPathExpression {
  if (path.length === 0) {
    throw new KirinukiError('INVALID_ARGUMENT', 'The crop path has no samples.');
  }
  const samples = [...path].sort((a, b) => a.t - b.t);
  const size = cropSize(samples, frame, aspect);
  const xs = samples.map((s) => clamp(s.x + s.w / 2 - size.w / 2, 0, frame.width - size.w));
  const ys = samples.map((s) => clamp(s.y + s.h / 2 - size.h / 2, 0, frame.height - size.h));
  const ts = samples.map((s) => s.t);
  return { ...size, x: piecewiseLinear(ts, xs), y: piecewiseLinear(ts, ys) };
}

/**
 * The crop boxes the expression of the same path gives at its samples (its constant size, the
 * corner clamped into the frame): linear between them, as the crop filter moves (the portrait preview).
 */
export function cropPathBoxes(
  path: CropSample[],
  frame: { width: number; height: number },
  aspect: number,
): CropSample[] {
  if (path.length === 0) throw new KirinukiError('INVALID_ARGUMENT', 'The crop path has no samples.');
  const samples = [...path].sort((a, b) => a.t - b.t);
  const size = cropSize(samples, frame, aspect);
  return samples.map((s) => ({
    t: s.t,
    x: clamp(s.x + s.w / 2 - size.w / 2, 0, frame.width - size.w),
    y: clamp(s.y + s.h / 2 - size.h / 2, 0, frame.height - size.h),
    w: size.w,
    h: size.h,
  }));
}

function cropSize(samples: CropSample[], frame: { width: number; height: number }, aspect: number): CropRect {
  const widest = Math.max(...samples.map((s) => Math.max(s.w, s.h * aspect)));
  const w = even(Math.min(widest, frame.width, frame.height * aspect));
  const h = even(Math.min(w / aspect, frame.height));
  if (w < 2 || h < 2) throw new KirinukiError('INVALID_ARGUMENT', 'The crop path has an empty crop.');
  return { w, h };
}

/** Exported for tests: the same value ffmpeg will compute, evaluated in JS. */
export function piecewiseLinear(ts: number[], values: number[]): string {
  const start = roundTo(values[0]!, 2);
  const terms: string[] = [`${start}`];
  for (let i = 0; i + 1 < ts.length; i += 1) {
    const dt = ts[i + 1]! - ts[i]!;
    const dv = values[i + 1]! - values[i]!;
    if (Math.abs(dv) < 0.01) continue;
    const a = roundTo(ts[i]!, 4);
    const b = roundTo(ts[i + 1]!, 4);
    // two samples at the same time are a hard cut: a step, not a slope
    if (b <= a) terms.push(`${roundTo(dv, 2)}*gte(t,${a})`);
    else terms.push(`${roundTo(dv / dt, 4)}*(clip(t,${a},${b})-${a})`);
  }
  return terms.join('+').replace(/\+-/g, '-');
}

function even(value: number): number {
  return Math.max(0, Math.floor(value / 2) * 2);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

