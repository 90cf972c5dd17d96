import { KirinukiError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { projectFile } from '../project/project-dir.js';
import type { VideoComment, VideoMeta } from './types.js';

export const COMMENT_CACHE_FILE = 'comments.json';
const CACHE_VERSION = 1;

/** Where the Data API fetch stands; written after every page so a failed run resumes. */
export interface CommentFetchState {
  complete: boolean;
  /** The page to fetch next; undefined with `complete: false` means start from the first page. */
  nextPageToken?: string;
  pages: number;
  updatedAt: string;
}

/** `<root>/<videoId>/comments.json`: the video's metadata, its comments so far and the fetch state. */
export interface CommentCache {
  version: typeof CACHE_VERSION;
  video: VideoMeta;
  commentCount?: number;
  comments: VideoComment[];
  fetch: CommentFetchState;
}

export function commentCachePath(root: string | undefined, videoId: string): string {
  return projectFile(root, videoId, COMMENT_CACHE_FILE);
}

export async function readCommentCache(root: string | undefined, videoId: string): Promise<CommentCache | undefined> {
  const path = commentCachePath(root, videoId);
  let value: unknown;
  try {
    value = await readJsonIfExists(path);
  } catch (error) {
    throw corrupt(path, (error as Error).message);
  }
  if (value === undefined) return undefined;
  return validate(value, path, videoId);
}

export async function writeCommentCache(root: string | undefined, cache: CommentCache): Promise<void> {
  // compact: the cache is rewritten after every page, so its size is paid again and again
  await writeFileAtomic(commentCachePath(root, cache.video.id), JSON.stringify(cache));
}

export function newCommentCache(video: VideoMeta, commentCount?: number): CommentCache {
  const cache: CommentCache = {
    version: CACHE_VERSION,
    video,
    comments: [],
    fetch: { complete: false, pages: 0, updatedAt: new Date().toISOString() },
  };
  if (commentCount !== undefined) cache.commentCount = commentCount;
  return cache;
}

function validate(value: unknown, path: string, videoId: string): CommentCache {
  const cache = value as Partial<CommentCache> | null;
  if (typeof cache !== 'object' || cache === null) throw corrupt(path, 'not a JSON object');
  if (typeof cache.version === 'number' && cache.version > CACHE_VERSION) {
    throw new KirinukiError('PROJECT_TOO_NEW', `${path} was written by a newer Kirinuki (version ${cache.version}).`);
  }
  if (cache.version !== CACHE_VERSION) throw corrupt(path, 'unknown version');
  if (cache.video?.id !== videoId || typeof cache.video.durationS !== 'number') throw corrupt(path, '"video" does not match');
  if (!Array.isArray(cache.comments)) throw corrupt(path, '"comments" is not an array');
  if (typeof cache.fetch?.complete !== 'boolean') throw corrupt(path, '"fetch.complete" is missing');
  return cache as CommentCache;
}

function corrupt(path: string, why: string): KirinukiError {
  return new KirinukiError('PROJECT_CORRUPT', `The comment cache ${path} is unreadable (${why}); delete it or pass --refresh.`);
}
