import { videoForSource } from '../acquire/video-for-source.js';
import type { ExportClipsResult } from '../export/export-clips.js';
import { MOMENTS_DEFAULTS } from '../moments/moments-options.js';
import type { MomentsResult } from '../moments/types.js';
import { localVideoId } from '../project/local-video-id.js';
import { DEFAULT_PROJECTS_ROOT, projectDir } from '../project/project-dir.js';
import type { StageName } from '../project/project-schema.js';
import type { StageOptions } from '../progress.js';
import { loadSource, stagesLine, waitingLine } from './load-video-job.js';
import type { PipelineStage } from './pipeline-stage.js';
import { runPipeline } from './run-pipeline.js';
import { acquireStage } from './stages/acquire-stage.js';
import { commentsStage } from './stages/comments-stage.js';
import { exportStage } from './stages/export-stage.js';
import { facesStage } from './stages/faces-stage.js';
import { momentsStage } from './stages/moments-stage.js';
import type { ClipSettings, VideoJob } from './video-job.js';

export interface ClipsRunOptions extends StageOptions {
  /** Projects root (`--out`). */
  root?: string;
  /** A local copy of the video (`--video FILE`). */
  video?: string;
  commentsFile?: string;
  fullDownload?: boolean;
  /** Overrides what yt-dlp downloads (any URL yt-dlp reads; tests use a local server). */
  downloadUrl?: string;
  /** Moment options beyond what the clip settings imply (the demo's short sample). */
  moments?: { top?: number; maxLength?: number };
  clips: ClipSettings;
  apiKey?: string;
  apiRoot?: string;
  /** What this run is called for whoever has to wait for it. */
  what?: string;
  log?: (line: string) => void;
}

export interface ClipsRunResult extends ExportClipsResult {
  video: MomentsResult['video'];
  projectDir: string;
  moments: MomentsResult;
  stages: { ran: StageName[]; skipped: StageName[] };
}

/** A short cap trims each clip around its peak; only a cap above the moments' own longest window widens them. */
const momentsMaxLength = (maxLength: number | undefined): number | undefined =>
  maxLength !== undefined && maxLength > MOMENTS_DEFAULTS.maxLength ? maxLength : undefined;

/**
 * `kirinuki clips` as a plan: comments → moments → the video (local, or yt-dlp sections) →
 * faces (for per-person exports) → clips, summary and manifest in `<root>/<projectId>/`, where
 * a local file without a YouTube id gets an id from its name and content. A re-run skips every
 * stage whose inputs are unchanged.
 */
export async function runClips(source: string, options: ClipsRunOptions): Promise<ClipsRunResult> {
  const root = options.root ?? DEFAULT_PROJECTS_ROOT;
  const log = options.log ?? (() => undefined);
  const { parsed, comments } = await loadSource(source, {
    root, commentsFile: options.commentsFile, apiKey: options.apiKey, apiRoot: options.apiRoot, signal: options.signal, onProgress: options.onProgress,
  });
  const videoId = parsed.kind === 'file' ? await localVideoId(parsed.path) : comments.commentSet.video.id;
  const where = await videoForSource(parsed, comments.commentSet.video.id, options.video);
  const perPerson = options.clips.perPerson === true || (options.clips.persons?.length ?? 0) > 0;
  const job: VideoJob = {
    root,
    videoId,
    comments,
    momentsOptions: { top: options.moments?.top ?? options.clips.top, maxLength: options.moments?.maxLength ?? momentsMaxLength(options.clips.maxLength) },
    input: { videoFile: where.videoFile, downloadUrl: options.downloadUrl ?? where.downloadUrl, fullDownload: options.fullDownload },
    clips: options.clips,
    faces: { scope: { kind: 'clips' } },
  };
  const plan: PipelineStage<VideoJob>[] = [commentsStage, momentsStage, acquireStage, ...(perPerson ? [facesStage] : []), exportStage];
  const result = await runPipeline(plan, job, {
    root, videoId, source, what: options.what ?? 'kirinuki clips', wait: true, onWait: (h) => log(waitingLine(videoId)(h)),
    signal: options.signal, onProgress: options.onProgress, log,
  });
  log(stagesLine(result));
  const video = { ...job.moments!.video, id: videoId };
  return { ...job.exported!, video, moments: job.moments!, projectDir: projectDir(root, videoId), stages: { ran: result.ran, skipped: result.skipped } };
}
