import type { VideoFrame } from '../media/read-frames.js';

/**
 * What a face-cam's rectangle is found from, per pixel of the analysed (small) frames of one shot:
 * the mean signed brightness step to the right and downwards (a fixed border or picture edge keeps
 * its sign and adds up, moving content averages out) and the mean change between frames.
 */
export interface PixelStats {
  width: number;
  height: number;
  /** Mean of L(x+1, y) - L(x, y); the last column is 0. */
  stepX: Float32Array;
  /** Mean of L(x, y+1) - L(x, y); the last row is 0. */
  stepY: Float32Array;
  /** Mean |L_t(x, y) - L_(t-1)(x, y)| over consecutive frames. */
  change: Float32Array;
  frames: number;
}

/** Rec. 601 luma of packed rgb24, 0–255. */
export function lumaOf(frame: Pick<VideoFrame, 'width' | 'height' | 'data'>): Float32Array {
  const count = frame.width * frame.height;
  const luma = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i += 1, j += 3) {
    luma[i] = 0.299 * frame.data[j]! + 0.587 * frame.data[j + 1]! + 0.114 * frame.data[j + 2]!;
  }
  return luma;
}

/** Adds up the frames of one shot, one at a time (memory: a few frames' worth). */
export class PixelStatsAccumulator {
  private readonly sumX: Float64Array;
  private readonly sumY: Float64Array;
  private readonly sumChange: Float64Array;
  private previous: Float32Array | undefined;
  private frames = 0;
  private changes = 0;

  constructor(readonly width: number, readonly height: number) {
    const count = width * height;
    this.sumX = new Float64Array(count);
    this.sumY = new Float64Array(count);
    this.sumChange = new Float64Array(count);
  }

  add(luma: Float32Array): void {
    const { width, height } = this;
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      for (let x = 0; x < width; x += 1) {
        const i = row + x;
        if (x + 1 < width) this.sumX[i]! += luma[i + 1]! - luma[i]!;
        if (y + 1 < height) this.sumY[i]! += luma[i + width]! - luma[i]!;
      }
    }
    if (this.previous) {
      for (let i = 0; i < luma.length; i += 1) this.sumChange[i]! += Math.abs(luma[i]! - this.previous[i]!);
      this.changes += 1;
    }
    this.previous = luma;
    this.frames += 1;
  }

  get count(): number {
    return this.frames;
  }

  result(): PixelStats {
    const mean = (sums: Float64Array, n: number): Float32Array => Float32Array.from(sums, (v) => v / Math.max(1, n));
    return {
      width: this.width,
      height: this.height,
      stepX: mean(this.sumX, this.frames),
      stepY: mean(this.sumY, this.frames),
      change: mean(this.sumChange, this.changes),
      frames: this.frames,
    };
  }
}
