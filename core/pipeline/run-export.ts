import { KirinukiError } from '../errors.js';
import type { ExportClipsResult } from '../export/export-clips.js';
import { DEFAULT_PROJECTS_ROOT } from '../project/project-dir.js';
import { readProject } from '../project/project-store.js';
import type { StageOptions } from '../progress.js';
import type { PipelineStage } from './pipeline-stage.js';
import { runPipeline, type PipelineResult } from './run-pipeline.js';
import { acquireStage } from './stages/acquire-stage.js';
import { exportStage } from './stages/export-stage.js';
import { facesStage } from './stages/faces-stage.js';
import { momentsOfProject } from './stages/moments-stage.js';
import type { ClipSettings, FacesSettings, VideoInput, VideoJob } from './video-job.js';

export interface ExportRunOptions extends StageOptions {
  root?: string;
  videoId: string;
  /** The video: the project's attached file unless given. */
  input?: VideoInput;
  /** Clip settings; without them the plan stops after the video (a download). */
  clips?: ClipSettings;
  /** The project's subtitle file, which telops (`clips.captions` speech or both) are made from. */
  subtitles?: string;
  /** Where and how to look for faces, when the export needs people or their tracks; none: no faces stage. */
  faces?: FacesSettings;
  what: string;
  /** Fail with PROJECT_BUSY instead of waiting when another run holds the project. */
  refuseWhenBusy?: boolean;
  log?: (line: string) => void;
}

export interface ExportRunResult extends PipelineResult {
  exported?: ExportClipsResult;
}

/**
 * An export of a project that already has its moments (the app's Export screen, a download of
 * the video): the video, its faces when the export needs them, then the clips; each stage
 * skipped when unchanged.
 */
export async function runExport(options: ExportRunOptions): Promise<ExportRunResult> {
  const root = options.root ?? DEFAULT_PROJECTS_ROOT;
  const project = await readProject(root, options.videoId);
  const moments = project && momentsOfProject(project);
  if (!project || !moments) throw new KirinukiError('FILE_NOT_FOUND', `There is no project ${options.videoId} in ${root}; open the video first.`);
  const input = options.input ?? (project.videoFile ? { videoFile: project.videoFile } : undefined);
  if (!input) throw new KirinukiError('FILE_NOT_FOUND', `The project ${options.videoId} has no video file yet; attach it on the Video screen.`);
  const job: VideoJob = {
    root,
    videoId: options.videoId,
    moments,
    input,
    clips: options.clips,
    faces: options.faces,
    ...(options.subtitles !== undefined ? { subtitles: options.subtitles } : {}),
  };
  const plan: PipelineStage<VideoJob>[] = options.clips ? [acquireStage, ...(options.faces ? [facesStage] : []), exportStage] : [acquireStage];
  const result = await runPipeline(plan, job, {
    root, videoId: options.videoId, source: project.source, what: options.what, wait: options.refuseWhenBusy !== true,
    signal: options.signal, onProgress: options.onProgress, log: options.log,
  });
  return { ...result, exported: job.exported };
}
