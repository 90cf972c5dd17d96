import type { Mention } from './types.js';

/** One comment's support for a cluster. */
export interface CommentSupport {
  commentId: string;
  authorId: string;
  likes: number;
  /** Sum of the comment's mention weights in the cluster, at most 1. */
  weight: number;
  /** 1/k for a comment listing k timestamps: below 1/2 it is a list (chapters), not a reaction. */
  weightPerTimestamp: number;
  /** The comment's timestamp closest to the cluster's peak. */
  t: number;
}

export interface ClusterScore {
  score: number;
  /** Weighted count of distinct comments (a chapter list adds 1/k per entry). */
  support: number;
  comments: CommentSupport[];
}

/** Extra comments by an author who already counted add this much of their weight. */
const REPEAT_AUTHOR_SHARE = 0.25;
/**
 * Likes add at most this many times the viewers' own score: a viral comment is a bonus to the
 * viewers who point at its time, never a crowd of its own.
 */
const LIKES_CAP_SHARE = 1;
/** The heatmap lifts a score by up to this share. */
const HEAT_SHARE = 0.5;

function supportByComment(mentions: readonly Mention[], peak: number): CommentSupport[] {
  const byComment = new Map<string, CommentSupport>();
  for (const mention of mentions) {
    const known = byComment.get(mention.commentId);
    if (!known) {
      byComment.set(mention.commentId, {
        commentId: mention.commentId,
        authorId: mention.authorId,
        likes: mention.likes,
        weight: Math.min(1, mention.weight),
        weightPerTimestamp: mention.weight,
        t: mention.t,
      });
      continue;
    }
    known.weight = Math.min(1, known.weight + mention.weight);
    if (Math.abs(mention.t - peak) < Math.abs(known.t - peak)) known.t = mention.t;
  }
  return [...byComment.values()];
}

/** Distinct authors, each counting their best comment's weight and a quarter of the rest. */
function authorsScore(comments: readonly CommentSupport[]): number {
  const byAuthor = new Map<string, { best: number; total: number }>();
  for (const comment of comments) {
    const known = byAuthor.get(comment.authorId);
    if (known) {
      known.best = Math.max(known.best, comment.weight);
      known.total += comment.weight;
    } else byAuthor.set(comment.authorId, { best: comment.weight, total: comment.weight });
  }
  let score = 0;
  for (const { best, total } of byAuthor.values()) score += best + REPEAT_AUTHOR_SHARE * (total - best);
  return score;
}

/**
 * Scores a cluster: its distinct authors (weighted, so a chapter list adds 1/k), plus log2 of
 * the weighted likes of its comments (a like agrees with a comment; thousands of them are worth
 * a few more viewers, not thousands) but never more than the authors' own score (one comment
 * with 5000 likes counts as two viewers, not a dozen), lifted by up to half by `heat` (0..1,
 * the heatmap around the peak) as a second signal.
 */
export function scoreMentions(mentions: readonly Mention[], peak: number, heat = 0): ClusterScore {
  const comments = supportByComment(mentions, peak);
  const support = comments.reduce((sum, comment) => sum + comment.weight, 0);
  const likes = comments.reduce((sum, comment) => sum + comment.weight * comment.likes, 0);
  const authors = authorsScore(comments);
  const base = authors + Math.min(LIKES_CAP_SHARE * authors, Math.log2(1 + likes));
  const score = base * (1 + HEAT_SHARE * Math.min(1, Math.max(0, heat)));
  return { score, support, comments };
}
