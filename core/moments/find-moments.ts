import type { CommentSet, VideoComment } from '../youtube/types.js';
import { captionCandidates, tagsIn } from './caption-candidates.js';
import { clusterMentions } from './cluster-mentions.js';
import { extractMentionsWithComments } from './extract-mentions.js';
import { fuseSignals, type FusedCandidate, type SignalCandidates } from './fuse-signals.js';
import { heatmapSignal, type HeatmapSignal } from './heatmap-signal.js';
import { mergeOverlapping, type MomentCandidate } from './merge-overlapping.js';
import { mentionsInWindow, momentWindow, round1, type WindowLimits } from './moment-window.js';
import { normaliseMomentsOptions, type FindMomentsOptions } from './moments-options.js';
import { scoreMentions, type CommentSupport } from './score-mentions.js';
import { SIGNAL_NAMES, type SignalName } from './signal-names.js';
import type { Mention, Moment, MomentComment, MomentSignals } from './types.js';
import type { ViewerSignals } from './viewer-signals.js';

export interface FoundMoments {
  /** Timestamps found inside the video, over all comments and replies. */
  mentions: number;
  moments: Moment[];
}

/** A cluster needs at least half a viewer behind it: a chapter list's lone entry is 1/k of one. */
const MIN_SUPPORT = 0.5;
/** A moment the heatmap alone points at opens this long before its hottest segment. */
const HEAT_LEAD_S = 3;

/** Without a known duration the video is taken to end a minute after its last signal. */
function effectiveDuration(durationS: number, mentions: readonly Mention[], signals: ViewerSignals): number {
  if (Number.isFinite(durationS) && durationS > 0) return durationS;
  const chatEnd = (signals.chat?.curve.values.length ?? 0) * (signals.chat?.curve.binS ?? 0);
  const lastTag = Math.max(0, ...(signals.captionTags ?? []).map((tag) => tag.t));
  return Math.max(chatEnd, lastTag, mentions.reduce((max, m) => Math.max(max, m.end ?? m.t), 0)) + 60;
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

interface MomentContext {
  byId: Map<string, VideoComment>;
  heat: HeatmapSignal;
  hasHeatmap: boolean;
  signals: ViewerSignals;
}

function evidenceOf(fused: FusedCandidate, supports: CommentSupport[], context: MomentContext): MomentSignals {
  const signals: MomentSignals = {};
  if (fused.comment) signals.comments = { mentions: supports.length, authors: new Set(supports.map((s) => s.authorId)).size };
  if (fused.chat) signals.chat = fused.chat.evidence;
  const heat = context.heat.heatAround(fused.peak);
  if (context.hasHeatmap && heat > 0) signals.heatmap = { peak: Math.round(heat * 1000) / 1000 };
  const tags = tagsIn(context.signals.captionTags ?? [], fused.window.start, fused.window.end);
  if (tags.length > 0) signals.captions = { tags };
  return signals;
}

function toMoment(fused: FusedCandidate, rank: number, context: MomentContext): Moment {
  const { comments } = fused.comment ? scoreMentions(fused.comment.mentions, fused.comment.peak) : { comments: [] };
  return {
    rank,
    start: fused.window.start,
    end: fused.window.end,
    peak: round1(fused.peak),
    score: Math.round(fused.score * 100) / 100,
    mentions: comments.length,
    comments: momentComments(comments, context.byId),
    signals: evidenceOf(fused, comments, context),
  };
}

function heatmapCandidates(heat: HeatmapSignal): SignalCandidates['heatmap'] {
  return heat.peaks().map((p) => ({ window: { start: p.start - HEAT_LEAD_S, end: heat.endAfter(p.start) ?? p.start + 20 }, peak: p.start }));
}

/**
 * Ranked highlight moments of one video. Comments: timestamps → weighted mentions →
 * kernel-density clusters → scored windows, overlapping ones merged (ranked exactly so when the
 * comments are the only signal). With a chat, caption reactions, or only a heatmap, their
 * candidates are fused into one ranking (fuseSignals). Linear in comments, messages and duration.
 */
export function findMoments(commentSet: CommentSet, options: FindMomentsOptions = {}, signals: ViewerSignals = {}): FoundMoments {
  const settings = normaliseMomentsOptions(options);
  const use = new Set<SignalName>(signals.use ?? SIGNAL_NAMES);
  const comments = use.has('comments') ? commentSet.comments : [];
  const { mentions, commentsById } = extractMentionsWithComments(comments, commentSet.video.durationS);
  const limits: WindowLimits = {
    minLength: settings.minLength,
    maxLength: settings.maxLength,
    durationS: effectiveDuration(commentSet.video.durationS, mentions, signals),
  };
  const hasHeatmap = use.has('heatmap') && (commentSet.heatmap?.length ?? 0) > 0;
  const heat = heatmapSignal(hasHeatmap ? commentSet.heatmap : undefined);
  const rescore = (peak: number, members: Mention[]): number => scoreMentions(members, peak, heat.heatAround(peak)).score;
  const merged = mergeOverlapping(candidatesOf(heat, mentions, limits, settings.bandwidthS), limits, rescore);
  const candidates: SignalCandidates = {
    comments: merged,
    chat: use.has('chat') ? (signals.chat?.candidates ?? []) : [],
    captions: use.has('captions') ? captionCandidates(signals.captionTags ?? []) : [],
    heatmap: merged.length === 0 ? heatmapCandidates(heat) : [],
  };
  const context: MomentContext = { byId: commentsById, heat, hasHeatmap, signals: use.has('captions') ? signals : { ...signals, captionTags: [] } };
  const onlyComments = candidates.chat.length === 0 && candidates.captions.length === 0 && merged.length > 0;
  const ranked: FusedCandidate[] = onlyComments
    ? merged.sort((a, b) => b.score - a.score || a.window.start - b.window.start).map((c) => ({ window: c.window, peak: c.peak, score: c.score, comment: c }))
    : fuseSignals(candidates, heat, heat.lift, limits);
  return {
    mentions: mentions.length,
    moments: ranked.slice(0, settings.top).map((candidate, index) => toMoment(candidate, index + 1, context)),
  };
}
