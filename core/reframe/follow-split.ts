import type { TrackSample } from '../faces/types.js';
import type { CropSample } from '../media/crop-path.js';
import { roundTo } from '../math/round-to.js';
import type { CameraLimits } from './follow-axis.js';
import { keptSteps, planAxis } from './plan-axis.js';
import { boxAt, subjectSeries } from './subject-series.js';
import type { FrameSize } from './types.js';

export interface FollowSplitContext {
  source: FrameSize;
  /** The camera's times over the shot (source seconds) and their step. */
  times: number[];
  stepS: number;
  /** Keep every n-th time while a half moves. */
  every: number;
  origin: number;
  limits: (cropWidth: number) => CameraLimits;
}

/** One half's path: its crop (size and height from planSplit) moving sideways with its person, held while they stay. */
function halfPath(samples: TrackSample[], held: CropSample, context: FollowSplitContext): CropSample[] {
  const { times, stepS, source, origin } = context;
  const series = subjectSeries([samples]);
  if (series.length === 0) return [held];
  const boxes = times.map((t) => boxAt(series, t));
  const axis = planAxis({ start: boxes.map((b) => b.x), end: boxes.map((b) => b.x + b.w) }, held.w, source.width, stepS, context.limits(held.w));
  const every = axis.mode === 'still' ? times.length : context.every;
  return keptSteps(times.length, every).map((i) => ({ ...held, t: roundTo(times[i]! - origin, 3), x: roundTo(axis.positions[i]!, 1) }));
}

/**
 * The split layout's two halves over a shot, each following its person sideways with the same
 * calm camera as the single crop (still while they stay, smooth when they move); times from
 * `origin`. `held` is planSplit's crop of each half (its size and height are kept).
 */
export function followSplit(groups: [TrackSample[], TrackSample[]], held: [CropSample, CropSample], context: FollowSplitContext): [CropSample[], CropSample[]] {
  return [halfPath(groups[0], held[0], context), halfPath(groups[1], held[1], context)];
}
