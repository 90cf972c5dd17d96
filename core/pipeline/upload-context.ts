import type { ClipUploadContext } from '../export/clip-upload.js';
import type { PersonAppearances } from '../export/clip-plan.js';
import type { Project } from '../project/project-schema.js';
import type { VideoMeta } from '../youtube/types.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';
import type { VideoJob } from './video-job.js';

/**
 * The source as the comments gave it (title, channel, availability, times), else as the project
 * recorded them (an export from the app loads no comments), else what the moments know.
 */
export function sourceMetaOf(job: VideoJob, project?: Project): VideoMeta {
  // project.json keeps the comments' video record whole (its schema keeps unknown fields)
  const recorded = project?.video as VideoMeta | undefined;
  return job.comments?.commentSet.video ?? recorded ?? job.moments?.video ?? { id: job.videoId, title: job.videoId, durationS: 0 };
}

/** The people the user named, with when they are on screen: the hashtags of the clips they are in. */
const namedPeople = (identities: NonNullable<Project['identities']>): PersonAppearances[] =>
  identities
    .filter((i) => !i.hidden && i.name !== undefined && i.name.trim() !== '')
    .map((i) => ({ person: i.name as string, appearances: i.appearances.map(([start, end]) => ({ start, end })) }));

/** What the upload texts of a job's clips credit: the source's title, YouTube id and channel, and the named people. */
export function uploadContextOf(job: VideoJob, project?: Project): ClipUploadContext {
  const video = sourceMetaOf(job, project);
  return {
    source: {
      title: video.title,
      ...(isYoutubeVideoId(video.id) ? { youtubeId: video.id } : {}),
      ...(video.channelTitle ? { channel: video.channelTitle } : {}),
    },
    people: namedPeople(project?.identities ?? []),
    shorts: job.clips?.preset === 'shorts',
  };
}
