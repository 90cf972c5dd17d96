// YouTube's limits on what an upload carries (Data API videos.insert, YouTube Studio):
// title ≤ 100 characters, description ≤ 5000 bytes (UTF-8), tags ≤ 500 in all; '<' and '>' are
// refused in both. Lengths are counted in UTF-16 units, which is never fewer than the characters
// YouTube counts, so a text within these limits is within YouTube's; the description in bytes.

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 5000;
export const TAGS_MAX = 500;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The length YouTube holds a text to (see above). */
export const youtubeLength = (text: string): number => text.length;

const utf8 = new TextEncoder();
/** The length YouTube holds a description to: its UTF-8 bytes (a Japanese character is 3). */
export const descriptionLength = (text: string): number => utf8.encode(text).length;

/** The text without what YouTube refuses: '<' '>' become their full-width forms, control characters go. */
export function youtubeSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/</g, '＜').replace(/>/g, '＞').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** One line: line breaks and runs of spaces as one space. */
export const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** At most `max` long, cut between characters (never inside an emoji) and ending in '…' when cut. */
export function truncate(text: string, max: number): string {
  if (youtubeLength(text) <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (youtubeLength(out) + segment.length + 1 > max) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** What YouTube counts for a tag list: each tag, quotes around one with a space, a comma between. */
export function tagsLength(tags: readonly string[]): number {
  return tags.reduce((sum, tag) => sum + youtubeLength(tag) + (/\s/.test(tag) ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}
