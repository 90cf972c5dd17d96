import { REACTION_TONES, type ChatSeries } from './reaction-series.js';
import { boxSum, rollingMedian } from './rolling.js';
import type { ReactionTone } from './chat-log.js';

/** A burst of reactions above the stream's own level, in chat time (before the lag is taken off). */
export interface ChatBurst {
  /** First and last second where the reactions stay above HOLD_SHARE of the burst's rise. */
  start: number;
  end: number;
  /** The second the reactions take off, and the last one before they die down (per second, not per window). */
  onset: number;
  fade: number;
  /** The centre of the busiest REACTION_WINDOW_S. */
  peak: number;
  /** Fresh reacting chatters above the baseline in the busiest REACTION_WINDOW_S. */
  strength: number;
  /** How many baseline deviations the peak stands out. */
  z: number;
  kind: ReactionTone;
}

/** Reactions are counted over a window this long (viewers type over several seconds). */
const BEFORE_S = 4;
const AFTER_S = 5;
/** The stream's own level: the median of the counts over ±this many seconds. */
const BASELINE_HALF_WIDTH_S = 150;
/** A burst stands out this many Poisson deviations above the level (+ a floor for quiet chats)... */
const MIN_Z = 5;
const QUIET_FLOOR = 4;
/** ...by this many chatters at least, and at least doubles the level. */
const MIN_EXCESS = 6;
const MIN_RATIO = 2;
/** A burst lasts while its rise stays above this share of its peak rise. */
const HOLD_SHARE = 0.3;
/** Greetings, goodbyes and thanks outnumbering the reactions make a flood, not a highlight. */
const MAX_NOISE_RATIO = 1;

interface Curves {
  /** Reactors per second, lightly smoothed (for where a burst starts and ends). */
  perSecond: Float64Array;
  /** The stream's level per second. */
  levelPerSecond: Float64Array;
  reactions: Float64Array;
  excess: Float64Array;
  z: Float64Array;
  noise: Float64Array;
}

function curvesOf(series: ChatSeries): Curves {
  const reactions = boxSum(series.reactors, BEFORE_S, AFTER_S);
  const level = rollingMedian(reactions, BASELINE_HALF_WIDTH_S);
  const excess = new Float64Array(reactions.length);
  const z = new Float64Array(reactions.length);
  for (let i = 0; i < reactions.length; i += 1) {
    const standsOut = reactions[i]! >= MIN_RATIO * level[i]!;
    excess[i] = standsOut ? Math.max(0, reactions[i]! - level[i]!) : 0;
    z[i] = excess[i]! / Math.sqrt(level[i]! + QUIET_FLOOR);
  }
  const perSecond = boxSum(series.reactors, 1, 1).map((sum) => sum / 3);
  const levelPerSecond = level.map((value) => value / (BEFORE_S + AFTER_S + 1));
  return { perSecond, levelPerSecond, reactions, excess, z, noise: boxSum(series.noise, BEFORE_S, AFTER_S) };
}

/** The stretch around a peak where the rise holds, not reaching into another burst's seconds. */
function extent(curves: Curves, peak: number, claimed: Uint8Array): { start: number; end: number } {
  const hold = HOLD_SHARE * curves.excess[peak]!;
  let start = peak;
  while (start > 0 && !claimed[start - 1] && curves.excess[start - 1]! >= hold) start -= 1;
  let end = peak;
  while (end + 1 < curves.excess.length && !claimed[end + 1] && curves.excess[end + 1]! >= hold) end += 1;
  return { start, end };
}

/** A burst takes off where the per-second reactions first reach this share of its rise. */
const ONSET_SHARE = 0.25;

/** Where the per-second reactions rise above, and fall back below, ONSET_SHARE of the peak's rise. */
function onsetAndFade(curves: Curves, start: number, end: number): { onset: number; fade: number } {
  let top = start;
  for (let i = start; i <= end; i += 1) if (curves.perSecond[i]! > curves.perSecond[top]!) top = i;
  const holds = (i: number): boolean =>
    curves.perSecond[i]! - curves.levelPerSecond[i]! >= ONSET_SHARE * (curves.perSecond[top]! - curves.levelPerSecond[top]!);
  let onset = top;
  while (onset > start && holds(onset - 1)) onset -= 1;
  let fade = top;
  while (fade < end && holds(fade + 1)) fade += 1;
  return { onset, fade };
}

function sumOver(values: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i <= end; i += 1) sum += values[i]!;
  return sum;
}

function dominantTone(series: ChatSeries, start: number, end: number): ReactionTone {
  let best: ReactionTone = 'laugh';
  for (const tone of REACTION_TONES) {
    if (sumOver(series.byTone[tone], start, end) > sumOver(series.byTone[best], start, end)) best = tone;
  }
  return best;
}

/**
 * Bursts of reactions counted by distinct chatters, above the stream's rolling level, strongest
 * first. Floods of greetings, goodbyes and thanks for super chats or gifts are high-rate but are
 * not reactions, and a burst they outnumber is dropped.
 */
export function findChatBursts(series: ChatSeries): ChatBurst[] {
  const curves = curvesOf(series);
  const order = [...curves.excess.keys()].filter((i) => curves.z[i]! >= MIN_Z && curves.excess[i]! >= MIN_EXCESS);
  order.sort((a, b) => curves.excess[b]! - curves.excess[a]! || a - b);
  const claimed = new Uint8Array(curves.excess.length);
  const bursts: ChatBurst[] = [];
  for (const peak of order) {
    if (claimed[peak]) continue;
    const { start, end } = extent(curves, peak, claimed);
    const echo = claimed[start - 1] === 1 || claimed[end + 1] === 1;
    claimed.fill(1, start, end + 1);
    if (echo) continue; // the tail of a stronger burst next to it, not a moment of its own
    const reactors = sumOver(series.reactors, start, end);
    if (sumOver(series.noise, start, end) > MAX_NOISE_RATIO * reactors) continue;
    const kind = dominantTone(series, start, end);
    bursts.push({ start, end, ...onsetAndFade(curves, start, end), peak, strength: curves.excess[peak]!, z: Math.round(curves.z[peak]! * 10) / 10, kind });
  }
  return bursts;
}
