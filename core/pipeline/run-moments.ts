import type { FindMomentsOptions } from '../moments/moments-options.js';
import type { MomentsResult } from '../moments/types.js';
import { DEFAULT_PROJECTS_ROOT } from '../project/project-dir.js';
import type { StageOptions } from '../progress.js';
import type { SignalName } from '../moments/signal-names.js';
import type { LoadedComments } from '../youtube/load-comment-set.js';
import { loadViewerSources } from './load-viewer-sources.js';
import { runPipeline } from './run-pipeline.js';
import { commentsStage } from './stages/comments-stage.js';
import { momentsStage } from './stages/moments-stage.js';
import { signalsStage } from './stages/signals-stage.js';
import type { VideoJob } from './video-job.js';
import type { ViewerSources } from './viewer-sources.js';

export interface MomentsRunOptions extends StageOptions, FindMomentsOptions {
  root?: string;
  commentsFile?: string;
  refresh?: boolean;
  maxComments?: number;
  apiKey?: string;
  apiRoot?: string;
  /** Comments already in hand (the demo's generated set): nothing is loaded. */
  comments?: LoadedComments;
  /** Viewer-signal files already found with the preloaded comments (the app). */
  sources?: ViewerSources;
  /** `--chat FILE`, `--subs FILE`, `--signals`. */
  chatFile?: string;
  subsFile?: string;
  /** `--subs-lang`: the captions in this language instead of the video's own. */
  subsLang?: string;
  signals?: SignalName[];
  /** Fail with PROJECT_BUSY instead of waiting when another run holds the project (the app). */
  refuseWhenBusy?: boolean;
  /** Told how the comments were loaded (requests made, cache hit), e.g. for a log line. */
  onLoaded?: (loaded: LoadedComments) => void;
  log?: (line: string) => void;
}

/** `kirinuki moments` as a plan: the comments (cached, resumable), then the ranked moments, in the project of the video. */
export async function runMoments(source: string, options: MomentsRunOptions): Promise<MomentsResult> {
  const root = options.root ?? DEFAULT_PROJECTS_ROOT;
  const { comments, sources } = options.comments && options.sources
    ? { comments: options.comments, sources: options.sources }
    : await loadViewerSources(source, {
      root, commentsFile: options.commentsFile, refresh: options.refresh, maxComments: options.maxComments,
      apiKey: options.apiKey, apiRoot: options.apiRoot, signal: options.signal, onProgress: options.onProgress,
      comments: options.comments, chatFile: options.chatFile, subsFile: options.subsFile, subsLang: options.subsLang, signals: options.signals, log: options.log,
    });
  options.onLoaded?.(comments);
  const videoId = comments.commentSet.video.id;
  const { top, minLength, maxLength, bandwidthS } = options;
  const job: VideoJob = { root, videoId, comments, sources, momentsOptions: { top, minLength, maxLength, bandwidthS } };
  await runPipeline([commentsStage, signalsStage, momentsStage], job, {
    root, videoId, source, what: options.refuseWhenBusy ? 'the moments in the app' : 'kirinuki moments', wait: options.refuseWhenBusy !== true, signal: options.signal, onProgress: options.onProgress, log: options.log,
  });
  return job.moments!;
}
