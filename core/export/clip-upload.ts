import type { Moment } from '../moments/types.js';
import type { TimeWindow } from '../media/time-window.js';
import type { Telop } from '../telops/telop.js';
import type { PersonAppearances } from './clip-plan.js';
import { captionText, topComment } from './top-comment.js';
import { uploadText, type UploadSource, type UploadText } from './upload-text.js';

/** What a clip's upload text is made of, besides its window. */
export interface ClipUploadContext {
  source: UploadSource;
  /** The named people and when they are on screen: those in a clip's window are its hashtags. */
  people?: PersonAppearances[];
  shorts: boolean;
}

/** The clip's headline: the moment's top comment (without its timestamps), else its first telop. */
export function clipHeadline(moment: Pick<Moment, 'comments'> | undefined, telops?: Telop[][]): string | undefined {
  const comment = moment ? topComment(moment) : undefined;
  if (comment) return captionText(comment.text);
  const first = telops?.flat().find((t) => !t.reaction && t.lines.join('').trim() !== '');
  return first ? first.lines.join(' ') : undefined;
}

/** The moment's comments, most liked first, their timestamps taken out. */
export function bestComments(moment: Pick<Moment, 'comments'> | undefined): string[] {
  const comments = [...(moment?.comments ?? [])].sort((a, b) => b.likes - a.likes);
  return comments.map((c) => captionText(c.text)).filter((t) => t !== '');
}

/** The names of the people on screen in any of the clip's parts (the plan's own person first). */
export function peopleInClip(segments: TimeWindow[], person: string | null, people: PersonAppearances[] = []): string[] {
  const overlaps = (a: TimeWindow): boolean => segments.some((s) => a.start < s.end && s.start < a.end);
  const names = people.filter((p) => p.appearances.some(overlaps)).map((p) => p.person);
  return [...new Set([...(person !== null && people.some((p) => p.person === person) ? [person] : []), ...names])];
}

/** One clip's upload text, from its moment, its telops and where it starts. */
export function clipUploadText(
  context: ClipUploadContext,
  clip: { moment: Moment | undefined; segments: TimeWindow[]; person: string | null; start: number; telops?: Telop[][] },
): UploadText {
  return uploadText({
    source: context.source,
    start: clip.start,
    headline: clipHeadline(clip.moment, clip.telops),
    comments: bestComments(clip.moment),
    people: peopleInClip(clip.segments, clip.person, context.people),
    shorts: context.shorts,
  });
}
