import type { AcquiredVideo } from '../../core/acquire/video-sections.js';
import type { PersonAppearances } from '../../core/export/clip-plan.js';
import { facesForParts, type VideoFaces, type VideoFacesOptions } from '../../core/faces/faces-for-video.js';
import type { TimeWindow } from '../../core/media/time-window.js';
import { choosePeople, facesPartsFor } from '../../core/pipeline/people-for-export.js';

export interface PeopleForExport {
  faces: VideoFaces;
  people: PersonAppearances[];
}

/** What the pipeline's faces and export stages do for a per-person export, as one call for tests. */
export async function peopleForExport(
  video: AcquiredVideo,
  windows: TimeWindow[],
  options: VideoFacesOptions & { videoId: string; person?: string },
): Promise<PeopleForExport> {
  const faces = await facesForParts(facesPartsFor(video, windows), options);
  const timeline = { tracks: faces.tracks, cuts: faces.cuts ?? [] };
  const people = choosePeople(faces.identities, faces.videoId, { persons: options.person ? [options.person] : undefined, timeline });
  return { faces, people };
}
