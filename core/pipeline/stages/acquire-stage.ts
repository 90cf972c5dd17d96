import { existsSync } from 'node:fs';
import { acquireVideo } from '../../acquire/acquire-video.js';
import type { AcquiredVideo } from '../../acquire/video-sections.js';
import { KirinukiError } from '../../errors.js';
import { fileIdentity } from '../../project/fingerprint.js';
import { projectDir } from '../../project/project-dir.js';
import type { ProjectAcquired } from '../../project/project-schema.js';
import { clipWindowsOf } from '../clip-windows.js';
import { checkJobGuidelines } from '../guidelines-gate.js';
import type { PipelineStage } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';

const toProject = (video: AcquiredVideo): ProjectAcquired => ({
  origin: video.origin,
  sections: video.sections.map(({ path, start, end }) => ({ path, start, end: Number.isFinite(end) ? end : null })),
});

const fromProject = (acquired: ProjectAcquired): AcquiredVideo => ({
  origin: acquired.origin,
  sections: acquired.sections.map(({ path, start, end }) => ({ path, start, end: end ?? Number.POSITIVE_INFINITY })),
});

/** Windows to fetch: all the clips' for an export; none (the whole file) for an analysis of a stretch. */
const windowsFor = async (job: VideoJob) => (job.clips ? clipWindowsOf(job) : []);

/** The video: the local file, else what was downloaded before, else yt-dlp sections of the clip windows. */
export const acquireStage: PipelineStage<VideoJob> = {
  name: 'acquire',
  // an export's guidelines profile, before anything is downloaded or encoded
  check: (job, project, context) => checkJobGuidelines(job, project, context),
  inputs: async (job) => ({
    file: job.input?.videoFile ? await fileIdentity(job.input.videoFile).catch(() => job.input?.videoFile) : null,
    url: job.input?.videoFile ? null : (job.input?.downloadUrl ?? null),
    full: job.input?.fullDownload === true,
    windows: job.input?.videoFile ? null : await windowsFor(job),
  }),
  run: async (job, context) => {
    if (job.input?.missing && !job.input.videoFile) throw new KirinukiError('FILE_NOT_FOUND', job.input.missing);
    const video = await acquireVideo({
      videoFile: job.input?.videoFile,
      downloadUrl: job.input?.downloadUrl,
      fullDownload: job.input?.fullDownload,
      windows: await windowsFor(job),
      durationS: job.moments?.video.durationS ?? 0,
      projectDir: projectDir(job.root, job.videoId),
      signal: context.signal,
      onProgress: context.onProgress,
    });
    if (video.origin !== 'local') context.log(`video from yt-dlp (${video.sections.length} file(s) in ${projectDir(job.root, job.videoId)}/downloads)`);
    job.video = video;
    const [first] = video.sections;
    const whole = video.sections.length === 1 && first?.start === 0 && first.end === Number.POSITIVE_INFINITY;
    return { acquired: toProject(video), ...(whole ? { videoFile: first.path } : {}) };
  },
  reuse: async (job, project) => {
    if (!project.acquired || !project.acquired.sections.every((s) => existsSync(s.path))) return false;
    job.video = fromProject(project.acquired);
    return true;
  },
};
