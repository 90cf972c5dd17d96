import { resolve } from 'node:path';
import type { VideoFaces } from '../faces/faces-for-video.js';
import { localVideoId } from '../project/local-video-id.js';
import { DEFAULT_PROJECTS_ROOT } from '../project/project-dir.js';
import type { StageOptions } from '../progress.js';
import { runPipeline } from './run-pipeline.js';
import { acquireStage } from './stages/acquire-stage.js';
import { facesStage } from './stages/faces-stage.js';
import type { FacesSettings, VideoJob } from './video-job.js';

export interface FacesRunOptions extends StageOptions {
  root?: string;
  /** The project id; derived from the file (its YouTube id, or name and content) when not given. */
  videoId?: string;
  faces: FacesSettings;
  /** Fail with PROJECT_BUSY instead of waiting when another run holds the project (the app). */
  refuseWhenBusy?: boolean;
  what?: string;
  log?: (line: string) => void;
}

/** `kirinuki faces` and the app's "Find people" as a plan: the video file, then its faces in the project. */
export async function runFaces(video: string, options: FacesRunOptions): Promise<VideoFaces> {
  const root = options.root ?? DEFAULT_PROJECTS_ROOT;
  const videoFile = resolve(video);
  const videoId = options.videoId ?? (await localVideoId(videoFile));
  const job: VideoJob = { root, videoId, input: { videoFile }, faces: options.faces };
  await runPipeline([acquireStage, facesStage], job, {
    root, videoId, source: video, what: options.what ?? 'kirinuki faces', wait: options.refuseWhenBusy !== true,
    signal: options.signal, onProgress: options.onProgress, log: options.log,
  });
  return job.found!;
}
