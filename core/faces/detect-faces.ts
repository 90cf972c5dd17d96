import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { suppressOverlaps } from './box-geometry.js';
import type { DetectJob, Detection, DetectorPass, RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

type Tensor3D = FaceApi.tf.Tensor3D;

/** The picture as an int32 [height, width, 3] tensor, straight from the rgb24 bytes. */
export function imageTensor(faceapi: FaceApiModule, image: RgbImage): Tensor3D {
  return faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
}

function detectorOptions(faceapi: FaceApiModule, pass: DetectorPass): FaceApi.FaceDetectionOptions {
  if (pass.detector === 'ssd') {
    return new faceapi.SsdMobilenetv1Options({ minConfidence: pass.minScore, maxResults: 100 });
  }
  return new faceapi.TinyFaceDetectorOptions({ inputSize: pass.inputSize, scoreThreshold: pass.minScore });
}

/** One detector pass; boxes come back in the input's pixels, shifted by `offset`. */
export async function runDetector(
  faceapi: FaceApiModule,
  input: Tensor3D,
  pass: DetectorPass,
  offset: { x: number; y: number } = { x: 0, y: 0 },
): Promise<Detection[]> {
  const found = await faceapi.detectAllFaces(input, detectorOptions(faceapi, pass));
  return found.map((d) => ({
    box: { x: d.box.x + offset.x, y: d.box.y + offset.y, w: d.box.width, h: d.box.height },
    score: d.score,
  }));
}

async function detectInRegion(
  faceapi: FaceApiModule,
  image: Tensor3D,
  region: FaceBox,
  pass: DetectorPass,
): Promise<Detection[]> {
  if (region.w < 8 || region.h < 8) return [];
  const crop = faceapi.tf.slice(image, [region.y, region.x, 0], [region.h, region.w, 3]) as Tensor3D;
  try {
    return await runDetector(faceapi, crop, pass, region);
  } finally {
    crop.dispose();
  }
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

async function detectInTiles(faceapi: FaceApiModule, image: Tensor3D, job: DetectJob): Promise<Detection[]> {
  const found: Detection[] = [];
  for (const tile of job.tiles ?? []) {
    const inTile = await detectInRegion(faceapi, image, tile, job.tilePass ?? job.regionPass);
    found.push(...inTile.filter((d) => whole(d, tile, job.image.width, job.image.height)));
  }
  return found;
}

/** All passes, region searches and tiles of one frame, overlapping boxes merged. */
export async function detectFaces(faceapi: FaceApiModule, job: DetectJob): Promise<Detection[]> {
  const image = imageTensor(faceapi, job.image);
  try {
    const found: Detection[] = [];
    for (const pass of job.passes) found.push(...(await runDetector(faceapi, image, pass)));
    const missed = (job.fallbackRegions ?? []).filter((region) => !found.some((d) => centredIn(d.box, region)));
    for (const region of [...job.regions, ...missed]) found.push(...(await detectInRegion(faceapi, image, region, job.regionPass)));
    if (job.tilePass) found.push(...(await detectInTiles(faceapi, image, job)));
    return suppressOverlaps(found, 0.4);
  } finally {
    image.dispose();
  }
}
