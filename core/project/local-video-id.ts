import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { KirinukiError } from '../errors.js';
import { sanitizeFileName } from '../fs/sanitize-file-name.js';

const SAMPLE_BYTES = 1024 * 1024;
const YTDLP_NAME = /\[([A-Za-z0-9_-]{11})\](?:\.info)?\.[A-Za-z0-9]+$/;

/** The YouTube id in a yt-dlp default file name (`Title [id].ext`), if there is one. */
export function youtubeIdFromFileName(path: string): string | undefined {
  return YTDLP_NAME.exec(basename(path))?.[1];
}

/** A readable, file-system-safe slug of the file's name (Japanese kept, at most 48 bytes). */
function nameSlug(path: string): string {
  const stem = basename(path, extname(path));
  return sanitizeFileName(stem, 48).replace(/[\s.]+/g, '-').replace(/-+/g, '-');
}

async function readSample(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A stable project id for a local video: the YouTube id when its name carries one, otherwise
 * `<name-slug>-<hash>` where the hash covers the name, the size and the first and last MiB, so
 * the same file gives the same id on every run without reading a whole multi-GB file.
 */
export async function localVideoId(path: string): Promise<string> {
  const fromName = youtubeIdFromFileName(path);
  if (fromName) return fromName;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new KirinukiError('FILE_NOT_FOUND', `${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KirinukiError('FILE_NOT_FOUND', `Video file not found: ${path}`);
    }
    throw error;
  }
  const hash = createHash('sha256');
  hash.update(`${basename(path)}\0${size}\0`);
  hash.update(await readSample(path, 0, Math.min(SAMPLE_BYTES, size)));
  if (size > SAMPLE_BYTES) {
    const tail = Math.min(SAMPLE_BYTES, size - SAMPLE_BYTES);
    hash.update(await readSample(path, size - tail, tail));
  }
  return `${nameSlug(path)}-${hash.digest('hex').slice(0, 12)}`;
}
