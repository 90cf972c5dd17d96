/** Sum of values[i - before .. i + after] for every i (a moving box sum). */
export function boxSum(values: ArrayLike<number>, before: number, after: number): Float64Array {
  const out = new Float64Array(values.length);
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i += 1) prefix[i + 1] = prefix[i]! + values[i]!;
  for (let i = 0; i < values.length; i += 1) {
    const from = Math.max(0, i - before);
    const to = Math.min(values.length, i + after + 1);
    out[i] = prefix[to]! - prefix[from]!;
  }
  return out;
}

/** How often the rolling median is computed; the values between are interpolated. */
const MEDIAN_STEP = 5;

function medianOf(values: ArrayLike<number>, from: number, to: number): number {
  const part = Array.prototype.slice.call(values, from, to) as number[];
  part.sort((a, b) => a - b);
  return part[Math.floor(part.length / 2)] ?? 0;
}

/**
 * The median of values in a window of ±halfWidth around every index: the stream's own level
 * around a point, which a burst of a minute or less barely moves.
 */
export function rollingMedian(values: ArrayLike<number>, halfWidth: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const anchors: number[] = [];
  for (let i = 0; i < n; i += MEDIAN_STEP) anchors.push(i);
  if (anchors[anchors.length - 1] !== n - 1) anchors.push(n - 1);
  const levels = anchors.map((i) => medianOf(values, Math.max(0, i - halfWidth), Math.min(n, i + halfWidth + 1)));
  for (let a = 0; a + 1 < anchors.length; a += 1) {
    const from = anchors[a]!;
    const to = anchors[a + 1]!;
    for (let i = from; i <= to; i += 1) out[i] = levels[a]! + ((levels[a + 1]! - levels[a]!) * (i - from)) / Math.max(1, to - from);
  }
  if (anchors.length === 1) out[0] = levels[0]!;
  return out;
}
