import type { youtube_v3 } from '@googleapis/youtube';
import { KirinukiError } from '../errors.js';
import { parseIsoDuration } from './iso-duration.js';
import { threadsToComments } from './threads-to-comments.js';
import type { CommentSet, VideoMeta } from './types.js';
import { requireYoutubeVideoId } from './video-id.js';

/**
 * A parsed comments file `{ video, threads }`: `threads` exactly as `commentThreads.list` returns
 * them, `video` with `id`, `title` and `durationS` or an ISO-8601 `duration`.
 */
export function commentSetFromCommentsFile(value: unknown, path: string): CommentSet {
  const record = asRecord(value, path, 'the file');
  const threads = record.threads;
  if (!Array.isArray(threads)) {
    throw new KirinukiError('INVALID_ARGUMENT', `${path}: "threads" must be an array of commentThread resources.`);
  }
  const video = videoMetaFrom(asRecord(record.video, path, '"video"'), path);
  return { video, comments: threadsToComments(threads as youtube_v3.Schema$CommentThread[], video.channelId) };
}

function videoMetaFrom(video: Record<string, unknown>, path: string): VideoMeta {
  // the id names the project folder: nothing but a real video id may pass
  const id = requireYoutubeVideoId(video.id, `${path}: video.id`);
  const meta: VideoMeta = {
    id,
    title: typeof video.title === 'string' ? video.title : id,
    durationS: durationOf(video, path),
  };
  if (typeof video.channelId === 'string') meta.channelId = video.channelId;
  if (typeof video.channelTitle === 'string') meta.channelTitle = video.channelTitle;
  if (typeof video.publishedAt === 'string') meta.publishedAt = video.publishedAt;
  return meta;
}

function durationOf(video: Record<string, unknown>, path: string): number {
  if (typeof video.durationS === 'number' && Number.isFinite(video.durationS) && video.durationS > 0) {
    return video.durationS;
  }
  if (typeof video.duration === 'string') return parseIsoDuration(video.duration, `${path}: "video.duration"`);
  throw new KirinukiError(
    'INVALID_ARGUMENT',
    `${path}: "video" needs "durationS" (seconds) or "duration" (ISO 8601).`,
  );
}

export function asRecord(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KirinukiError('INVALID_ARGUMENT', `${path}: ${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}
