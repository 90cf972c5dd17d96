import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import type { Detection, RgbImage } from '../face-jobs.js';
import { detectorInput } from '../detector-input.js';
import { runTinyNetwork, type TinyNetworkParams } from './tiny-network.js';
import type { FaceBox } from '../types.js';

/**
 * The parts of face-api's TinyFaceDetector used here (public members of its JavaScript class,
 * not in its typings): the loaded weights and the configuration.
 */
interface TinyDetectorInternals {
  params: TinyNetworkParams;
  config: { meanRgb: [number, number, number]; iouThreshold: number; anchors: Array<{ x: number; y: number }> };
}

/** The network halves the picture five times: one output cell per 32x32 input pixels. */
const CELL_PX = 32;
/** Values per anchor box in a cell: x, y, width, height, score. */
const BOX_ENCODING = 5;

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

interface Candidates {
  boxes: FaceApi.BoundingBox[];
  scores: number[];
}

/**
 * The boxes of the output grid, in input pixels, as face-api's extractBoxes decodes them (a
 * sigmoid offset inside the cell, an exponential scale of the anchor), for a grid of any shape:
 * face-api's own decoding assumes a square input.
 */
function decodeGrid(faceapi: FaceApiModule, values: Float32Array, rows: number, cols: number, net: TinyDetectorInternals, minScore: number): Candidates {
  const { anchors } = net.config;
  const found: Candidates = { boxes: [], scores: [] };
  for (let row = 0; row < rows; row += 1) {
    for (let col = 0; col < cols; col += 1) {
      for (let a = 0; a < anchors.length; a += 1) {
        const at = ((row * cols + col) * anchors.length + a) * BOX_ENCODING;
        const score = sigmoid(values[at + 4]!);
        if (!(score > minScore)) continue;
        const cx = (col + sigmoid(values[at]!)) * CELL_PX;
        const cy = (row + sigmoid(values[at + 1]!)) * CELL_PX;
        const w = Math.exp(values[at + 2]!) * anchors[a]!.x * CELL_PX;
        const h = Math.exp(values[at + 3]!) * anchors[a]!.y * CELL_PX;
        found.boxes.push(new faceapi.BoundingBox(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        found.scores.push(score);
      }
    }
  }
  return found;
}

/**
 * Runs the Tiny Face Detector on an area of the picture (a search region, a tile, or all of it)
 * that we resize and normalise into the network's input in one pass over the bytes, keeping the
 * area's shape (the network is fully convolutional; face-api pads every input to a square).
 * face-api's own path does the resize as a dozen tensor ops per call (cast, pad, resize, and a
 * normalise whose concat is slow on the wasm backend); for the small inputs of region searches
 * those cost more than the network. Same network and weights (runTinyNetwork), same box
 * decoding, same suppression; `inputSize` is the input's long side, so the scale is face-api's
 * for the same setting.
 */
export async function detectTiny(faceapi: FaceApiModule, image: RgbImage, area: FaceBox, inputSize: number, minScore: number): Promise<Detection[]> {
  const net = faceapi.nets.tinyFaceDetector as unknown as TinyDetectorInternals;
  const input = detectorInput(image, area, inputSize, { mean: net.config.meanRgb, divisor: 255, multiple: CELL_PX });
  const tf = faceapi.tf;
  const output = runTinyNetwork(faceapi, net.params, tf.tensor4d(input.data, [1, input.height, input.width, 3]));
  let values: Float32Array;
  try {
    values = (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
  const [, rows = 0, cols = 0] = output.shape;
  const { boxes, scores } = decodeGrid(faceapi, values, rows, cols, net, minScore);
  const kept = faceapi.nonMaxSuppression(boxes, scores, net.config.iouThreshold, true);
  return kept.map((i) => {
    const box = boxes[i]!;
    return {
      box: { x: area.x + box.x / input.scale, y: area.y + box.y / input.scale, w: box.width / input.scale, h: box.height / input.scale },
      score: scores[i]!,
    };
  });
}
