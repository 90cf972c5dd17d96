import { KirinukiError } from '../../errors.js';
import { syncChannelPeople } from '../sync-channel-people.js';
import type { PipelineStage } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';

/**
 * A channel's people: this video's identities matched with the people known from its other
 * videos (`<out>/people.json`), so a name given once applies everywhere. Runs every time: the
 * registry changes as other videos are processed.
 */
export const peopleStage: PipelineStage<VideoJob> = {
  name: 'people',
  always: () => true,
  inputs: () => null,
  run: async (job) => {
    if (!job.channelOut) throw new KirinukiError('INTERNAL', 'Matching people needs the channel\'s projects root.');
    const identities = await syncChannelPeople(job.channelOut, job.videoId);
    return identities ? { identities } : {};
  },
};
