import { existsSync } from 'node:fs';
import { KirinukiError } from '../errors.js';
import { readJsonFile } from '../fs/read-json.js';
import { commentSetFromCommentsFile } from './read-comments-file.js';
import { commentSetFromInfoJson } from './read-info-json.js';
import type { CommentSet } from './types.js';
import { youtubeIdInName } from './youtube-id-in-name.js';

/** Reads an offline comments file of either shape (`{video, threads}` or yt-dlp's info.json). */
export async function readOfflineCommentSet(path: string): Promise<CommentSet> {
  const value = await readJsonFile(path);
  const record = value as Record<string, unknown> | null;
  if (record && typeof record === 'object' && Array.isArray(record.threads)) return commentSetFromCommentsFile(value, path);
  if (record && typeof record === 'object' && ('comments' in record || 'extractor' in record || 'duration' in record)) {
    return commentSetFromInfoJson(value, path);
  }
  throw new KirinukiError('INVALID_ARGUMENT', `${path} is neither a {video, threads} comments file nor a yt-dlp .info.json.`);
}

/**
 * yt-dlp's `--write-info-json --write-comments` leaves `Title [id].info.json` beside `Title [id].mp4`;
 * its comments, when it has them.
 */
export async function readSiblingInfoJson(videoPath: string): Promise<CommentSet | undefined> {
  const id = youtubeIdInName(videoPath);
  if (id === undefined) return undefined;
  const candidate = videoPath.replace(/\.[^.\\/]+$/, '.info.json');
  if (candidate === videoPath || !existsSync(candidate)) return undefined;
  const value = await readJsonFile(candidate);
  const info = value as { id?: unknown; comments?: unknown } | null;
  if (info?.id !== id || !Array.isArray(info.comments)) return undefined;
  return commentSetFromInfoJson(value, candidate);
}
