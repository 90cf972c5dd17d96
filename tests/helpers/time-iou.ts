import { mergeIntervals, totalLength } from '../../core/faces/merge-intervals.js';

function intersection(a: Array<[number, number]>, b: Array<[number, number]>): number {
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
}

/** Time IoU of two sets of intervals (each unioned first). */
export function timeIou(a: Array<[number, number]>, b: Array<[number, number]>): number {
  const ua = mergeIntervals(a, 0);
  const ub = mergeIntervals(b, 0);
  const inter = intersection(ua, ub);
  return inter / (totalLength(ua) + totalLength(ub) - inter);
}
