import type { CropSample } from './crop-path.js';

/**
 * How the source frame becomes the output frame:
 * - `center`: the largest crop of the output's aspect, centred;
 * - `blur`: the whole frame fitted inside, over a blurred, zoomed copy of itself;
 * - `scale`: the whole frame fitted inside (black bars where aspects differ), for landscape;
 * - `path`: a crop that moves along a crop path (times from the clip start, source pixels);
 * - `split`: two crop paths stacked, each filling half the output height (two people);
 * - `facecam`: a streamer's face-cam (a crop path) scaled to the output's width, `camHeight`
 *   pixels tall, on top of the content (another crop path) filling the rest;
 * - `sequence`: one of the above per run of shots, cut in one pass (build-sequence-filter.ts).
 */
export type ClipLayout =
  | { mode: 'center' }
  | { mode: 'blur' }
  | { mode: 'scale' }
  | { mode: 'path'; path: CropSample[] }
  | { mode: 'split'; top: CropSample[]; bottom: CropSample[] }
  | { mode: 'facecam'; cam: CropSample[]; content: CropSample[]; camHeight: number }
  | { mode: 'sequence'; segments: ClipSegmentLayout[] };

/**
 * One run of a `sequence` layout (the reframe stage's per-shot modes): its layout from `start`
 * to `end`, seconds from the clip start; the runs follow each other and cover the clip.
 */
export interface ClipSegmentLayout {
  start: number;
  end: number;
  layout: Exclude<ClipLayout, { mode: 'sequence' }>;
}

/** Something drawn over the clip at its own size, its top-left corner at (x, y) in output pixels. */
export type ClipOverlay = ImageOverlay | SequenceOverlay;

/** A PNG (or any image ffmpeg reads), shown for the whole clip (the top comment's title card). */
export interface ImageOverlay {
  imagePath: string;
  x: number;
  y: number;
}

/**
 * Images that take turns in time (the telop track): an ffconcat list of same-sized PNG states,
 * each with its `duration`, the first at the clip's start. Read as ONE input by the concat
 * demuxer, each state is decoded once and shown until the next begins, to the frame.
 */
export interface SequenceOverlay {
  concatList: string;
  x: number;
  y: number;
}
