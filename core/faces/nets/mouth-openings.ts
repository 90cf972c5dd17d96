import type { FaceApiModule } from './face-api-runtime.js';
import { loadMouthLandmarks } from './face-api-runtime.js';
import type { RgbImage } from '../face-jobs.js';
import { faceInput } from '../face-input.js';
import { mouthOpening } from '../mouth-activity.js';
import { runTinyLandmarkNetwork, TINY_LANDMARK_MEAN, TINY_LANDMARK_SIZE, tinyLandmarkParams } from './tiny-landmark-network.js';
import type { FaceBox } from '../types.js';

/**
 * How far each face's mouth is open (see mouthOpening), from the tiny 68-point landmark net on
 * the detected boxes (its points in the net's input pixels: the opening is a ratio). On talking
 * faces its openings are within a few hundredths of the full landmark net's, in half the time.
 * Undefined where a box holds too little of the picture.
 */
export async function mouthOpenings(faceapi: FaceApiModule, image: RgbImage, boxes: FaceBox[]): Promise<Array<number | undefined>> {
  await loadMouthLandmarks(faceapi);
  const params = tinyLandmarkParams(faceapi);
  const out: Array<number | undefined> = [];
  for (const box of boxes) {
    const face = faceInput(image, box, TINY_LANDMARK_SIZE, { mean: TINY_LANDMARK_MEAN, divisor: 255 });
    if (!face) {
      out.push(undefined);
      continue;
    }
    const xy = await runTinyLandmarkNetwork(faceapi, params, face.data);
    out.push(mouthOpening(Array.from({ length: xy.length / 2 }, (_, i) => ({ x: xy[2 * i]!, y: xy[2 * i + 1]! }))));
  }
  return out;
}
