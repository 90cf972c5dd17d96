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

/** All passes and region searches of one frame, overlapping boxes merged. */
export async function detectFaces(faceapi: FaceApiModule, job: DetectJob): Promise<Detection[]> {
  const image = imageTensor(faceapi, job.image);
  try {
    const found: Detection[] = [];
    for (const pass of job.passes) found.push(...(await runDetector(faceapi, image, pass)));
    for (const region of job.regions) found.push(...(await detectInRegion(faceapi, image, region, job.regionPass)));
    return suppressOverlaps(found, 0.4);
  } finally {
    image.dispose();
  }
}
