import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { suppressOverlaps } from './box-geometry.js';
import type { DetectJob, DetectResult, Detection, DetectorPass, RgbImage } from './face-jobs.js';
import { detectTiny } from './tiny-detector.js';
import type { FaceBox } from './types.js';

type Tensor3D = FaceApi.tf.Tensor3D;

/** The picture as an int32 [height, width, 3] tensor, straight from the rgb24 bytes. */
export function imageTensor(faceapi: FaceApiModule, image: RgbImage): Tensor3D {
  return faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
}

/** The whole picture as an area. */
function wholeOf(image: RgbImage): FaceBox {
  return { x: 0, y: 0, w: image.width, h: image.height };
}

function isWhole(area: FaceBox, image: RgbImage): boolean {
  return area.x === 0 && area.y === 0 && area.w === image.width && area.h === image.height;
}

async function runSsd(faceapi: FaceApiModule, image: RgbImage, area: FaceBox, pass: DetectorPass): Promise<Detection[]> {
  const picture = imageTensor(faceapi, image);
  const input = isWhole(area, image) ? picture : (faceapi.tf.slice(picture, [area.y, area.x, 0], [area.h, area.w, 3]) as Tensor3D);
  try {
    const found = await faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: pass.minScore, maxResults: 100 }));
    return found.map((d) => ({ box: { x: d.box.x + area.x, y: d.box.y + area.y, w: d.box.width, h: d.box.height }, score: d.score }));
  } finally {
    if (input !== picture) input.dispose();
    picture.dispose();
  }
}

/** One detector pass over an area of the picture (all of it by default); boxes in the picture's pixels. */
export function runDetector(faceapi: FaceApiModule, image: RgbImage, pass: DetectorPass, area: FaceBox = wholeOf(image)): Promise<Detection[]> {
  if (area.w < 8 || area.h < 8) return Promise.resolve([]);
  if (pass.detector === 'ssd') return runSsd(faceapi, image, area, pass);
  return detectTiny(faceapi, image, area, pass.inputSize, pass.minScore);
}

/** Whether a face's centre lies in the middle 40 % of a search region (where its tracked face was). */
function centredIn(box: FaceBox, region: FaceBox): boolean {
  const cx = box.x + box.w / 2 - (region.x + region.w / 2);
  const cy = box.y + box.h / 2 - (region.y + region.h / 2);
  return Math.abs(cx) <= region.w * 0.2 && Math.abs(cy) <= region.h * 0.2;
}

/** A face touching a tile edge that is not the frame's edge is a part of something bigger. */
function whole(d: Detection, tile: FaceBox, width: number, height: number): boolean {
  const margin = 2;
  const { x, y, w, h } = d.box;
  if (x <= tile.x + margin && tile.x > 0) return false;
  if (y <= tile.y + margin && tile.y > 0) return false;
  if (x + w >= tile.x + tile.w - margin && tile.x + tile.w < width) return false;
  return !(y + h >= tile.y + tile.h - margin && tile.y + tile.h < height);
}

async function detectInTiles(faceapi: FaceApiModule, job: DetectJob): Promise<Detection[]> {
  const found: Detection[] = [];
  for (const tile of job.tiles ?? []) {
    const inTile = await runDetector(faceapi, job.image, job.tilePass ?? job.regionPass, tile);
    found.push(...inTile.filter((d) => whole(d, tile, job.image.width, job.image.height)));
  }
  return found;
}

/** All passes, region searches and tiles of one frame, overlapping boxes merged. */
export async function detectFaces(faceapi: FaceApiModule, job: DetectJob): Promise<DetectResult> {
  const found: Detection[] = [];
  for (const pass of job.passes) found.push(...(await runDetector(faceapi, job.image, pass)));
  const ranIfEmpty = found.length === 0 && (job.passesIfEmpty?.length ?? 0) > 0;
  if (ranIfEmpty) for (const pass of job.passesIfEmpty!) found.push(...(await runDetector(faceapi, job.image, pass)));
  const missed = (job.fallbackRegions ?? []).filter((region) => !found.some((d) => centredIn(d.box, region)));
  for (const region of [...job.regions, ...missed]) found.push(...(await runDetector(faceapi, job.image, job.regionPass, region)));
  if (job.tilePass) found.push(...(await detectInTiles(faceapi, job)));
  return { detections: suppressOverlaps(found, 0.4), ranIfEmpty };
}
