import type { RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

/** A detector input: `size`² rgb floats (0–255), the area scaled to fit and padded with black. */
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

/**
 * The area of the picture as one square detector input, resized (bilinear) here in one pass
 * over the bytes. face-api would slice, cast, pad and resize the whole crop as tensor ops
 * first, which costs twice the tiny detector's own work on a 128 px input; the black padding
 * at the bottom or right is the one face-api adds, so boxes come out the same.
 */
export function squareInput(image: RgbImage, area: FaceBox, size: number): SquareInput {
  const scale = size / Math.max(area.w, area.h);
  const cols = Math.min(size, Math.round(area.w * scale));
  const rows = Math.min(size, Math.round(area.h * scale));
  const x = taps(cols, area.x, scale, image.width);
  const y = taps(rows, area.y, scale, image.height);
  const data = new Float32Array(size * size * 3);
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
      for (let k = 0; k < 3; k += 1) {
        const upper = src[top + left + k]! + (src[top + right + k]! - src[top + left + k]!) * wx;
        const lower = src[bottom + left + k]! + (src[bottom + right + k]! - src[bottom + left + k]!) * wx;
        data[out++] = upper + (lower - upper) * wy;
      }
    }
  }
  return { data, size, scale };
}
