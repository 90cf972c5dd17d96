import type { AcquiredVideo } from '../acquire/video-sections.js';
import { KirinukiError } from '../errors.js';
import type { PersonAppearances } from '../export/clip-plan.js';
import type { FacesPart } from '../faces/analyze-faces.js';
import { mergeIntervals } from '../faces/merge-intervals.js';
import type { TimeWindow } from '../media/time-window.js';
import type { ProjectIdentity } from '../project/project-schema.js';
import { personSegments, type PeopleTimeline } from './person-segments.js';

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

export interface ChoosePeopleOptions {
  /** Only these people, by id or name. */
  persons?: string[];
  /** Label each person by their name (else their id), as the follow camera's tracks must too. */
  named?: boolean;
  /**
   * The faces stage's tracks and cuts: each person's clip then shows only their own appearances,
   * with a margin that stops at a cut and at anyone else (see personSegments).
   */
  timeline?: PeopleTimeline;
}

/** What a person is called in file names and in the follow camera's tracks. */
export function personLabel(identity: ProjectIdentity, named: boolean): string {
  return named ? (identity.name ?? identity.personId ?? identity.id) : identity.id;
}

function pick(visible: ProjectIdentity[], wanted: string, videoId: string): ProjectIdentity[] {
  const found = visible.filter((i) => i.id === wanted || i.name === wanted);
  if (found.length > 0) return found;
  const known = visible.map((i) => (i.name ? `${i.id} (${i.name})` : i.id)).join(', ');
  throw new KirinukiError('PERSON_NOT_FOUND', `No person "${wanted}" in video ${videoId} (found: ${known || 'nobody'}).`);
}

/**
 * The people of a per-person export: the visible identities (the user's hides applied), narrowed
 * to the asked ones by id or name, with the parts of the video each one's clips show. Nobody on
 * screen while people were asked for is NO_FACES.
 */
export function choosePeople(identities: ProjectIdentity[], videoId: string, options: ChoosePeopleOptions = {}): PersonAppearances[] {
  const visible = identities.filter((i) => !i.hidden);
  if (visible.length === 0) {
    const what = options.persons?.length ? `person "${options.persons.join('", "')}"` : 'per-person clips';
    throw new KirinukiError('NO_FACES', `Nobody was found on screen in the clips of video ${videoId}, so there are no ${what} to export.`);
  }
  const chosen = options.persons?.length ? [...new Set(options.persons.flatMap((p) => pick(visible, p, videoId)))] : visible;
  return chosen.map((i) => {
    const person = personLabel(i, options.named === true);
    const own = options.timeline?.tracks.some((t) => t.identityId === i.id);
    if (options.timeline && own) return { person, appearances: personSegments(i.id, options.timeline), padded: true };
    return { person, appearances: i.appearances.map(([start, end]) => ({ start, end })) };
  });
}
