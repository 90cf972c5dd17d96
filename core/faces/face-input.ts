import { bilinearTaps } from './bilinear-taps.js';
import type { RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

/**
 * A face as face-api's landmark and recognition nets take it, made from the picture's bytes in
 * one pass: the box clipped to the picture and floored (extractFaceTensors), padded with black
 * to a square around its centre (padToSquare) and resized bilinearly the way
 * tf.image.resizeBilinear does without half-pixel centres, as `(value - mean) / divisor`.
 */
export interface FaceInput {
  data: Float32Array;
  size: number;
  /** Picture position of the square's top-left corner, and picture pixels per input pixel. */
  left: number;
  top: number;
  step: number;
}

export interface FaceInputOptions {
  mean?: readonly number[];
  divisor?: number;
}

/** The crop face-api's extractFaceTensors takes: clipped to the picture, every side floored. */
function croppedBox(image: RgbImage, box: FaceBox): FaceBox {
  const x = Math.max(box.x, 0);
  const y = Math.max(box.y, 0);
  const w = Math.min(box.x + box.w - x, image.width - x);
  const h = Math.min(box.y + box.h - y, image.height - y);
  return { x: Math.floor(x), y: Math.floor(y), w: Math.floor(w), h: Math.floor(h) };
}

const lerp = (from: number, to: number, weight: number): number => from + (to - from) * weight;

/** The face's square input, or undefined when the box has almost nothing of the picture in it. */
export function faceInput(image: RgbImage, box: FaceBox, size: number, options: FaceInputOptions = {}): FaceInput | undefined {
  const { mean = [0, 0, 0], divisor = 1 } = options;
  const crop = croppedBox(image, box);
  if (!(crop.w >= 4 && crop.h >= 4)) return undefined;
  const side = Math.max(crop.w, crop.h);
  const diff = side - Math.min(crop.w, crop.h);
  // padToSquare appends round(diff / 2) and puts the rest in front
  const before = diff - Math.round(diff * 0.5);
  const left = crop.x - (crop.w < crop.h ? before : 0);
  const top = crop.y - (crop.h < crop.w ? before : 0);
  const step = side / size;
  const taps = bilinearTaps(size, (i) => i * step, side);
  const stride = image.width * 3;
  // byte offsets of the square's taps in the picture, -1 in the black padding
  const inside = (at: number, start: number, length: number): boolean => at >= start && at < start + length;
  const cols = (picked: Int32Array): Int32Array => picked.map((sx) => (inside(left + sx, crop.x, crop.w) ? (left + sx) * 3 : -1));
  const rows = (picked: Int32Array): Int32Array => picked.map((sy) => (inside(top + sy, crop.y, crop.h) ? (top + sy) * stride : -1));
  const [lowCol, highCol, lowRow, highRow] = [cols(taps.low), cols(taps.high), rows(taps.low), rows(taps.high)];
  const src = image.data;
  const pixel = (row: number, col: number, channel: number): number => (row < 0 || col < 0 ? 0 : src[row + col + channel]!);
  const data = new Float32Array(size * size * 3);
  const k = 1 / divisor;
  let out = 0;
  for (let r = 0; r < size; r += 1) {
    const upper = lowRow[r]!;
    const lower = highRow[r]!;
    const wy = taps.weight[r]!;
    for (let c = 0; c < size; c += 1) {
      const a = lowCol[c]!;
      const b = highCol[c]!;
      const wx = taps.weight[c]!;
      for (let channel = 0; channel < 3; channel += 1) {
        const above = lerp(pixel(upper, a, channel), pixel(upper, b, channel), wx);
        const below = lerp(pixel(lower, a, channel), pixel(lower, b, channel), wx);
        data[out++] = (lerp(above, below, wy) - mean[channel]!) * k;
      }
    }
  }
  return { data, size, left, top, step };
}
