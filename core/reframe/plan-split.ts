import type { TrackSample } from '../faces/types.js';
import type { CropSample } from '../media/crop-path.js';
import type { FrameSize } from './types.js';
import { upperMedian } from '../math/median.js';

/** In a stacked half the face takes about this share of the half's height... */
const FACE_SHARE_OF_HALF = 0.4;
/** ...with its centre this far down, leaving headroom. */
const FACE_CENTRE_DOWN = 0.48;

function evenFloor(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The split layout for one shot: one still crop per person, same size (so both people appear at
 * the same scale), each with the aspect of half the output (1080x960 of a 1080x1920 frame).
 * The first group goes on top.
 */
export function planSplit(groups: TrackSample[][], source: FrameSize, output: FrameSize): [CropSample, CropSample] {
  const aspect = output.width / (output.height / 2);
  const faceHeight = Math.max(...groups.map((g) => upperMedian(g.map((s) => s.box.h))));
  let height = Math.min(source.height, faceHeight / FACE_SHARE_OF_HALF);
  height = Math.min(height, source.width / 2 / aspect);
  const size = { w: evenFloor(height * aspect), h: evenFloor(height) };
  const crops = groups.map((samples): CropSample => {
    const cx = upperMedian(samples.map((s) => s.box.x + s.box.w / 2));
    const cy = upperMedian(samples.map((s) => s.box.y + s.box.h / 2));
    return {
      t: 0,
      x: Math.round(clamp(cx - size.w / 2, 0, source.width - size.w)),
      y: Math.round(clamp(cy - FACE_CENTRE_DOWN * size.h, 0, source.height - size.h)),
      ...size,
    };
  });
  return [crops[0]!, crops[1]!];
}
