import type { CommentSet, VideoComment } from '../youtube/types.js';
import { clusterMentions } from './cluster-mentions.js';
import { extractMentionsWithComments } from './extract-mentions.js';
import { heatmapSignal, type HeatmapSignal } from './heatmap-signal.js';
import { mergeOverlapping, type MomentCandidate } from './merge-overlapping.js';
import { mentionsInWindow, momentWindow, round1, type WindowLimits } from './moment-window.js';
import { normaliseMomentsOptions, type FindMomentsOptions } from './moments-options.js';
import { scoreMentions, type CommentSupport } from './score-mentions.js';
import type { Mention, Moment, MomentComment } from './types.js';

export interface FoundMoments {
  /** Timestamps found inside the video, over all comments and replies. */
  mentions: number;
  moments: Moment[];
}

/** A cluster needs at least half a viewer behind it: a chapter list's lone entry is 1/k of one. */
const MIN_SUPPORT = 0.5;

/** Without a known duration the video is taken to end a minute after its last mention. */
function effectiveDuration(durationS: number, mentions: readonly Mention[]): number {
  if (Number.isFinite(durationS) && durationS > 0) return durationS;
  return mentions.reduce((max, m) => Math.max(max, m.end ?? m.t), 0) + 60;
}

function candidatesOf(heat: HeatmapSignal, mentions: Mention[], limits: WindowLimits, bandwidthS: number) {
  const candidates: MomentCandidate[] = [];
  for (const cluster of clusterMentions(mentions, limits.durationS, bandwidthS)) {
    // The parabola through the last bin may land past the end; the peak must stay in its window.
    const peak = Math.min(cluster.peak, limits.durationS);
    const window = momentWindow(peak, cluster.mentions, heat.endAfter(peak), limits);
    const members = mentionsInWindow(cluster.mentions, window);
    const { score, support } = scoreMentions(members, peak, heat.heatAround(peak));
    if (support < MIN_SUPPORT) continue;
    candidates.push({ peak, score, mentions: members, window });
  }
  return candidates;
}

/** Below this weight a comment lists three or more timestamps: it backs a moment only in passing. */
const LISTING_WEIGHT = 0.5;

/** Backing comments by likes, comments that list many timestamps (chapter lists) after the rest. */
function momentComments(supports: CommentSupport[], byId: Map<string, VideoComment>): MomentComment[] {
  const listing = (s: CommentSupport): number => (s.weightPerTimestamp < LISTING_WEIGHT ? 1 : 0);
  return [...supports]
    .sort((a, b) => listing(a) - listing(b) || b.likes - a.likes || a.t - b.t || (a.commentId < b.commentId ? -1 : 1))
    .map((s) => ({ id: s.commentId, text: byId.get(s.commentId)?.text ?? '', likes: s.likes, t: s.t }));
}

function toMoment(candidate: MomentCandidate, rank: number, byId: Map<string, VideoComment>): Moment {
  const { comments } = scoreMentions(candidate.mentions, candidate.peak);
  return {
    rank,
    start: candidate.window.start,
    end: candidate.window.end,
    peak: round1(candidate.peak),
    score: Math.round(candidate.score * 100) / 100,
    mentions: comments.length,
    comments: momentComments(comments, byId),
  };
}

/**
 * Ranked highlight moments of one video: timestamps → weighted mentions → kernel-density clusters
 * → scored windows, overlapping ones merged. Linear in the number of comments and the duration.
 */
export function findMoments(commentSet: CommentSet, options: FindMomentsOptions = {}): FoundMoments {
  const settings = normaliseMomentsOptions(options);
  const { mentions, commentsById } = extractMentionsWithComments(commentSet.comments, commentSet.video.durationS);
  const limits: WindowLimits = {
    minLength: settings.minLength,
    maxLength: settings.maxLength,
    durationS: effectiveDuration(commentSet.video.durationS, mentions),
  };
  const heat = heatmapSignal(commentSet.heatmap);
  const rescore = (peak: number, members: Mention[]): number => scoreMentions(members, peak, heat.heatAround(peak)).score;
  const merged = mergeOverlapping(candidatesOf(heat, mentions, limits, settings.bandwidthS), limits, rescore);
  const ranked = merged.sort((a, b) => b.score - a.score || a.window.start - b.window.start).slice(0, settings.top);
  return {
    mentions: mentions.length,
    moments: ranked.map((candidate, index) => toMoment(candidate, index + 1, commentsById)),
  };
}
