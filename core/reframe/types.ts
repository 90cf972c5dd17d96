import type { CropSample } from '../media/crop-path.js';

/** A camera shot: a run of frames between two hard cuts, in seconds of the source. */
export interface Shot {
  start: number;
  end: number;
}

/**
 * How the virtual camera treats one shot: `still` holds one crop, `follow` pans with the subject,
 * `blur` shows the whole frame over a blurred copy of itself, `center` is the fixed centre crop and
 * `split` stacks two people.
 */
export type ShotMode = 'still' | 'follow' | 'blur' | 'center' | 'split';

export interface ShotPlan extends Shot {
  mode: ShotMode;
  /** Identity (or track) ids the camera keeps in frame. */
  subjects: string[];
  /** Why the shot got its mode, in words (always set for `blur`). */
  reason: string;
  /** This shot's samples in the plan's cropPath: indexes [first, last]. */
  samples: [number, number];
  /** For `split`: the crop of the top half then the bottom half, each constant over the shot. */
  split?: [CropSample, CropSample];
}

export interface FrameSize {
  width: number;
  height: number;
}
