import { KirinukiError } from '../errors.js';
import { asRecord } from './read-comments-file.js';
import type { Chapter, CommentSet, HeatmapPoint, VideoComment, VideoMeta } from './types.js';
import { requireYoutubeVideoId } from './video-id.js';
import { availabilityFromYtDlp } from './video-availability.js';

/** A parsed yt-dlp `.info.json` (written with `--write-comments`): comments, heatmap, chapters, duration. */
export function commentSetFromInfoJson(value: unknown, path: string): CommentSet {
  const info = asRecord(value, path, 'the file');
  const video = videoMetaFrom(info, path);
  const set: CommentSet = { video, comments: commentsFrom(info.comments, path) };
  const heatmap = heatmapFrom(info.heatmap);
  if (heatmap.length > 0) set.heatmap = heatmap;
  const chapters = chaptersFrom(info.chapters);
  if (chapters.length > 0) set.chapters = chapters;
  return set;
}

function videoMetaFrom(info: Record<string, unknown>, path: string): VideoMeta {
  // the id names the project folder: nothing but a real video id may pass
  const id = requireYoutubeVideoId(info.id, `${path}: id`);
  if (typeof info.duration !== 'number' || !(info.duration > 0)) {
    throw new KirinukiError('INVALID_ARGUMENT', `${path}: "duration" must be the video length in seconds.`);
  }
  const meta: VideoMeta = {
    id,
    title: typeof info.title === 'string' ? info.title : id,
    durationS: info.duration,
  };
  if (typeof info.channel_id === 'string') meta.channelId = info.channel_id;
  const channel = info.channel ?? info.uploader;
  if (typeof channel === 'string') meta.channelTitle = channel;
  if (typeof info.upload_date === 'string' && /^\d{8}$/.test(info.upload_date)) {
    const d = info.upload_date;
    meta.publishedAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  }
  return { ...meta, ...timesAndAvailability(info) };
}

/**
 * What a guidelines profile checks: `availability`, and the exact times yt-dlp gives
 * (`release_timestamp`: a stream's start or a premiere; `timestamp`: the upload), a past
 * stream's end taken as its start plus its length (yt-dlp has no end time).
 */
function timesAndAvailability(info: Record<string, unknown>): Partial<VideoMeta> {
  const meta: Partial<VideoMeta> = {};
  const availability = availabilityFromYtDlp(info.availability);
  if (availability) meta.availability = availability;
  const released = isNumber(info.release_timestamp) ? info.release_timestamp : isNumber(info.timestamp) ? info.timestamp : undefined;
  if (released === undefined) return meta;
  meta.publishedAt = new Date(released * 1000).toISOString();
  const wasLive = info.was_live === true || info.live_status === 'was_live' || info.live_status === 'post_live';
  if (wasLive && isNumber(info.duration)) meta.liveEndedAt = new Date((released + info.duration) * 1000).toISOString();
  return meta;
}

function commentsFrom(value: unknown, path: string): VideoComment[] {
  if (value === undefined || value === null) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `${path} has no "comments": write it with yt-dlp --write-comments.`,
    );
  }
  if (!Array.isArray(value)) throw new KirinukiError('INVALID_ARGUMENT', `${path}: "comments" must be an array.`);
  return value.filter(isRecord).map(toComment);
}

function toComment(raw: Record<string, unknown>, index: number): VideoComment {
  const id = typeof raw.id === 'string' ? raw.id : `comment-${index}`;
  const authorId = stringOr(raw.author_id, stringOr(raw.author, ''));
  const comment: VideoComment = {
    id,
    text: stringOr(raw.text, ''),
    likes: typeof raw.like_count === 'number' ? raw.like_count : 0,
    authorId,
  };
  if (typeof raw.author === 'string') comment.authorName = raw.author;
  if (raw.author_is_uploader === true) comment.isUploader = true;
  if (typeof raw.parent === 'string' && raw.parent !== 'root') comment.parentId = raw.parent;
  if (typeof raw.timestamp === 'number') comment.publishedAt = new Date(raw.timestamp * 1000).toISOString();
  return comment;
}

function heatmapFrom(value: unknown): HeatmapPoint[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .filter((p) => isNumber(p.start_time) && isNumber(p.end_time) && isNumber(p.value))
    .map((p) => ({ start: p.start_time as number, end: p.end_time as number, value: p.value as number }));
}

function chaptersFrom(value: unknown): Chapter[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .filter((c) => isNumber(c.start_time) && isNumber(c.end_time))
    .map((c) => ({ start: c.start_time as number, end: c.end_time as number, title: stringOr(c.title, '') }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
