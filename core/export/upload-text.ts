// A plain module (no Node imports), so the renderer can share its types through the app views.
import { DESCRIPTION_MAX, TAGS_MAX, TITLE_MAX, descriptionLength, oneLine, tagsLength, truncate, youtubeLength, youtubeSafe } from './upload-text-limits.js';

/** What a clip is uploaded with (`clips[].upload`, the `publish` command's input). */
export interface UploadText {
  title: string;
  description: string;
  tags: string[];
}

/** The video a clip was cut from, as its credit names it. */
export interface UploadSource {
  /** The YouTube video id; none for a local file without one (then the credit has no link). */
  youtubeId?: string;
  title: string;
  channel?: string;
}

export interface UploadTextInput {
  source: UploadSource;
  /** Where the clip starts in the source, in seconds (the link's `t=`). */
  start: number;
  /** What the clip is about: its telop or the moment's top comment. */
  headline?: string;
  /** The moment's best comments, best first. */
  comments: string[];
  /** The names of the people in the clip. */
  people: string[];
  /** The Shorts preset: `#shorts`. */
  shorts: boolean;
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
/** A source titled in Japanese gets a Japanese credit. */
export const isJapanese = (text: string): boolean => JAPANESE.test(text);

const HEADLINE_MAX = 60;
const COMMENT_MAX = 300;
const COMMENTS_SHOWN = 5;
const TAG_MAX = 30;
/** YouTube ignores every hashtag of a description with more than 60; a few say more. */
const HASHTAGS_MAX = 15;
const URL_PATTERN = /https?:\/\/\S+/giu;

/** The watch link at the clip's start (whole seconds, as YouTube's own "copy at time" gives). */
export const creditUrl = (youtubeId: string, start: number): string =>
  `https://www.youtube.com/watch?v=${youtubeId}&t=${Math.max(0, Math.floor(start))}s`;

/** The title, description and tags of one clip, each within YouTube's limits. */
export function uploadText(input: UploadTextInput): UploadText {
  const ja = isJapanese(input.source.title);
  const sourceTitle = oneLine(youtubeSafe(input.source.title));
  const headline = input.headline ? truncate(oneLine(youtubeSafe(input.headline.replace(URL_PATTERN, ''))), HEADLINE_MAX) : '';
  return {
    title: uploadTitle(headline, sourceTitle, ja),
    description: uploadDescription(input, sourceTitle, headline, ja),
    tags: uploadTags(input),
  };
}

/** "<headline>【<source>】" (" | " in English), the source's title shortened first, then the headline. */
export function uploadTitle(headline: string, sourceTitle: string, ja: boolean): string {
  const wrap = (t: string): string => (ja ? `【${t}】` : ` | ${t}`);
  if (headline === '' || headline === sourceTitle) return truncate(sourceTitle, TITLE_MAX);
  const room = TITLE_MAX - youtubeLength(headline) - youtubeLength(wrap(''));
  if (room >= 20) return headline + wrap(truncate(sourceTitle, room));
  const source = truncate(sourceTitle, 20);
  return truncate(headline, TITLE_MAX - youtubeLength(wrap(source))) + wrap(source);
}

function uploadDescription(input: UploadTextInput, sourceTitle: string, headline: string, ja: boolean): string {
  const credit = [
    `${ja ? '元動画' : 'Source'}: ${truncate(sourceTitle, 200)}`,
    ...(input.source.youtubeId ? [creditUrl(input.source.youtubeId, input.start)] : []),
    ...(input.source.channel ? [`${ja ? 'チャンネル' : 'Channel'}: ${truncate(oneLine(youtubeSafe(input.source.channel)), 200)}`] : []),
  ].join('\n');
  const tags = hashtags(input).join(' ');
  const fixed = descriptionLength(credit) + descriptionLength(tags) + 4; // the blank lines between the parts
  const comments = commentLines(input.comments, headline, ja, DESCRIPTION_MAX - fixed);
  return [credit, ...(comments.length > 0 ? [comments.join('\n')] : []), tags].join('\n\n');
}

/** The best comments, one a line, as many as fit in `room` (the headline's own comment left out). */
function commentLines(comments: string[], headline: string, ja: boolean, room: number): string[] {
  const lines: string[] = [];
  let used = 2; // the blank line before them
  const seen = new Set([headline]);
  for (const raw of comments) {
    const text = truncate(oneLine(youtubeSafe(raw.replace(URL_PATTERN, ''))), COMMENT_MAX);
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    const line = `${ja ? '・' : '- '}${text}`;
    if (used + descriptionLength(line) + 1 > room) break;
    lines.push(line);
    used += descriptionLength(line) + 1;
    if (lines.length === COMMENTS_SHOWN) break;
  }
  return lines;
}

/** A name as a hashtag: letters, marks, digits and '_' only (a space would end it). */
const asHashtag = (name: string): string => name.replace(/[^\p{L}\p{M}\p{N}_]/gu, '');

/** `#shorts` (Shorts preset), `#切り抜き`, then the people in the clip; each once, at most 15. */
export function hashtags(input: Pick<UploadTextInput, 'people' | 'shorts'>): string[] {
  const words = [...(input.shorts ? ['shorts'] : []), '切り抜き', ...input.people.map(asHashtag)];
  return [...new Set(words.filter((w) => w !== '' && youtubeLength(w) <= TAG_MAX))].slice(0, HASHTAGS_MAX).map((w) => `#${w}`);
}

/** 切り抜き, the channel and the people, each a tag of at most 30 characters, within 500 in all. */
function uploadTags(input: UploadTextInput): string[] {
  const candidates = ['切り抜き', ...(input.source.channel ? [input.source.channel] : []), ...input.people, ...(input.shorts ? ['shorts'] : [])];
  const tags: string[] = [];
  for (const raw of candidates) {
    const tag = oneLine(youtubeSafe(raw).replace(/,/g, ' '));
    if (tag === '' || youtubeLength(tag) > TAG_MAX || tags.includes(tag)) continue;
    if (tagsLength([...tags, tag]) > TAGS_MAX) break;
    tags.push(tag);
  }
  return tags;
}
