import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { KirinukiError } from '../errors.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';
import { youtubeIdInName } from '../youtube/youtube-id-in-name.js';

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mkv', '.webm', '.mov', '.m4v', '.avi', '.flv', '.ts']);

/** The YouTube id in a file name (`Title [id].ext` or `id.ext`), or undefined. */
export function videoIdFromFileName(name: string): string | undefined {
  const extension = extname(name).toLowerCase();
  if (!VIDEO_EXTENSIONS.has(extension)) return undefined;
  const stem = name.slice(0, -extension.length).normalize('NFC').trimEnd();
  if (isYoutubeVideoId(stem)) return stem;
  // yt-dlp's `%(title)s [%(id)s].%(ext)s`; its format-split names (`Title [id].f137.mp4`) are
  // unmerged parts, not videos, and the one parser of such names does not match them
  return youtubeIdInName(`${stem}${extension}`);
}

/** Maps video id → file for every video file in `dir` named after its id. */
export async function matchVideoFiles(dir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new KirinukiError('FILE_NOT_FOUND', `The video folder ${dir} does not exist.`);
    }
    throw error;
  }
  const byId = new Map<string, string>();
  for (const name of names.sort()) {
    const id = videoIdFromFileName(name);
    // prefer mp4 when the same video exists in several containers
    if (id && (!byId.has(id) || extname(name).toLowerCase() === '.mp4')) byId.set(id, join(dir, name));
  }
  return byId;
}
