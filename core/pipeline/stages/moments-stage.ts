import { KirinukiError } from '../../errors.js';
import { writeJsonAtomic } from '../../fs/atomic-write.js';
import { MOMENTS_FILE, momentsOfCommentSet } from '../../moments/moments-for-source.js';
import { normaliseMomentsOptions } from '../../moments/moments-options.js';
import { projectFile } from '../../project/project-dir.js';
import type { PipelineStage } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';

/** The ranked moments of the comments, kept in project.json and in `moments.json` (the `moments` JSON). */
export const momentsStage: PipelineStage<VideoJob> = {
  name: 'moments',
  inputs: (job) => ({
    comments: { videoId: job.comments?.commentSet.video.id, commentsFetched: job.comments?.commentsFetched },
    options: normaliseMomentsOptions(job.momentsOptions),
  }),
  run: async (job, context) => {
    if (!job.comments) throw new KirinukiError('INTERNAL', `The moments of ${job.videoId} need its comments first.`);
    const result = momentsOfCommentSet(job.comments.commentSet, job.comments.commentsFetched, job.momentsOptions);
    job.moments = result;
    await writeJsonAtomic(projectFile(job.root, job.videoId, MOMENTS_FILE), result);
    context.onProgress({ stage: 'moments', fraction: 1, message: `${result.moments.length} moments` });
    const { commentsFetched, mentions, moments } = result;
    return { video: { ...result.video, id: job.videoId }, commentsFetched, mentions, moments };
  },
  reuse: async (job, project) => {
    if (!project.video || !project.moments) return false;
    const { id, title, durationS } = project.video;
    job.moments = {
      video: { id: job.comments?.commentSet.video.id ?? id, title, durationS },
      commentsFetched: project.commentsFetched ?? 0,
      mentions: project.mentions ?? 0,
      moments: project.moments,
    };
    return true;
  },
};
