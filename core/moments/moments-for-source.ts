import { throwIfAborted } from '../cancel.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { projectFile } from '../project/project-dir.js';
import type { StageOptions } from '../progress.js';
import { loadCommentSet, type LoadCommentsOptions, type LoadedComments } from '../youtube/load-comment-set.js';
import type { CommentSet } from '../youtube/types.js';
import { findMoments } from './find-moments.js';
import type { FindMomentsOptions } from './moments-options.js';
import type { MomentsResult } from './types.js';
import type { ViewerSignals } from './viewer-signals.js';

export const MOMENTS_FILE = 'moments.json';

export interface MomentsForSourceOptions extends LoadCommentsOptions, FindMomentsOptions, StageOptions {
  /** Told how the comments were loaded (requests made, cache hit), e.g. for a log line. */
  onLoaded?: (loaded: LoadedComments) => void;
  /** Write `<root>/<videoId>/moments.json` (default true). */
  save?: boolean;
}

/** The moments of one loaded comment set, in the `moments` JSON shape. */
export function momentsOfCommentSet(
  commentSet: CommentSet,
  commentsFetched: number,
  options: FindMomentsOptions = {},
  signals: ViewerSignals = {},
): MomentsResult {
  const found = findMoments(commentSet, options, signals);
  const { id, title, durationS } = commentSet.video;
  return { video: { id, title, durationS }, commentsFetched, mentions: found.mentions, moments: found.moments };
}

/**
 * Source (URL, id, local video, .info.json or comments file) → ranked moments: the comments come
 * through `loadCommentSet` (cached, resumable), the result is saved in the video's project folder.
 */
export async function momentsForSource(source: string, options: MomentsForSourceOptions = {}): Promise<MomentsResult> {
  const loaded = await loadCommentSet(source, options);
  options.onLoaded?.(loaded);
  throwIfAborted(options.signal);
  const result = momentsOfCommentSet(loaded.commentSet, loaded.commentsFetched, options);
  options.onProgress?.({ stage: 'moments', fraction: 1, message: `${result.moments.length} moments` });
  if (options.save !== false) {
    await writeJsonAtomic(projectFile(options.root, result.video.id, MOMENTS_FILE), result);
  }
  return result;
}
