import type { RgbImage } from './face-jobs.js';

/** The grey thumbnail keeps every STEPth pixel of every STEPth row. */
export const SIGNATURE_STEP = 4;
const STEP = SIGNATURE_STEP;
const BINS = 8;
const SHIFT = 5;

/** A cheap fingerprint of a frame: a colour histogram and a grey thumbnail of every 4th pixel. */
export interface FrameSignature {
  histogram: Float32Array;
  grey: Uint8Array;
}

export function frameSignature(image: RgbImage): FrameSignature {
  const histogram = new Float32Array(BINS * BINS * BINS);
  const cols = Math.ceil(image.width / STEP);
  const rows = Math.ceil(image.height / STEP);
  const grey = new Uint8Array(cols * rows);
  let n = 0;
  for (let y = 0; y < image.height; y += STEP) {
    for (let x = 0; x < image.width; x += STEP) {
      const i = (y * image.width + x) * 3;
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      histogram[((r >> SHIFT) * BINS + (g >> SHIFT)) * BINS + (b >> SHIFT)]! += 1;
      grey[n++] = (r * 77 + g * 150 + b * 29) >> 8;
    }
  }
  for (let i = 0; i < histogram.length; i += 1) histogram[i]! /= Math.max(1, n);
  return { histogram, grey };
}

/**
 * How different two frames look, 0..1: half colour-histogram distance (ignores motion), half
 * mean grey difference (catches cuts between shots of the same colours).
 */
export function signatureChange(a: FrameSignature, b: FrameSignature): number {
  let colour = 0;
  for (let i = 0; i < a.histogram.length; i += 1) colour += Math.abs(a.histogram[i]! - b.histogram[i]!);
  let grey = 0;
  const n = Math.min(a.grey.length, b.grey.length);
  for (let i = 0; i < n; i += 1) grey += Math.abs(a.grey[i]! - b.grey[i]!);
  return 0.25 * colour + (0.5 * grey) / Math.max(1, n) / 255;
}
