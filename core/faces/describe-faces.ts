import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { clipBox } from './box-geometry.js';
import type { DescribeJob, FaceDescription, RgbImage } from './face-jobs.js';
import type { FaceBox } from './types.js';

type Tensor3D = FaceApi.tf.Tensor3D;

/** The picture as an int32 [height, width, 3] tensor, straight from the rgb24 bytes. */
function imageTensor(faceapi: FaceApiModule, image: RgbImage): Tensor3D {
  return faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
}

/** 1 when the nose sits midway between the jaw's ends (frontal), towards 0 as the head turns. */
export function frontalness(points: Array<{ x: number; y: number }>): number {
  const left = points[0];
  const right = points[16];
  const nose = points[30];
  if (!left || !right || !nose) return 0;
  const width = right.x - left.x;
  if (width <= 0) return 0;
  const offCentre = Math.abs(nose.x - left.x - (right.x - nose.x)) / width;
  return Math.max(0, 1 - offCentre);
}

async function cropTensor(faceapi: FaceApiModule, image: Tensor3D, box: FaceBox): Promise<Tensor3D | undefined> {
  const [height, width] = image.shape;
  const clipped = clipBox(box, width, height);
  if (clipped.w < 4 || clipped.h < 4) return undefined;
  const rect = new faceapi.Rect(clipped.x, clipped.y, clipped.w, clipped.h);
  const [face] = await faceapi.extractFaceTensors(image, [rect]);
  return face;
}

async function describeOne(
  faceapi: FaceApiModule,
  image: Tensor3D,
  box: FaceBox,
): Promise<FaceDescription | undefined> {
  const face = await cropTensor(faceapi, image, box);
  if (!face) return undefined;
  let landmarks: FaceApi.FaceLandmarks68;
  try {
    landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(face)) as FaceApi.FaceLandmarks68;
  } finally {
    face.dispose();
  }
  const shifted = landmarks.shiftBy(Math.max(0, Math.floor(box.x)), Math.max(0, Math.floor(box.y)));
  const aligned = shifted.align();
  const alignedFace = await cropTensor(faceapi, image, {
    x: aligned.x,
    y: aligned.y,
    w: aligned.width,
    h: aligned.height,
  });
  if (!alignedFace) return undefined;
  try {
    const descriptor = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(alignedFace)) as Float32Array;
    const frontal = frontalness(shifted.positions);
    return { descriptor: Array.from(descriptor), frontal, quality: Math.min(box.h, 160) * frontal * frontal };
  } finally {
    alignedFace.dispose();
  }
}

/** A descriptor per box (null where the box was too small to read). */
export async function describeFaces(
  faceapi: FaceApiModule,
  job: DescribeJob,
): Promise<Array<FaceDescription | null>> {
  const image = imageTensor(faceapi, job.image);
  try {
    const out: Array<FaceDescription | null> = [];
    for (const box of job.boxes) out.push((await describeOne(faceapi, image, box)) ?? null);
    return out;
  } finally {
    image.dispose();
  }
}
