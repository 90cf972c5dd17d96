import type { AcquiredVideo } from '../acquire/video-sections.js';
import { KirinukiError } from '../errors.js';
import type { PersonAppearances } from '../export/clip-plan.js';
import type { TimeWindow } from '../export/clip-window.js';
import type { FacesPart } from './analyze-faces.js';
import { facesForParts, type VideoFaces, type VideoFacesOptions } from './faces-for-video.js';
import { mergeIntervals } from './merge-intervals.js';

/** Seconds analysed beyond each clip window, so a face entering at its edge is already tracked. */
const WINDOW_MARGIN_S = 1;

/** The stretches of the acquired files that hold the clip windows (in source time via `offset`). */
export function facesPartsFor(video: AcquiredVideo, windows: TimeWindow[]): FacesPart[] {
  const merged = mergeIntervals(windows.map((w): [number, number] => [Math.max(0, w.start - WINDOW_MARGIN_S), w.end + WINDOW_MARGIN_S]), 0);
  const parts: FacesPart[] = [];
  for (const [start, end] of merged) {
    const section = video.sections.find((s) => s.start <= start + 0.5 && end - 0.5 <= s.end) ??
      video.sections.find((s) => s.start < end && start < s.end);
    if (!section) continue;
    const from = Math.max(start, section.start);
    const to = Math.min(end, section.end);
    if (to > from) parts.push({ path: section.path, from: from - section.start, to: to - section.start, offset: section.start });
  }
  return parts;
}

export interface PeopleForExport {
  faces: VideoFaces;
  people: PersonAppearances[];
}

function pickPerson(faces: VideoFaces, wanted: string): VideoFaces['identities'] {
  const byId = faces.identities.filter((i) => i.id === wanted || i.name === wanted);
  if (byId.length > 0) return byId;
  const known = faces.identities.map((i) => (i.name ? `${i.id} (${i.name})` : i.id)).join(', ');
  throw new KirinukiError('PERSON_NOT_FOUND', `No person "${wanted}" in video ${faces.videoId} (found: ${known}).`);
}

/**
 * The people to export per person: faces analysed in the clip windows only (clustered across
 * all of them), the user's edits applied, hidden people left out; `person` narrows to one by id
 * or name. Nobody found while people were asked for is NO_FACES.
 */
export async function peopleForExport(
  video: AcquiredVideo,
  windows: TimeWindow[],
  options: VideoFacesOptions & { videoId: string; person?: string },
): Promise<PeopleForExport> {
  const faces = await facesForParts(facesPartsFor(video, windows), options);
  const visible = faces.identities.filter((i) => !i.hidden);
  if (visible.length === 0) {
    const what = options.person ? `person "${options.person}"` : 'per-person clips';
    throw new KirinukiError('NO_FACES', `Nobody was found on screen in the clips of video ${faces.videoId}, so there are no ${what} to export.`);
  }
  const chosen = options.person ? pickPerson({ ...faces, identities: visible }, options.person) : visible;
  return {
    faces,
    people: chosen.map((i) => ({ person: i.id, appearances: i.appearances.map(([start, end]) => ({ start, end })) })),
  };
}
