import { createCanvas, ImageData } from '@napi-rs/canvas';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { clipBox } from './box-geometry.js';
import type { RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

/** The face with some room around it (`margin` × its size on each side), copied out of the frame. */
export function cropFace(image: RgbImage, box: FaceBox, margin = 0.35): RgbImage {
  const grown = { x: box.x - box.w * margin, y: box.y - box.h * margin, w: box.w * (1 + 2 * margin), h: box.h * (1 + 2 * margin) };
  const c = clipBox(grown, image.width, image.height);
  const x0 = Math.floor(c.x);
  const y0 = Math.floor(c.y);
  const width = Math.max(1, Math.min(image.width - x0, Math.round(c.w)));
  const height = Math.max(1, Math.min(image.height - y0, Math.round(c.h)));
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row += 1) {
    const start = ((y0 + row) * image.width + x0) * 3;
    data.set(image.data.subarray(start, start + width * 3), row * width * 3);
  }
  return { width, height, data };
}

/** Encodes an rgb24 picture as JPEG (through @napi-rs/canvas) and writes it atomically. */
export async function writeFaceThumbnail(image: RgbImage, path: string): Promise<void> {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i += 3, j += 4) {
    rgba[j] = image.data[i]!;
    rgba[j + 1] = image.data[i + 1]!;
    rgba[j + 2] = image.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  await writeFileAtomic(path, await canvas.encode('jpeg', 90));
}
