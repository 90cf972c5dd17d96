import type { ChatCandidate } from '../chat/chat-signal.js';
import type { CaptionCandidate } from './caption-candidates.js';
import type { HeatmapSignal } from './heatmap-signal.js';
import type { MomentCandidate } from './merge-overlapping.js';
import { clampWindow, type TimeWindow, type WindowLimits } from './moment-window.js';

/** One moment as the signals see it: the window and whichever signals back it. */
export interface FusedCandidate {
  window: TimeWindow;
  peak: number;
  score: number;
  comment?: MomentCandidate;
  chat?: ChatCandidate;
  captions?: CaptionCandidate;
}

export interface SignalCandidates {
  comments: MomentCandidate[];
  chat: ChatCandidate[];
  captions: CaptionCandidate[];
  /** Windows the heatmap alone points at (only used when no other signal found anything). */
  heatmap: { window: TimeWindow; peak: number }[];
}

/** Caption reaction tags are a weak signal: each adds this much, up to CAPTION_MAX. */
const CAPTION_PER_TAG = 0.1;
const CAPTION_MAX = 0.3;
/** The heatmap's rise over its median lifts a fused score by up to this much. */
const HEAT_WEIGHT = 0.3;

function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Both windows as one, kept to the limits from the earlier start. */
function union(a: TimeWindow, b: TimeWindow, limits: WindowLimits): TimeWindow {
  return clampWindow({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) }, limits);
}

function attachChat(entries: FusedCandidate[], chat: ChatCandidate, limits: WindowLimits): void {
  const window = clampWindow({ start: chat.start, end: chat.end }, limits);
  const match = entries.find((entry) => overlaps(entry.window, window));
  if (match?.chat) return; // a weaker echo of a burst that already backs this moment
  if (match) {
    match.chat = chat;
    match.window = union(match.window, window, limits);
  } else {
    entries.push({ window, peak: chat.event, score: 0, chat });
  }
}

function attachCaptions(entries: FusedCandidate[], captions: CaptionCandidate, limits: WindowLimits): void {
  const window = clampWindow({ start: captions.start, end: captions.end }, limits);
  const match = entries.find((entry) => overlaps(entry.window, window));
  if (match) match.captions = match.captions ?? captions;
  else entries.push({ window, peak: captions.peak, score: 0, captions });
}

function scorer(candidates: SignalCandidates, heat: HeatmapSignal, heatLift: (value: number) => number) {
  const topComment = Math.max(0, ...candidates.comments.map((c) => c.score));
  const topChat = Math.max(0, ...candidates.chat.map((c) => c.strength));
  return (entry: FusedCandidate): number => {
    const comments = entry.comment && topComment > 0 ? entry.comment.score / topComment : 0;
    const chat = entry.chat && topChat > 0 ? entry.chat.strength / topChat : 0;
    const captions = entry.captions ? Math.min(CAPTION_MAX, CAPTION_PER_TAG * entry.captions.tags.length) : 0;
    // a comment moment's own score already counts the heatmap
    const heatmap = entry.comment ? 0 : HEAT_WEIGHT * heatLift(heat.heatAround(entry.peak));
    return comments + chat + captions + heatmap;
  };
}

/** Overlapping entries become one: the stronger keeps its window and gains the other's evidence. */
function resolveOverlaps(entries: FusedCandidate[]): FusedCandidate[] {
  const accepted: FusedCandidate[] = [];
  for (const entry of [...entries].sort((a, b) => b.score - a.score || a.window.start - b.window.start)) {
    const host = accepted.find((other) => overlaps(other.window, entry.window));
    if (!host) {
      accepted.push(entry);
      continue;
    }
    host.chat = host.chat ?? entry.chat;
    host.captions = host.captions ?? entry.captions;
  }
  return accepted;
}

/**
 * One ranking from every signal: the comments' moments, the chat's bursts and the captions'
 * reactions become one list of windows; each signal's strength is taken relative to its own best
 * (so no signal's scale outvotes another), and a moment several signals agree on sums them and
 * ranks above one signal alone.
 */
export function fuseSignals(candidates: SignalCandidates, heat: HeatmapSignal, heatLift: (value: number) => number, limits: WindowLimits): FusedCandidate[] {
  const entries: FusedCandidate[] = candidates.comments.map((comment) => ({ window: comment.window, peak: comment.peak, score: 0, comment }));
  for (const chat of candidates.chat) attachChat(entries, chat, limits);
  for (const captions of candidates.captions) attachCaptions(entries, captions, limits);
  if (entries.length === 0) {
    for (const { window, peak } of candidates.heatmap) entries.push({ window: clampWindow(window, limits), peak, score: 0 });
  }
  const score = scorer(candidates, heat, heatLift);
  for (const entry of entries) entry.score = score(entry);
  const resolved = resolveOverlaps(entries);
  for (const entry of resolved) entry.score = score(entry);
  return resolved.sort((a, b) => b.score - a.score || a.window.start - b.window.start);
}
