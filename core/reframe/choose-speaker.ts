import { mouthActivity, type MouthActivity } from '../faces/mouth-activity.js';
import type { TrackSample } from '../faces/types.js';
import type { Shot } from './types.js';

/** Whom the camera follows from `start` to `end` (source seconds): the one speaking then. */
export interface SpeakerTurn {
  id: string;
  start: number;
  end: number;
}

/** The camera stays at least this long on a speaker (and the shot's last turn lasts as long). */
export const MIN_TURN_S = 2;
/** Mouth activity (the spread of its opening over a second) of someone speaking; a still face's is under 0.01. */
const SPEAKING = 0.025;
/** Another face takes over when its activity exceeds the followed one's this many times over... */
const CLEAR_RATIO = 1.5;
/** ...plus this much (still faces' small jitters never count)... */
const CLEAR_MARGIN = 0.01;
/** ...for this long without a break. */
const SUSTAIN_S = 0.6;
/** The grid the turns are decided on. */
const STEP_S = 0.1;
/** A subject is on screen at a time within this much of one of its samples. */
const PRESENT_S = 1;
/** An activity value speaks for the times within this much of it. */
const ACTIVITY_REACH_S = 0.5;

interface Subject {
  id: string;
  samples: TrackSample[];
  activity: MouthActivity[];
}

/** The item of a time-ordered series nearest `t` within `reach` (a binary search: a 3-hour shot stays quick). */
function nearest<T extends { t: number }>(series: readonly T[], t: number, reach: number): T | undefined {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (series[middle]!.t < t) low = middle + 1;
    else high = middle;
  }
  const after = series[low];
  const before = series[low - 1];
  const best = before && (!after || t - before.t <= after.t - t) ? before : after;
  return best && Math.abs(best.t - t) <= reach ? best : undefined;
}

/** A subject's speaking score at t: its mouth activity there, 0 without one, -1 when it is not on screen. */
function scoreAt(subject: Subject, t: number): number {
  if (!nearest(subject.samples, t, PRESENT_S)) return -1;
  return nearest(subject.activity, t, ACTIVITY_REACH_S)?.activity ?? 0;
}

function gridOf(shot: Shot): number[] {
  const count = Math.max(1, Math.floor((shot.end - shot.start) / STEP_S) + 1);
  return Array.from({ length: count }, (_, i) => shot.start + i * STEP_S);
}

/** The subject with the highest score at grid point i among `subjects`, and that score. */
function leader(scores: Map<string, number[]>, ids: string[], i: number): { id: string; score: number } | undefined {
  let best: { id: string; score: number } | undefined;
  for (const id of ids) {
    const score = scores.get(id)![i]!;
    if (!best || score > best.score) best = { id, score };
  }
  return best;
}

/** Whether `score` clearly beats the followed subject's `current` (or the followed one left the frame). */
function clearlyAbove(score: number, current: number): boolean {
  if (current < 0) return score >= 0;
  return score >= SPEAKING && score > CLEAR_RATIO * current + CLEAR_MARGIN;
}

/**
 * Who is speaking over a shot, as turns of the camera: from the mouth openings the faces stage
 * measured where two or more faces share a frame, each subject's mouth activity (how much the
 * opening varies over about a second); the camera starts on the first to speak and moves to
 * another only when that one's activity clearly exceeds the followed one's for SUSTAIN_S (or
 * the followed one leaves the frame), never before MIN_TURN_S on the current speaker nor within
 * MIN_TURN_S of the shot's end. The switch is dated back to when the other's lead began.
 * Undefined when no mouth in the shot moves like speech (the caller frames the shot as before).
 */
export function chooseSpeakers(bySubject: Map<string, TrackSample[]>, shot: Shot): SpeakerTurn[] | undefined {
  const subjects: Subject[] = [...bySubject].map(([id, samples]) => ({ id, samples, activity: mouthActivity(samples) }));
  const grid = gridOf(shot);
  const scores = new Map(subjects.map((s) => [s.id, grid.map((t) => scoreAt(s, t))]));
  const ids = subjects.map((s) => s.id);
  const firstSpeech = grid.findIndex((_, i) => (leader(scores, ids, i)?.score ?? 0) >= SPEAKING);
  if (firstSpeech < 0) return undefined;
  let current = leader(scores, ids, firstSpeech)!.id;
  const turns: SpeakerTurn[] = [];
  let turnStart = shot.start;
  let challenger: { id: string; since: number } | undefined;
  for (let i = firstSpeech; i < grid.length; i += 1) {
    const t = grid[i]!;
    const others = ids.filter((id) => id !== current);
    const best = leader(scores, others, i);
    if (!best || !clearlyAbove(best.score, scores.get(current)![i]!)) {
      challenger = undefined;
      continue;
    }
    if (challenger?.id !== best.id) challenger = { id: best.id, since: t };
    const at = Math.max(challenger.since, turnStart + MIN_TURN_S);
    if (t - challenger.since < SUSTAIN_S || at > t || at > shot.end - MIN_TURN_S) continue;
    turns.push({ id: current, start: turnStart, end: at });
    current = challenger.id;
    turnStart = at;
    challenger = undefined;
  }
  turns.push({ id: current, start: turnStart, end: shot.end });
  return turns;
}
