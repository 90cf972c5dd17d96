import { KirinukiError } from '../../errors.js';
import type { FaceApiModule } from './face-api-runtime.js';
import { detectorInput } from '../detector-input.js';
import type { Detection, RgbImage } from '../face-jobs.js';
import { runSsdNetwork, type SsdLevel, type SsdNetworkParams } from './ssd-network.js';
import type { FaceBox } from '../types.js';

/** The model's square input and the grid of each of its six levels there, with anchors per cell. */
const MODEL_SIDE = 512;
const LEVEL_CELLS = [32, 16, 8, 4, 2, 1];
const LEVEL_ANCHORS = [3, 6, 6, 6, 6, 6];
/** Input sides are padded to this: the grids that can hold a face of a 16:9 frame stay aligned with the anchors. */
const ALIGNMENT = 128;
/** face-api's suppression settings for this detector. */
const IOU_THRESHOLD = 0.5;
const MAX_RESULTS = 100;

interface Candidate {
  score: number;
  /** top, left, bottom, right, as fractions of the model's square input. */
  box: [number, number, number, number];
}

const anchorsByParams = new WeakMap<SsdNetworkParams, Float32Array>();

/** The model's anchor boxes (face-api's `extra_dim`): for each level, row by row, cell by cell. */
function anchorsOf(params: SsdNetworkParams): Float32Array {
  let anchors = anchorsByParams.get(params);
  if (!anchors) {
    anchors = params.output_layer.extra_dim.dataSync() as Float32Array;
    anchorsByParams.set(params, anchors);
  }
  return anchors;
}

/**
 * Decodes one level as face-api's outputLayer does (centre offsets / 10, log sizes / 5 against
 * the anchor); our grid is the top-left part of the model's, so its cells keep their anchors.
 */
function decodeLevel(level: SsdLevel, k: number, anchors: Float32Array, minScore: number, out: Candidate[]): void {
  const cells = LEVEL_CELLS[k]!;
  const perCell = LEVEL_ANCHORS[k]!;
  const first = LEVEL_CELLS.slice(0, k).reduce((sum, n, j) => sum + n * n * LEVEL_ANCHORS[j]!, 0);
  if (level.rows > cells || level.cols > cells) {
    throw new KirinukiError('INTERNAL', `SSD output level ${k} is ${level.rows}x${level.cols} cells, more than the model's ${cells}x${cells}.`);
  }
  for (let row = 0; row < level.rows; row += 1) {
    for (let col = 0; col < level.cols; col += 1) {
      for (let a = 0; a < perCell; a += 1) {
        const at = (row * level.cols + col) * perCell + a;
        const score = 1 / (1 + Math.exp(-level.classes[at * 3 + 1]!));
        if (!(score > minScore)) continue;
        const p = (first + (row * cells + col) * perCell + a) * 4;
        const height = anchors[p + 2]! - anchors[p]!;
        const width = anchors[p + 3]! - anchors[p + 1]!;
        const cy = (level.boxes[at * 4]! / 10) * height + anchors[p]! + height / 2;
        const cx = (level.boxes[at * 4 + 1]! / 10) * width + anchors[p + 1]! + width / 2;
        const halfH = (Math.exp(level.boxes[at * 4 + 2]! / 5) * height) / 2;
        const halfW = (Math.exp(level.boxes[at * 4 + 3]! / 5) * width) / 2;
        out.push({ score, box: [cy - halfH, cx - halfW, cy + halfH, cx + halfW] });
      }
    }
  }
}

function overlap(a: Candidate['box'], b: Candidate['box']): number {
  const areaA = (a[2] - a[0]) * (a[3] - a[1]);
  const areaB = (b[2] - b[0]) * (b[3] - b[1]);
  if (areaA <= 0 || areaB <= 0) return 0;
  const inter = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  return inter / (areaA + areaB - inter);
}

/** Greedy suppression, best score first (face-api's, without its per-pair copy of every box). */
function suppress(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of candidates.sort((a, b) => b.score - a.score)) {
    if (kept.length >= MAX_RESULTS) break;
    if (kept.every((k) => overlap(k.box, candidate.box) <= IOU_THRESHOLD)) kept.push(candidate);
  }
  return kept;
}

/**
 * Runs SSD MobileNet v1 on an area of the picture, resized and normalised in one pass over the
 * bytes into an input that keeps the area's shape: a 16:9 frame is 512x384, not face-api's
 * padded 512x512 (with the fused network, 277 -> ~175 ms on panel.mp4's frames, same boxes
 * within two pixels). Boxes in the picture's pixels, clamped to the input as face-api does.
 */
export async function detectSsd(faceapi: FaceApiModule, image: RgbImage, area: FaceBox, minScore: number): Promise<Detection[]> {
  const params = (faceapi.nets.ssdMobilenetv1 as unknown as { params: SsdNetworkParams }).params;
  const input = detectorInput(image, area, MODEL_SIDE, { mean: [127.5, 127.5, 127.5], divisor: 127.5, multiple: ALIGNMENT });
  const levels = await runSsdNetwork(faceapi, params, faceapi.tf.tensor4d(input.data, [1, input.height, input.width, 3]));
  const anchors = anchorsOf(params);
  const candidates: Candidate[] = [];
  levels.forEach((level, k) => decodeLevel(level, k, anchors, minScore, candidates));
  const toPicture = MODEL_SIDE / input.scale;
  return suppress(candidates).map(({ score, box }) => {
    const top = Math.max(0, box[0]) * toPicture;
    const left = Math.max(0, box[1]) * toPicture;
    const bottom = Math.min(1, box[2]) * toPicture;
    const right = Math.min(1, box[3]) * toPicture;
    return { box: { x: area.x + left, y: area.y + top, w: right - left, h: bottom - top }, score };
  });
}
