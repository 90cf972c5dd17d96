import type { Moment, MomentComment } from '../moments/types.js';

/** The most-liked comment behind a moment (the earliest of equals), if it has any text. */
export function topComment(moment: Pick<Moment, 'comments'>): MomentComment | undefined {
  let best: MomentComment | undefined;
  for (const comment of moment.comments) {
    if (comment.text.trim() === '') continue;
    if (!best || comment.likes > best.likes) best = comment;
  }
  return best;
}

const DIGIT = '[0-9０-９]';
const COLON = '[:：]';
const CLOCK = `(?:${DIGIT}{1,2}${COLON})?${DIGIT}{1,2}${COLON}${DIGIT}{2}`;
const JAPANESE = `(?:${DIGIT}+時間)?(?:${DIGIT}+分)(?:${DIGIT}+秒)?`;
const STAMP = `(?:${CLOCK}|${JAPANESE})`;
const TIMESTAMPS = new RegExp(`${STAMP}(?:\\s*[-~〜～]\\s*${STAMP})?`, 'gu');

/**
 * The caption drawn on a clip: the comment without its timestamps ("5:01~5:21 草" → "草"), which
 * mean nothing inside a clip; the comment as written when nothing else is left.
 */
export function captionText(text: string): string {
  const stripped = text.replace(TIMESTAMPS, ' ').replace(/\s+/gu, ' ').trim();
  return stripped === '' ? text.trim() : stripped;
}
