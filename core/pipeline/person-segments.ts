import type { FaceTrack } from '../faces/types.js';
import type { TimeWindow } from '../media/time-window.js';

/**
 * Seconds kept before a person's first detection in a shot (a newcomer is found a little after
 * it appears), never before the cut nor where someone else is. None after the last detection: a
 * face lost inside a shot has left (a slide transition already shows the next person there).
 */
export const PERSON_MARGIN_S = 0.25;
/** A person's gaps shorter than this stay in their clip when nobody else is on screen then and the shot goes on. */
export const PERSON_BRIDGE_S = 1.5;

/** Who is on screen when: the faces stage's tracks (labelled with the people's ids) and the cuts it saw. */
export interface PeopleTimeline {
  tracks: FaceTrack[];
  /** The analysed frames' times just before and just after each shot cut. */
  cuts: Array<[number, number]>;
}

type Span = [number, number];
const EPS = 1e-6;

/** The analysis' frame step: the smallest step between two samples of a track (samples are every analysed frame). */
function frameStep(tracks: FaceTrack[]): number {
  let step = Infinity;
  for (const track of tracks) {
    for (let i = 1; i < track.samples.length; i += 1) step = Math.min(step, track.samples[i]!.t - track.samples[i - 1]!.t);
  }
  return Number.isFinite(step) && step > 0 ? step : 0.2;
}

/** From the first detection to the last sample of a track (bridged samples only follow a detection). */
function trackSpan(track: FaceTrack): Span | undefined {
  const first = track.samples.find((s) => !s.bridged);
  const last = track.samples.at(-1);
  return first && last ? [first.t, last.t] : undefined;
}

/** The first analysed frame of the shot showing time `t`, and the last one (±Infinity: no cut that side). */
function shotAround(t: number, cuts: Array<[number, number]>): Span {
  let start = -Infinity;
  let end = Infinity;
  for (const [before, after] of cuts) {
    if (after <= t + EPS) start = Math.max(start, after);
    if (before >= t - EPS) end = Math.min(end, before);
  }
  return [start, end];
}

function unite(spans: Span[], bridge: (a: Span, b: Span) => boolean): Span[] {
  const out: Span[] = [];
  for (const span of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && (span[0] <= last[1] || bridge(last, span))) last[1] = Math.max(last[1], span[1]);
    else out.push([...span]);
  }
  return out;
}

const intersects = (spans: Span[], from: number, to: number): boolean => spans.some(([s, e]) => s < to && e > from);

/**
 * The parts of the video a per-person clip of `personId` shows: the person's own appearances
 * (their tracks, each kept inside its shot, up to their last detection), short gaps in one shot
 * bridged when nobody else is on screen in them, and a lead-in of PERSON_MARGIN_S that stops at
 * a cut and where someone else (or an unrecognised face) is on screen.
 */
export function personSegments(personId: string, timeline: PeopleTimeline): TimeWindow[] {
  const half = frameStep(timeline.tracks) / 2;
  const own: Span[] = [];
  const others: Span[] = [];
  for (const track of timeline.tracks) {
    const span = trackSpan(track);
    if (!span) continue;
    const shot = shotAround(span[0], timeline.cuts);
    const mine = track.identityId === personId;
    // someone else counts until half a frame after their last detection, the person only until it
    const inShot: Span = [Math.max(span[0] - half, shot[0]), Math.min(span[1] + (mine ? 0 : half), shot[1])];
    (mine ? own : others).push(inShot);
  }
  const sameShot = (a: Span, b: Span): boolean => shotAround(a[1], timeline.cuts)[1] >= b[0] - EPS;
  const appearances = unite(own, (a, b) => b[0] - a[1] <= PERSON_BRIDGE_S && sameShot(a, b) && !intersects(others, a[1], b[0]));
  const padded = appearances.map(([start, end]): Span => {
    const [shotStart] = shotAround(start + half, timeline.cuts);
    let from = Math.max(start - PERSON_MARGIN_S, shotStart, 0);
    for (const [s, e] of others) if (s < start && e > from) from = Math.min(start, Math.max(from, e));
    return [Math.max(0, Math.min(from, start)), end];
  });
  return unite(padded, () => false).map(([start, end]) => ({ start: Math.round(start * 100) / 100, end: Math.round(end * 100) / 100 }));
}
