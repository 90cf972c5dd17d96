import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { KirinukiError } from '../errors.js';
import type { CaptionTrack } from './caption-track.js';
import { captionsError } from './captions-error.js';
import { decodeSubtitleBytes } from './decode-subtitle-bytes.js';
import { parseJson3 } from './parse-json3.js';
import { parseSrt } from './parse-srt.js';
import { parseVtt } from './parse-vtt.js';

/** The readers by file extension (compared lower-case: yt-dlp writes `Title [id].ja.vtt`). */
const READERS: Record<string, (text: string, source: string) => CaptionTrack> = {
  '.json3': parseJson3,
  '.vtt': parseVtt,
  '.srt': parseSrt,
};

/** A 12-hour stream's auto-captions are a few MB; past this the file is something else (a video). */
const MAX_BYTES = 64 * 1024 * 1024;

/** yt-dlp's language part of a subtitle name: `ja`, `en-US`, `zh-Hans`, `en-orig`. */
const LANG_PART = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/**
 * Reads a subtitle file (.json3, .vtt or .srt) into a track. A missing file is FILE_NOT_FOUND; a
 * folder, an empty, oversized, binary or malformed file, or another extension is SUBTITLES_UNREADABLE.
 * The language comes from the file (VTT header) or else from its name.
 */
export async function readCaptions(path: string): Promise<CaptionTrack> {
  await checkIsSmallFile(path);
  const parse = READERS[extname(path).toLowerCase()];
  if (!parse) throw captionsError(path, 'is not a subtitle file Kirinuki reads', 'use a .json3, .vtt or .srt file (yt-dlp --write-subs --sub-format json3)');
  const track = parse(decodeSubtitleBytes(await readBytes(path), path), path);
  const lang = track.lang ?? langFromName(path);
  return lang === undefined ? track : { ...track, lang };
}

async function checkIsSmallFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw captionsError(path, 'is a folder, not a subtitle file', 'pick the .json3, .vtt or .srt file inside it');
    if (info.size > MAX_BYTES) throw captionsError(path, `is ${Math.round(info.size / 1024 / 1024)} MB, too large for a subtitle file`, 'pick the .json3, .vtt or .srt file yt-dlp wrote beside the video');
  } catch (error) {
    throw asReadError(error, path);
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw asReadError(error, path);
  }
}

function asReadError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new KirinukiError('FILE_NOT_FOUND', `Subtitle file not found: ${path}`);
  if (code === 'EACCES' || code === 'EPERM') return captionsError(path, 'cannot be read (permission denied)', 'give Kirinuki read access to it or copy it somewhere readable');
  return error;
}

/** `Title [id].ja.json3` → "ja"; undefined when the name has no language part. */
export function langFromName(path: string): string | undefined {
  const stem = basename(path, extname(path));
  const dot = stem.lastIndexOf('.');
  const part = dot === -1 ? '' : stem.slice(dot + 1);
  return LANG_PART.test(part) ? part : undefined;
}
