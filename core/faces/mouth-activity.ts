import type { TrackSample } from './types.js';

type Point = { x: number; y: number };

/** The inner lips of the 68-point scheme: upper 61–63 above lower 67–65. */
const INNER_LIP_PAIRS = [
  [61, 67],
  [62, 66],
  [63, 65],
] as const;
/** The outer eye corners: their distance is the face's size, whatever the mouth does. */
const OUTER_EYE_CORNERS = [36, 45] as const;

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * How far the mouth is open in one look at a face: the mean gap between the inner lips over the
 * distance between the outer eye corners (about 0.01 closed, 0.1–0.2 speaking, 0.3 and more
 * wide open). Undefined when the landmarks are not the 68-point scheme or the eyes coincide.
 */
export function mouthOpening(points: readonly Point[]): number | undefined {
  if (points.length !== 68) return undefined;
  const eyes = distance(points[OUTER_EYE_CORNERS[0]]!, points[OUTER_EYE_CORNERS[1]]!);
  if (!(eyes > 0)) return undefined;
  const gap = INNER_LIP_PAIRS.reduce((sum, [upper, lower]) => sum + distance(points[upper]!, points[lower]!), 0) / INNER_LIP_PAIRS.length;
  return gap / eyes;
}

/** A time of a face's mouth series and how much the mouth moved around it. */
export interface MouthActivity {
  t: number;
  /** The standard deviation of the mouth's opening over the window around `t`. */
  activity: number;
}

/** Seconds of mouth series each activity value looks at (half before, half after). */
export const ACTIVITY_WINDOW_S = 1.2;

function deviation(values: number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

/**
 * How much a face's mouth moves over time: at each sample with a measured opening, the spread of
 * the openings within ACTIVITY_WINDOW_S around it (a speaking mouth opens and closes several
 * times a second; a still or smiling one stays where it is, however wide). Needs two
 * measurements in the window; samples are in time order.
 */
export function mouthActivity(samples: readonly TrackSample[], windowS = ACTIVITY_WINDOW_S): MouthActivity[] {
  const measured = samples.filter((s): s is TrackSample & { mouth: number } => s.mouth !== undefined);
  const out: MouthActivity[] = [];
  let first = 0;
  let last = 0;
  for (const sample of measured) {
    while (measured[first]!.t < sample.t - windowS / 2) first += 1;
    while (last + 1 < measured.length && measured[last + 1]!.t <= sample.t + windowS / 2) last += 1;
    if (last > first) out.push({ t: sample.t, activity: deviation(measured.slice(first, last + 1).map((s) => s.mouth)) });
  }
  return out;
}
