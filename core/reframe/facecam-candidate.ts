import type { FaceBox, TrackSample } from '../faces/types.js';
import { median } from '../math/median.js';
import { analysedTimeCount } from './subject-series.js';
import type { FrameSize } from './types.js';

/** A face that may be a streamer's face-cam: who, and where its box mostly is in the shot. */
export interface FacecamCandidate {
  subject: string;
  /** The face's median box over the shot, source pixels. */
  region: FaceBox;
}

/** On screen at this share of the shot's analysed times at least... */
const MIN_PRESENCE = 0.6;
/** ...no taller than this share of the frame (a face-cam is small)... */
const MAX_FACE_HEIGHT = 0.3;
/** ...and its centre staying within this many face widths of where it mostly is. */
const MAX_WANDER = 0.6;

function wander(samples: TrackSample[]): number {
  const xs = samples.map((s) => s.box.x + s.box.w / 2);
  const ys = samples.map((s) => s.box.y + s.box.h / 2);
  const cx = median(xs);
  const cy = median(ys);
  const distances = xs.map((x, i) => Math.hypot(x - cx, ys[i]! - cy)).sort((a, b) => a - b);
  // the 90th percentile: a few wrong boxes do not make a face-cam move
  return distances[Math.floor(distances.length * 0.9)] ?? 0;
}

/**
 * The face of one shot that stays in one small fixed region for most of it, the most present one
 * when several do; undefined when none does. Only a candidate: the pixels decide whether a
 * face-cam's rectangle surrounds it (find-facecam-box.ts).
 */
export function facecamCandidate(bySubject: Map<string, TrackSample[]>, source: FrameSize): FacecamCandidate | undefined {
  const total = analysedTimeCount(bySubject);
  if (total < 3) return undefined;
  const fixed = [...bySubject.entries()]
    .filter(([, samples]) => samples.length >= MIN_PRESENCE * total)
    .filter(([, samples]) => median(samples.map((s) => s.box.h)) <= MAX_FACE_HEIGHT * source.height)
    .filter(([, samples]) => wander(samples) <= MAX_WANDER * median(samples.map((s) => s.box.w)))
    .sort((a, b) => b[1].length - a[1].length);
  const best = fixed[0];
  if (!best) return undefined;
  const boxes = best[1].map((s) => s.box);
  const region = { x: median(boxes.map((b) => b.x)), y: median(boxes.map((b) => b.y)), w: median(boxes.map((b) => b.w)), h: median(boxes.map((b) => b.h)) };
  return { subject: best[0], region };
}
