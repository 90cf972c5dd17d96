import { throwIfAborted } from '../cancel.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { MOMENTS_FILE, momentsOfCommentSet } from '../moments/moments-for-source.js';
import { normaliseMomentsOptions, type FindMomentsOptions } from '../moments/moments-options.js';
import type { StageOptions } from '../progress.js';
import { loadCommentSet } from '../youtube/load-comment-set.js';
import type { QuotaMeter } from '../youtube/quota-meter.js';
import { projectFile } from './project-dir.js';
import { ProjectStore } from './project-store.js';
import type { Project, StageName } from './project-schema.js';
import { runStage } from './run-stage.js';

/** A later stage (acquire, faces, export) plugged in after moments, e.g. the clips export. */
export type PipelineStep = (store: ProjectStore, context: PipelineContext) => Promise<void>;

export interface PipelineContext extends StageOptions {
  root: string;
  videoId: string;
  log: (line: string) => void;
}

export interface VideoPipelineOptions extends StageOptions {
  /** Projects root: the video's folder is `<root>/<videoId>/`. */
  root: string;
  /** A YouTube URL or video id. */
  source: string;
  videoId: string;
  quota?: QuotaMeter;
  apiKey?: string;
  apiRoot?: string;
  maxComments?: number;
  moments?: FindMomentsOptions;
  /** Stages after moments; none with --moments-only. */
  steps?: PipelineStep[];
  log?: (line: string) => void;
}

export interface VideoPipelineResult {
  project: Project;
  apiRequests: number;
  ran: StageName[];
  skipped: StageName[];
}

/**
 * One video through the pipeline, resuming from its project.json: comments come from the cache
 * when complete (no quota), moments are recomputed only when the comments or options changed,
 * and every stage's state is written atomically when it ends.
 */
export async function runVideoPipeline(options: VideoPipelineOptions): Promise<VideoPipelineResult> {
  throwIfAborted(options.signal);
  const store = await ProjectStore.open(options.root, options.videoId, options.source);
  const ran: StageName[] = [];
  const skipped: StageName[] = [];
  const note = (stage: StageName, outcome: 'ran' | 'skipped'): void => {
    (outcome === 'ran' ? ran : skipped).push(stage);
  };
  const loaded = await loadCommentSet(options.source, {
    root: options.root,
    quota: options.quota,
    apiKey: options.apiKey,
    apiRoot: options.apiRoot,
    maxComments: options.maxComments,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const commentsInputs = { videoId: options.videoId, commentsFetched: loaded.commentsFetched };
  note('comments', await runStage(store, {
    stage: 'comments',
    inputs: commentsInputs,
    compute: async () => ({ video: loaded.commentSet.video, commentsFetched: loaded.commentsFetched }),
  }));
  const momentsOptions = normaliseMomentsOptions(options.moments);
  note('moments', await runStage(store, {
    stage: 'moments',
    inputs: { comments: commentsInputs, options: momentsOptions },
    compute: async () => {
      const result = momentsOfCommentSet(loaded.commentSet, loaded.commentsFetched, momentsOptions);
      // the same moments.json `kirinuki moments` writes, for anything that reads that shape
      await writeJsonAtomic(projectFile(options.root, options.videoId, MOMENTS_FILE), result);
      options.onProgress?.({ stage: 'moments', fraction: 1, message: `${result.moments.length} moments` });
      return { mentions: result.mentions, moments: result.moments };
    },
  }));
  const context: PipelineContext = {
    root: options.root,
    videoId: options.videoId,
    signal: options.signal,
    onProgress: options.onProgress,
    log: options.log ?? (() => undefined),
  };
  for (const step of options.steps ?? []) {
    throwIfAborted(options.signal);
    await step(store, context);
  }
  return { project: store.project, apiRequests: loaded.apiRequests, ran, skipped };
}
