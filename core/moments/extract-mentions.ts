import type { VideoComment } from '../youtube/types.js';
import { parseTimestamps, type ParsedTimestamp } from './parse-timestamps.js';
import type { Mention } from './types.js';

function distinctByTime(found: ParsedTimestamp[]): ParsedTimestamp[] {
  if (found.length < 2) return found;
  const seen = new Set<number>();
  return found.filter((timestamp) => {
    if (seen.has(timestamp.t)) return false;
    seen.add(timestamp.t);
    return true;
  });
}

export interface ExtractedMentions {
  mentions: Mention[];
  /** The comments that hold at least one mention, by id. */
  commentsById: Map<string, VideoComment>;
}

/**
 * The timestamps of every comment and reply, each weighted 1/k for a comment that lists k
 * distinct timestamps, so one chapter list counts as one viewer spread over its entries.
 * Timestamps past `durationS` (when known) are dropped before k is counted.
 */
export function extractMentionsWithComments(comments: readonly VideoComment[], durationS: number): ExtractedMentions {
  const maxS = Number.isFinite(durationS) && durationS > 0 ? durationS : Number.POSITIVE_INFINITY;
  const mentions: Mention[] = [];
  const commentsById = new Map<string, VideoComment>();
  for (const comment of comments) {
    const found = distinctByTime(parseTimestamps(comment.text, { maxS }));
    if (found.length === 0) continue;
    commentsById.set(comment.id, comment);
    const weight = 1 / found.length;
    for (const timestamp of found) {
      const mention: Mention = {
        t: timestamp.t,
        commentId: comment.id,
        authorId: comment.authorId || comment.id,
        likes: Math.max(0, comment.likes || 0),
        weight,
      };
      if (timestamp.end !== undefined) mention.end = timestamp.end;
      mentions.push(mention);
    }
  }
  return { mentions, commentsById };
}

/** The weighted mentions of every comment and reply (see extractMentionsWithComments). */
export function extractMentions(comments: readonly VideoComment[], durationS: number): Mention[] {
  return extractMentionsWithComments(comments, durationS).mentions;
}
