import { bilinearTaps } from './bilinear-taps.js';
import type { RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

/**
 * A detector input: rgb floats `(value - mean) / divisor`, row-major, the area scaled so its
 * long side is the asked size, padded with black at the bottom and right up to a multiple of
 * `multiple` on each side.
 */
export interface DetectorInput {
  data: Float32Array;
  width: number;
  height: number;
  /** Input pixels per picture pixel. */
  scale: number;
}

export interface DetectorInputOptions {
  mean?: readonly number[];
  divisor?: number;
  /** Both sides are padded up to a multiple of this (the network's stride); default 1. */
  multiple?: number;
}

const scratchBySize = new Map<string, Float32Array>();

/**
 * One buffer per input size, rewritten by every call: the tensor made from it copies the values
 * into the backend's memory, and a fresh megabyte per detector run kept the collector busy.
 */
function scratch(width: number, height: number): Float32Array {
  const key = `${width}x${height}`;
  let buffer = scratchBySize.get(key);
  if (!buffer) {
    buffer = new Float32Array(width * height * 3);
    scratchBySize.set(key, buffer);
  }
  return buffer;
}

function padded(length: number, multiple: number): number {
  return Math.max(multiple, Math.ceil(length / multiple) * multiple);
}

/**
 * The area of the picture as one network input, resized (bilinear) and normalised in one pass
 * over the bytes. Only the area's own shape is kept: a 16:9 frame is not padded to a square,
 * which a fully convolutional detector does not need (a 320 px pass over 640x360 reads 320x192
 * values instead of 320x320).
 */
export function detectorInput(image: RgbImage, area: FaceBox, longSide: number, options: DetectorInputOptions = {}): DetectorInput {
  const { mean = [0, 0, 0], divisor = 1, multiple = 1 } = options;
  const scale = longSide / Math.max(area.w, area.h);
  const cols = Math.max(1, Math.min(longSide, Math.round(area.w * scale)));
  const rows = Math.max(1, Math.min(longSide, Math.round(area.h * scale)));
  const width = padded(cols, multiple);
  const height = padded(rows, multiple);
  // half-pixel centres: output pixel i covers source [start + i / scale, start + (i + 1) / scale)
  const x = bilinearTaps(cols, (i) => area.x + (i + 0.5) / scale - 0.5, image.width);
  const y = bilinearTaps(rows, (i) => area.y + (i + 0.5) / scale - 0.5, image.height);
  const data = scratch(width, height);
  const m0 = mean[0]!;
  const m1 = mean[1]!;
  const m2 = mean[2]!;
  const k = 1 / divisor;
  if (rows < height || cols < width) {
    for (let i = (cols < width ? 0 : rows * width) * 3; i < data.length; i += 3) {
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
    let out = r * width * 3;
    for (let c = 0; c < cols; c += 1) {
      // the four source pixels' byte offsets; the three channels written out (the face stage's
      // hottest JavaScript: 20 % faster than a loop over the channels)
      const a = top + x.low[c]! * 3;
      const b = top + x.high[c]! * 3;
      const d = bottom + x.low[c]! * 3;
      const e = bottom + x.high[c]! * 3;
      const wx = x.weight[c]!;
      let upper = src[a]! + (src[b]! - src[a]!) * wx;
      let lower = src[d]! + (src[e]! - src[d]!) * wx;
      data[out] = (upper + (lower - upper) * wy - m0) * k;
      upper = src[a + 1]! + (src[b + 1]! - src[a + 1]!) * wx;
      lower = src[d + 1]! + (src[e + 1]! - src[d + 1]!) * wx;
      data[out + 1] = (upper + (lower - upper) * wy - m1) * k;
      upper = src[a + 2]! + (src[b + 2]! - src[a + 2]!) * wx;
      lower = src[d + 2]! + (src[e + 2]! - src[d + 2]!) * wx;
      data[out + 2] = (upper + (lower - upper) * wy - m2) * k;
      out += 3;
    }
  }
  return { data, width, height, scale };
}
