import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import type { DescribeJob, FaceDescription, RgbImage } from '../face-jobs.js';
import { faceInput } from '../face-input.js';
import { frontalness } from '../frontalness.js';
import { runRecognitionNetwork, type RecognitionNetworkParams } from './recognition-network.js';
import type { FaceBox } from '../types.js';

/** The landmark net's input side, and the recognition net's side and mean colour (face-api's). */
const LANDMARK_SIZE = 112;
const RECOGNITION_SIZE = 150;
const RECOGNITION_MEAN = [122.782, 117.001, 104.298];

/** The 68 landmarks of the face in a box, in the picture's pixels. */
async function landmarksOf(faceapi: FaceApiModule, image: RgbImage, box: FaceBox): Promise<FaceApi.FaceLandmarks68 | undefined> {
  const face = faceInput(image, box, LANDMARK_SIZE);
  if (!face) return undefined;
  const tensor = faceapi.tf.tensor3d(face.data, [face.size, face.size, 3], 'float32');
  let landmarks: FaceApi.FaceLandmarks68;
  try {
    landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(tensor)) as FaceApi.FaceLandmarks68;
  } finally {
    tensor.dispose();
  }
  // FaceLandmarks68 takes positions relative to the picture's size
  const relative = landmarks.positions.map(
    (p) => new faceapi.Point((face.left + p.x * face.step) / image.width, (face.top + p.y * face.step) / image.height),
  );
  return new faceapi.FaceLandmarks68(relative, { width: image.width, height: image.height });
}

/**
 * Landmarks, then the descriptor of the face aligned by them: face-api's chain
 * (withFaceLandmarks().withFaceDescriptor()), with the crops made from the picture's bytes
 * instead of tensor slices and the recognition net on fused layers.
 */
async function describeOne(faceapi: FaceApiModule, image: RgbImage, box: FaceBox): Promise<FaceDescription | undefined> {
  const landmarks = await landmarksOf(faceapi, image, box);
  if (!landmarks) return undefined;
  const aligned = landmarks.align();
  const face = faceInput(image, { x: aligned.x, y: aligned.y, w: aligned.width, h: aligned.height }, RECOGNITION_SIZE, { mean: RECOGNITION_MEAN, divisor: 255 });
  if (!face) return undefined;
  const params = (faceapi.nets.faceRecognitionNet as unknown as { params: RecognitionNetworkParams }).params;
  const descriptor = await runRecognitionNetwork(faceapi, params, face.data, face.size);
  const frontal = frontalness(landmarks.positions);
  return { descriptor: Array.from(descriptor), frontal, quality: Math.min(box.h, 160) * frontal * frontal };
}

/** A descriptor per box (null where the box was too small to read). */
export async function describeFaces(
  faceapi: FaceApiModule,
  job: DescribeJob,
): Promise<Array<FaceDescription | null>> {
  const out: Array<FaceDescription | null> = [];
  for (const box of job.boxes) out.push((await describeOne(faceapi, job.image, box)) ?? null);
  return out;
}
