import type { VideoFrame } from '../../core/media/read-frames.js';

/** A region of a frame, in its pixels. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The variance of the 4-neighbour Laplacian of a region's luma: high for a sharp, detailed
 * picture, low for a blurred one.
 */
export function laplacianVariance(frame: VideoFrame, region: Region): number {
  const luma = (x: number, y: number): number => {
    const i = (y * frame.width + x) * 3;
    return 0.299 * frame.data[i]! + 0.587 * frame.data[i + 1]! + 0.114 * frame.data[i + 2]!;
  };
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = region.y + 1; y < region.y + region.h - 1; y += 1) {
    for (let x = region.x + 1; x < region.x + region.w - 1; x += 1) {
      const value = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * luma(x, y);
      sum += value;
      squares += value * value;
      count += 1;
    }
  }
  const mean = sum / count;
  return squares / count - mean * mean;
}

/** The mean luma of each cell of a grid laid over a region: the picture's layout, without its fine detail. */
export function cellMeans(frame: VideoFrame, region: Region, grid: number): number[] {
  const means: number[] = [];
  for (let gy = 0; gy < grid; gy += 1) {
    for (let gx = 0; gx < grid; gx += 1) {
      const x0 = Math.floor(region.x + (gx * region.w) / grid);
      const x1 = Math.floor(region.x + ((gx + 1) * region.w) / grid);
      const y0 = Math.floor(region.y + (gy * region.h) / grid);
      const y1 = Math.floor(region.y + ((gy + 1) * region.h) / grid);
      let sum = 0;
      for (let y = y0; y < y1; y += 1) {
        for (let x = x0; x < x1; x += 1) {
          const i = (y * frame.width + x) * 3;
          sum += 0.299 * frame.data[i]! + 0.587 * frame.data[i + 1]! + 0.114 * frame.data[i + 2]!;
        }
      }
      means.push(sum / Math.max(1, (x1 - x0) * (y1 - y0)));
    }
  }
  return means;
}
