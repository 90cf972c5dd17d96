import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import type { Detection, RgbImage } from './face-jobs.js';
import { squareInput } from './square-input.js';
import type { FaceBox } from './types.js';

type Tensor4D = FaceApi.tf.Tensor4D;

interface Candidate {
  box: FaceApi.Box;
  score: number;
}

/**
 * The parts of face-api's TinyFaceDetector used here (public methods of its JavaScript class,
 * not in its typings): the network itself and the decoding of its output grid.
 */
interface TinyDetectorInternals {
  params: unknown;
  config: { meanRgb: [number, number, number]; iouThreshold: number };
  runMobilenet(input: Tensor4D, params: unknown): Tensor4D;
  extractBoxes(output: Tensor4D, inputSize: { width: number; height: number }, scoreThreshold: number): Promise<Candidate[]>;
}

/**
 * Runs the Tiny Face Detector on an area of the picture (a search region, a tile, or all of it)
 * that we resize and normalise into the network's square input in one pass over the bytes.
 * face-api's own path does that as a dozen tensor ops per call (cast, pad, resize, and a
 * normalise whose concat is slow on the wasm backend); for the small inputs of region
 * searches those cost more than the network. Same network, same decoding, same suppression.
 */
export async function detectTiny(faceapi: FaceApiModule, image: RgbImage, area: FaceBox, inputSize: number, minScore: number): Promise<Detection[]> {
  const net = faceapi.nets.tinyFaceDetector as unknown as TinyDetectorInternals;
  const input = squareInput(image, area, inputSize, net.config.meanRgb, 255);
  const tf = faceapi.tf;
  const output = tf.tidy(() => net.runMobilenet(tf.tensor4d(input.data, [1, inputSize, inputSize, 3]), net.params));
  let candidates: Candidate[];
  try {
    candidates = await net.extractBoxes(output, { width: inputSize, height: inputSize }, minScore);
  } finally {
    output.dispose();
  }
  const kept = faceapi.nonMaxSuppression(
    candidates.map((c) => c.box.rescale(inputSize)),
    candidates.map((c) => c.score),
    net.config.iouThreshold,
    true,
  );
  return kept.map((i) => {
    const box = candidates[i]!.box.rescale(inputSize / input.scale);
    return { box: { x: area.x + box.x, y: area.y + box.y, w: box.width, h: box.height }, score: candidates[i]!.score };
  });
}
