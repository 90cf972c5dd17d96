import { throwIfAborted } from '../cancel.js';
import { KirinukiError, isKirinukiError } from '../errors.js';
import { projectDir } from '../project/project-dir.js';
import type { StageOptions } from '../progress.js';
import type { RetryOptions } from './call-api.js';
import {
  newCommentCache,
  readCommentCache,
  writeCommentCache,
  type CommentCache,
} from './comment-cache.js';
import { fetchCommentPage } from './fetch-comment-page.js';
import { fetchVideoMeta, type ApiCallContext } from './fetch-video-meta.js';
import { QuotaMeter } from './quota-meter.js';
import { threadsToComments } from './threads-to-comments.js';
import type { VideoMeta } from './types.js';
import { requireYoutubeVideoId } from './video-id.js';
import { createYoutubeClient } from './youtube-client.js';

export const DEFAULT_MAX_COMMENTS = 10_000;

export interface FetchCommentsOptions extends StageOptions {
  /** Projects root; the cache lives in `<root>/<videoId>/`. */
  root?: string;
  refresh?: boolean;
  maxComments?: number;
  apiKey?: string;
  apiRoot?: string;
  quota?: QuotaMeter;
  retry?: RetryOptions;
  /**
   * Told the video's metadata as soon as it is known (cached or one `videos.list`), before any
   * comment page is asked for: it throws to stop the run (a guidelines profile refusing the source).
   */
  checkSource?: (video: VideoMeta) => void;
}

export interface CachedComments {
  cache: CommentCache;
  apiRequests: number;
  fromCache: boolean;
}

/**
 * The video's comments through the Data API, cached in its project folder: a complete (or big
 * enough) cache costs no request, an interrupted fetch resumes from its saved page token, and each
 * page is written before the next is asked for.
 */
export async function fetchCommentsCached(videoId: string, options: FetchCommentsOptions = {}): Promise<CachedComments> {
  requireYoutubeVideoId(videoId, 'the video id');
  const maxComments = validMax(options.maxComments);
  const cached = options.refresh ? undefined : await readCommentCache(options.root, videoId);
  if (cached && isEnough(cached, maxComments)) {
    options.checkSource?.(cached.video);
    options.onProgress?.({ stage: 'comments', fraction: 1, message: 'from cache' });
    return { cache: cached, apiRequests: 0, fromCache: true };
  }
  const context = apiCallContext(options);
  const before = context.quota.requests;
  const cache = cached ?? (await fetchMetaIntoCache(videoId, context, options.root));
  options.checkSource?.(cache.video);
  await fetchRemainingPages(cache, maxComments, context, options);
  return { cache, apiRequests: context.quota.requests - before, fromCache: false };
}

/**
 * The video's metadata: from its project folder when cached (no request), else one `videos.list`,
 * saved there so a later comment fetch does not ask again.
 */
export async function loadVideoMeta(
  videoId: string,
  options: Omit<FetchCommentsOptions, 'maxComments'> = {},
): Promise<{ video: CommentCache['video']; apiRequests: number; fromCache: boolean }> {
  requireYoutubeVideoId(videoId, 'the video id');
  const cached = options.refresh ? undefined : await readCommentCache(options.root, videoId);
  if (cached) return { video: cached.video, apiRequests: 0, fromCache: true };
  const context = apiCallContext(options);
  const before = context.quota.requests;
  const cache = await fetchMetaIntoCache(videoId, context, options.root);
  return { video: cache.video, apiRequests: context.quota.requests - before, fromCache: false };
}

function apiCallContext(options: Omit<FetchCommentsOptions, 'maxComments'>): ApiCallContext {
  return {
    client: createYoutubeClient({ apiKey: options.apiKey, apiRoot: options.apiRoot }),
    quota: options.quota ?? new QuotaMeter(),
    signal: options.signal,
    retry: options.retry,
  };
}

async function fetchMetaIntoCache(videoId: string, context: ApiCallContext, root: string | undefined): Promise<CommentCache> {
  const meta = await fetchVideoMeta(videoId, context);
  const cache = newCommentCache(meta.video, meta.commentCount);
  await writeCommentCache(root, cache);
  return cache;
}

async function fetchRemainingPages(
  cache: CommentCache,
  maxComments: number,
  context: ApiCallContext,
  options: FetchCommentsOptions,
): Promise<void> {
  const videoId = cache.video.id;
  while (!isEnough(cache, maxComments)) {
    throwIfAborted(options.signal);
    const wanted = maxComments - cache.comments.length;
    let page;
    try {
      page = await fetchCommentPage(videoId, cache.fetch.nextPageToken, wanted, context);
    } catch (error) {
      throw explainSaved(error, cache, options.root);
    }
    cache.comments.push(...threadsToComments(page.threads, cache.video.channelId));
    // an empty page or a repeated token ends the listing, so a misbehaving server cannot loop us
    const last = page.nextPageToken === undefined || page.threads.length === 0 || page.nextPageToken === cache.fetch.nextPageToken;
    cache.fetch = {
      complete: last,
      pages: cache.fetch.pages + 1,
      updatedAt: new Date().toISOString(),
    };
    if (!last && page.nextPageToken) cache.fetch.nextPageToken = page.nextPageToken;
    await writeCommentCache(options.root, cache);
    reportProgress(cache, maxComments, options);
  }
}

function isEnough(cache: CommentCache, maxComments: number): boolean {
  return cache.fetch.complete || cache.comments.length >= maxComments;
}

function reportProgress(cache: CommentCache, maxComments: number, options: StageOptions): void {
  if (!options.onProgress) return;
  const done = cache.comments.length;
  const total = Math.min(maxComments, cache.commentCount ?? Infinity);
  const fraction = isEnough(cache, maxComments)
    ? 1
    : Number.isFinite(total) && total > 0
      ? Math.min(0.99, done / total)
      : cache.fetch.pages / (cache.fetch.pages + 1);
  options.onProgress({ stage: 'comments', fraction, message: `${done} comments, ${cache.fetch.pages} pages` });
}

/** A quota stop mid-way keeps what was fetched; the message says how much and that a re-run resumes. */
function explainSaved(error: unknown, cache: CommentCache, root: string | undefined): unknown {
  if (!isKirinukiError(error) || (error.code !== 'QUOTA_EXCEEDED' && error.code !== 'QUOTA_BUDGET_REACHED')) {
    return error;
  }
  const saved = cache.comments.length;
  const where = projectDir(root, cache.video.id);
  return new KirinukiError(
    error.code,
    `${error.message} ${saved} comments of video ${cache.video.id} are saved in ${where}; the next run resumes from there.`,
    { cause: error },
  );
}

function validMax(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_COMMENTS;
  if (!Number.isInteger(value) || value < 1) {
    throw new KirinukiError('INVALID_ARGUMENT', `--max-comments must be a whole number ≥ 1, got ${value}.`);
  }
  return value;
}
