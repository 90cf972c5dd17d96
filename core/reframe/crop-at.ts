import type { CropSample } from '../media/crop-path.js';

/**
 * The crop a piecewise-linear path gives at time t, held before the first and after the last
 * sample. Two samples at the same time are a hard cut: from that time on, the later one holds
 * (as the ffmpeg expression of core/media/crop-path-expression.ts does).
 */
export function cropAt(path: CropSample[], t: number): CropSample {
  const first = path[0];
  if (!first) throw new RangeError('An empty crop path has no crop.');
  if (t < first.t) return { ...first, t };
  let j = 0;
  while (j + 1 < path.length && path[j + 1]!.t <= t) j += 1;
  const previous = path[j]!;
  const next = path[j + 1];
  if (!next) return { ...previous, t };
  const k = (t - previous.t) / (next.t - previous.t);
  const lerp = (a: number, b: number): number => a + (b - a) * k;
  return {
    t,
    x: lerp(previous.x, next.x),
    y: lerp(previous.y, next.y),
    w: lerp(previous.w, next.w),
    h: lerp(previous.h, next.h),
  };
}
