import type * as FaceApi from '@vladmandic/face-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../core/faces/face-jobs.js';
import { faceInput } from '../../core/faces/face-input.js';
import { loadFaceDetectors, loadMouthLandmarks, type FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { detectTiny } from '../../core/faces/nets/tiny-detector.js';
import { runTinyLandmarkNetwork, TINY_LANDMARK_MEAN, TINY_LANDMARK_SIZE, tinyLandmarkParams } from '../../core/faces/nets/tiny-landmark-network.js';
import { readStillImage } from '../../core/faces/read-still-image.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { tensorCount } from '../helpers/tensor-count.js';

let faceapi: FaceApiModule;

beforeAll(async () => {
  faceapi = await loadFaceDetectors();
  await loadMouthLandmarks(faceapi);
}, 60_000);

/** face-api's own FaceLandmark68TinyNet on the face's square (it resizes and normalises it itself), in input pixels. */
async function stockPoints(image: RgbImage, box: { x: number; y: number; w: number; h: number }): Promise<number[]> {
  const face = faceInput(image, box, TINY_LANDMARK_SIZE)!;
  const tensor = faceapi.tf.tensor3d(face.data, [face.size, face.size, 3], 'float32');
  const landmarks = (await faceapi.nets.faceLandmark68TinyNet.detectLandmarks(tensor)) as FaceApi.FaceLandmarks68;
  tensor.dispose();
  return landmarks.positions.flatMap((p) => [p.x, p.y]);
}

describe('the fused tiny landmark network', () => {
  it("computes face-api's own FaceLandmark68TinyNet points on real faces, freeing every tensor", async () => {
    let faces = 0;
    for (const name of ['groups/two_people.jpg', 'groups/kit_with_rose.jpg', 'obama/obama.jpg']) {
      const image = await readStillImage(sharedMedia(`images/face_recognition/${name}`), 640);
      const found = await detectTiny(faceapi, image, { x: 0, y: 0, w: image.width, h: image.height }, 416, 0.5);
      expect(found.length, name).toBeGreaterThan(0);
      for (const { box } of found) {
        const theirs = await stockPoints(image, box);
        const before = tensorCount(faceapi);
        const input = faceInput(image, box, TINY_LANDMARK_SIZE, { mean: TINY_LANDMARK_MEAN, divisor: 255 })!;
        const ours = await runTinyLandmarkNetwork(faceapi, tinyLandmarkParams(faceapi), input.data);
        expect(tensorCount(faceapi)).toBe(before);
        expect(ours.length).toBe(136);
        let worst = 0;
        theirs.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ours[i]!))));
        expect(worst, `${name}: largest difference in input pixels`).toBeLessThan(0.01);
        faces += 1;
      }
    }
    expect(faces).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
