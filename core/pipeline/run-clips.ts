import { videoForSource } from '../acquire/video-for-source.js';
import type { ExportClipsResult } from '../export/export-clips.js';
import { MOMENTS_DEFAULTS } from '../moments/moments-options.js';
import type { MomentsResult } from '../moments/types.js';
import { localVideoId } from '../project/local-video-id.js';
import { DEFAULT_PROJECTS_ROOT, projectDir } from '../project/project-dir.js';
import type { StageName } from '../project/project-schema.js';
import type { StageOptions } from '../progress.js';
import type { SignalName } from '../moments/signal-names.js';
import { parseVideoSource } from '../youtube/parse-source.js';
import { captionMode, showsTelops } from '../export/clip-telops.js';
import { guidelineRefusalOf, sourceCheckOf } from './guidelines-gate.js';
import { loadViewerSources } from './load-viewer-sources.js';
import type { PipelineStage } from './pipeline-stage.js';
import { runPipeline } from './run-pipeline.js';
import { acquireStage } from './stages/acquire-stage.js';
import { commentsStage } from './stages/comments-stage.js';
import { exportStage } from './stages/export-stage.js';
import { facesStage } from './stages/faces-stage.js';
import { momentsStage } from './stages/moments-stage.js';
import { signalsStage } from './stages/signals-stage.js';
import { isPerPerson, type ClipSettings, type VideoJob } from './video-job.js';

export interface ClipsRunOptions extends StageOptions {
  /** Projects root (`--out`). */
  root?: string;
  /** A local copy of the video (`--video FILE`). */
  video?: string;
  commentsFile?: string;
  /** `--chat FILE`, `--subs FILE`, `--signals`. */
  chatFile?: string;
  subsFile?: string;
  /** `--subs-lang`: the captions (and telops) in this language instead of the video's own. */
  subsLang?: string;
  signals?: SignalName[];
  fullDownload?: boolean;
  clips: ClipSettings;
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

/** The export takes the best `--top`; the project keeps the moments' own count (more only when `--top` asks for more). */
const momentsTop = (top: number | undefined): number | undefined =>
  top !== undefined && top > MOMENTS_DEFAULTS.top ? top : undefined;

/**
 * `kirinuki clips` as a plan: comments → moments → the video (local, or yt-dlp sections) →
 * faces (for per-person exports) → clips, summary and manifest in `<root>/<projectId>/`, where
 * a local file without a YouTube id gets an id from its name and content. A re-run skips every
 * stage whose inputs are unchanged.
 */
export async function runClips(source: string, options: ClipsRunOptions): Promise<ClipsRunResult> {
  const root = options.root ?? DEFAULT_PROJECTS_ROOT;
  const parsed = parseVideoSource(source);
  const { comments, sources } = await loadViewerSources(source, {
    root, commentsFile: options.commentsFile, chatFile: options.chatFile, subsFile: options.subsFile, subsLang: options.subsLang, signals: options.signals,
    videoFile: options.video, subtitles: showsTelops(captionMode(options.clips)), checkSource: sourceCheckOf(options.clips.guidelines),
    signal: options.signal, onProgress: options.onProgress, log: options.log,
  }).catch((error: unknown) => {
    throw guidelineRefusalOf(error, options.clips.guidelines, parsed.kind === 'video' ? parsed.videoId : source);
  });
  const videoId = parsed.kind === 'file' ? await localVideoId(parsed.path) : comments.commentSet.video.id;
  const where = await videoForSource(parsed, comments.commentSet.video.id, options.video);
  const job: VideoJob = {
    root,
    videoId,
    comments,
    sources,
    momentsOptions: { top: momentsTop(options.clips.top), maxLength: momentsMaxLength(options.clips.maxLength) },
    input: { videoFile: where.videoFile, downloadUrl: where.downloadUrl, fullDownload: options.fullDownload },
    clips: options.clips,
    faces: { scope: { kind: 'clips' } },
  };
  const plan: PipelineStage<VideoJob>[] = [commentsStage, signalsStage, momentsStage, acquireStage, ...(isPerPerson(options.clips) ? [facesStage] : []), exportStage];
  const result = await runPipeline(plan, job, {
    root, videoId, source, what: 'kirinuki clips', wait: true, signal: options.signal, onProgress: options.onProgress, log: options.log,
  });
  const video = { ...job.moments!.video, id: videoId };
  return { ...job.exported!, video, moments: job.moments!, projectDir: projectDir(root, videoId), stages: { ran: result.ran, skipped: result.skipped } };
}
