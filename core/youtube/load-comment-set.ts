import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { StageOptions } from '../progress.js';
import { fetchCommentsCached, type FetchCommentsOptions } from './fetch-comments-cached.js';
import { parseVideoSource, type Source } from './parse-source.js';
import { readOfflineCommentSet, readSiblingInfoJson } from './read-offline-comment-set.js';
import type { CommentSet, VideoComment } from './types.js';
import { youtubeIdInName } from './youtube-id-in-name.js';

export { loadVideoMeta } from './fetch-comments-cached.js';
export { readOfflineCommentSet } from './read-offline-comment-set.js';
export { youtubeIdInName } from './youtube-id-in-name.js';

export interface LoadCommentsOptions extends FetchCommentsOptions {
  /** An offline `{video, threads}` file or yt-dlp .info.json, used instead of the Data API. */
  commentsFile?: string;
}

export interface LoadedComments {
  commentSet: CommentSet;
  /** Comments + replies loaded. */
  commentsFetched: number;
  /** HTTP requests this call made (0 from the cache or an offline file). */
  apiRequests: number;
  fromCache: boolean;
  /** Set when yt-dlp read them from the watch page (no Data API key). */
  via?: 'yt-dlp';
}

/**
 * The one entry point for a video's comments: a URL or id (Data API, cached in the project folder),
 * a yt-dlp .info.json, a `{video, threads}` comments file, or a local video with `commentsFile`
 * (or a yt-dlp `[id]` in its name).
 */
export async function loadCommentSet(source: string, options: LoadCommentsOptions = {}): Promise<LoadedComments> {
  throwIfAborted(options.signal);
  const parsed = parseVideoSource(source);
  if (options.commentsFile !== undefined) return fromCommentsFile(options.commentsFile, expectedId(parsed), options);
  switch (parsed.kind) {
    case 'info-json':
    case 'comments-file':
      return fromCommentsFile(parsed.path, undefined, options);
    case 'video':
      return fromApi(parsed.videoId, options);
    case 'file': {
      const sibling = await readSiblingInfoJson(parsed.path);
      if (sibling) return offlineResult(sibling, options);
      return fromApi(videoIdOfLocalFile(parsed.path), options);
    }
  }
}

async function fromCommentsFile(path: string, videoId: string | undefined, options: StageOptions): Promise<LoadedComments> {
  const commentSet = await readOfflineCommentSet(path);
  if (videoId !== undefined && commentSet.video.id !== videoId) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `${path} holds comments of video ${commentSet.video.id}, not of ${videoId}.`,
    );
  }
  return offlineResult(commentSet, options);
}

function offlineResult(commentSet: CommentSet, options: StageOptions): LoadedComments {
  const count = commentSet.comments.length;
  options.onProgress?.({ stage: 'comments', fraction: 1, message: `${count} comments from a file` });
  return { commentSet, commentsFetched: count, apiRequests: 0, fromCache: false };
}

async function fromApi(videoId: string, options: LoadCommentsOptions): Promise<LoadedComments> {
  const { cache, apiRequests, fromCache } = await fetchCommentsCached(videoId, options);
  const comments: VideoComment[] = cache.comments;
  return { commentSet: { video: cache.video, comments }, commentsFetched: comments.length, apiRequests, fromCache };
}

/** The video id a `--comments` file must match, when the source names one. */
function expectedId(source: Exclude<Source, { kind: 'channel' }>): string | undefined {
  if (source.kind === 'video') return source.videoId;
  if (source.kind === 'file') return youtubeIdInName(source.path);
  return undefined;
}

function videoIdOfLocalFile(path: string): string {
  const id = youtubeIdInName(path);
  if (id === undefined) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `${path} has no YouTube video id in its name ("Title [id].mp4"); pass its comments with --comments FILE.`,
    );
  }
  return id;
}
