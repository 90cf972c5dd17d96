/** An RGB frame as the frame reader delivers it (rgb24, row-major, no padding). */
export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

const BINS_PER_CHANNEL = 8;
const SHIFT = 8 - Math.log2(BINS_PER_CHANNEL);

/** A joint colour histogram (8x8x8 bins), normalised to sum 1. */
export function colourHistogram(frame: RgbFrame): Float64Array {
  const histogram = new Float64Array(BINS_PER_CHANNEL ** 3);
  const { data } = frame;
  const pixels = frame.width * frame.height;
  for (let i = 0; i < pixels * 3; i += 3) {
    const bin =
      ((data[i]! >> SHIFT) * BINS_PER_CHANNEL + (data[i + 1]! >> SHIFT)) * BINS_PER_CHANNEL +
      (data[i + 2]! >> SHIFT);
    histogram[bin]! += 1;
  }
  for (let b = 0; b < histogram.length; b += 1) histogram[b]! /= Math.max(1, pixels);
  return histogram;
}

/** Half the L1 distance of two normalised histograms: 0 = same colours, 1 = disjoint. */
export function histogramDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / 2;
}

/** Mean absolute difference of two same-sized frames, 0..1. */
export function pixelDifference(a: RgbFrame, b: RgbFrame): number {
  const length = Math.min(a.data.length, b.data.length);
  let sum = 0;
  for (let i = 0; i < length; i += 1) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / Math.max(1, length) / 255;
}

/**
 * How much the picture changes from one frame to the next. The histogram term ignores motion
 * inside a shot; the pixel term catches cuts between shots with the same colours.
 */
export function shotChangeScore(
  previous: { frame: RgbFrame; histogram: Float64Array },
  current: { frame: RgbFrame; histogram: Float64Array },
): number {
  const colour = histogramDistance(previous.histogram, current.histogram);
  const pixels = pixelDifference(previous.frame, current.frame);
  return 0.5 * colour + 0.5 * pixels;
}
