import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { KirinukiError } from '../errors.js';
import type { RgbImage } from './face-jobs.js';

/** Decodes a JPEG/PNG still into rgb24, scaled down to at most `maxWidth` pixels wide. */
export async function readStillImage(path: string, maxWidth = Infinity): Promise<RgbImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KirinukiError('FILE_NOT_FOUND', `Image not found: ${path}`);
    throw error;
  }
  const picture = await loadImage(bytes).catch((error: unknown) => {
    throw new KirinukiError('UNREADABLE_MEDIA', `${path} is not a readable image: ${String(error)}`);
  });
  const scale = Math.min(1, maxWidth / picture.width);
  const width = Math.max(1, Math.round(picture.width * scale));
  const height = Math.max(1, Math.round(picture.height * scale));
  const context = createCanvas(width, height).getContext('2d');
  context.drawImage(picture, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i]!;
    data[j + 1] = rgba[i + 1]!;
    data[j + 2] = rgba[i + 2]!;
  }
  return { width, height, data };
}
