import type { RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

/** A detector input: `size`² rgb floats, `(value - mean) / divisor`, the area scaled to fit and padded with black. */
export interface SquareInput {
  data: Float32Array;
  size: number;
  /** Input pixels per picture pixel. */
  scale: number;
}

interface Taps {
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

/** For each output coordinate, the two source pixels around its centre and the weight of the far one. */
function taps(count: number, start: number, scale: number, limit: number): Taps {
  const low = new Int32Array(count);
  const high = new Int32Array(count);
  const weight = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    const at = Math.min(Math.max(start + (i + 0.5) / scale - 0.5, 0), limit - 1);
    low[i] = Math.floor(at);
    high[i] = Math.min(low[i]! + 1, limit - 1);
    weight[i] = at - low[i]!;
  }
  return { low, high, weight };
}

const scratchBySize = new Map<number, Float32Array>();

/**
 * One buffer per input size, rewritten by every call: the tensor made from it copies the values
 * into the backend's memory, and a fresh megabyte per detector run kept the collector busy.
 */
function scratch(size: number): Float32Array {
  let buffer = scratchBySize.get(size);
  if (!buffer) {
    buffer = new Float32Array(size * size * 3);
    scratchBySize.set(size, buffer);
  }
  return buffer;
}

/**
 * The area of the picture as one square network input, resized (bilinear) and normalised in
 * one pass over the bytes; the black padding at the bottom or right is where face-api puts it.
 */
export function squareInput(image: RgbImage, area: FaceBox, size: number, mean: readonly number[] = [0, 0, 0], divisor = 1): SquareInput {
  const scale = size / Math.max(area.w, area.h);
  const cols = Math.min(size, Math.round(area.w * scale));
  const rows = Math.min(size, Math.round(area.h * scale));
  const x = taps(cols, area.x, scale, image.width);
  const y = taps(rows, area.y, scale, image.height);
  const data = scratch(size);
  const m0 = mean[0]!;
  const m1 = mean[1]!;
  const m2 = mean[2]!;
  const k = 1 / divisor;
  if (rows < size || cols < size) {
    for (let i = (rows < size ? rows * size : 0) * 3; i < data.length; i += 3) {
      data[i] = -m0 * k;
      data[i + 1] = -m1 * k;
      data[i + 2] = -m2 * k;
    }
  }
  const src = image.data;
  const stride = image.width * 3;
  for (let r = 0; r < rows; r += 1) {
    const top = y.low[r]! * stride;
    const bottom = y.high[r]! * stride;
    const wy = y.weight[r]!;
    let out = r * size * 3;
    for (let c = 0; c < cols; c += 1) {
      const left = x.low[c]! * 3;
      const right = x.high[c]! * 3;
      const wx = x.weight[c]!;
      for (let channel = 0; channel < 3; channel += 1) {
        const upper = src[top + left + channel]! + (src[top + right + channel]! - src[top + left + channel]!) * wx;
        const lower = src[bottom + left + channel]! + (src[bottom + right + channel]! - src[bottom + left + channel]!) * wx;
        data[out++] = (upper + (lower - upper) * wy - (channel === 0 ? m0 : channel === 1 ? m1 : m2)) * k;
      }
    }
  }
  return { data, size, scale };
}
