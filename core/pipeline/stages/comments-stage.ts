import { KirinukiError } from '../../errors.js';
import type { PipelineStage } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';

function loaded(job: VideoJob): NonNullable<VideoJob['comments']> {
  if (!job.comments) throw new KirinukiError('INTERNAL', `The comments of ${job.videoId} were not loaded before the pipeline ran.`);
  return job.comments;
}

/**
 * The comments: loaded before the run through their own cache (a URL resumes from its saved
 * page token, a file is read), recorded here with the video's metadata.
 */
export const commentsStage: PipelineStage<VideoJob> = {
  name: 'comments',
  inputs: (job) => ({ videoId: loaded(job).commentSet.video.id, commentsFetched: loaded(job).commentsFetched }),
  run: async (job) => {
    const { commentSet, commentsFetched } = loaded(job);
    return { video: { ...commentSet.video, id: job.videoId }, commentsFetched };
  },
};
