import type { CropSample } from '../media/crop-path.js';
import type { SpeakerTurn } from './choose-speaker.js';

/** A camera shot: a run of frames between two hard cuts, in seconds of the source. */
export interface Shot {
  start: number;
  end: number;
}

/**
 * How the virtual camera treats one shot: `still` holds one crop, `follow` pans with the subject,
 * `blur` shows the whole frame over a blurred copy of itself, `center` is the fixed centre crop,
 * `split` stacks two people and `facecam` puts a streamer's face-cam over the content.
 */
export type ShotMode = 'still' | 'follow' | 'blur' | 'center' | 'split' | 'facecam';

/**
 * The face-cam layout of one shot, in source pixels: the face-cam's rectangle (scaled to the
 * output's width, `camHeight` output pixels tall, on top) and the content's crop below it.
 */
export interface FacecamFrame {
  cam: CropSample;
  content: CropSample;
  camHeight: number;
}

export interface ShotPlan extends Shot {
  mode: ShotMode;
  /** Identity (or track) ids the camera keeps in frame. */
  subjects: string[];
  /** Why the shot got its mode, in words (always set for `blur`). */
  reason: string;
  /** This shot's samples in the plan's cropPath: indexes [first, last]. */
  samples: [number, number];
  /** For `split`: the crop of the top half then the bottom half where each person mostly is. */
  split?: [CropSample, CropSample];
  /** For `split`: each half's crop following its person (times from the plan's origin, as the crop path). */
  splitPaths?: [CropSample[], CropSample[]];
  /** For a shot that follows whoever speaks (`single` layout): whom the camera shows when, in source seconds. */
  speakers?: SpeakerTurn[];
  /** For `facecam`: the face-cam on top and the content below, constant over the shot. */
  facecam?: FacecamFrame;
}

export interface FrameSize {
  width: number;
  height: number;
}
