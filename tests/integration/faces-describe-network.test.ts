import type * as FaceApi from '@vladmandic/face-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { frontalness } from '../../core/faces/frontalness.js';
import { describeFaces } from '../../core/faces/nets/describe-faces.js';
import { loadFaceApi, type FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { faceInput } from '../../core/faces/face-input.js';
import type { RgbImage } from '../../core/faces/face-jobs.js';
import { readStillImage } from '../../core/faces/read-still-image.js';
import { runRecognitionNetwork, type RecognitionNetworkParams } from '../../core/faces/nets/recognition-network.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { tensorCount } from '../helpers/tensor-count.js';

let faceapi: FaceApiModule;
const STILLS = ['obama/obama.jpg', 'biden/biden.jpg', 'kit_harington/john1.jpeg', 'groups/two_people.jpg'];

beforeAll(async () => {
  faceapi = await loadFaceApi();
  // the first run folds the scale layers into the weights once (tensors kept for the model's life)
  const params = (faceapi.nets.faceRecognitionNet as unknown as { params: RecognitionNetworkParams }).params;
  await runRecognitionNetwork(faceapi, params, new Float32Array(150 * 150 * 3), 150);
});

const distance = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.sqrt(Array.from(a).reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0));

/** Each face face-api's tiny detector finds in a still, as face-api's own chain describes it from that box. */
async function stockFaces(image: RgbImage): Promise<Array<{ rect: FaceApi.Rect; landmarks: FaceApi.FaceLandmarks; descriptor: Float32Array }>> {
  const tensor = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    const found = await faceapi.detectAllFaces(tensor, new faceapi.TinyFaceDetectorOptions({ inputSize: 320 }));
    const out = [];
    for (const detection of found) {
      const rect = new faceapi.Rect(detection.box.x, detection.box.y, detection.box.width, detection.box.height);
      const [crop] = await faceapi.extractFaceTensors(tensor, [rect]);
      const landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(crop!)) as FaceApi.FaceLandmarks68;
      crop!.dispose();
      const shifted = landmarks.shiftBy(Math.max(0, Math.floor(rect.x)), Math.max(0, Math.floor(rect.y)));
      const aligned = shifted.align();
      const [alignedCrop] = await faceapi.extractFaceTensors(tensor, [aligned]);
      const descriptor = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(alignedCrop!)) as Float32Array;
      alignedCrop!.dispose();
      out.push({ rect, landmarks: shifted, descriptor });
    }
    return out;
  } finally {
    tensor.dispose();
  }
}

describe('face descriptors from byte crops and fused layers', () => {
  it("computes face-api's recognition net output from the same crop", async () => {
    const params = (faceapi.nets.faceRecognitionNet as unknown as { params: RecognitionNetworkParams }).params;
    for (const name of STILLS) {
      const image = await readStillImage(sharedMedia(`images/face_recognition/${name}`), 640);
      const tensor = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      const box = { x: image.width * 0.2, y: image.height * 0.1, w: image.width * 0.5, h: image.height * 0.7 };
      const [crop] = await faceapi.extractFaceTensors(tensor, [new faceapi.Rect(box.x, box.y, box.w, box.h)]);
      tensor.dispose();
      const stock = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(crop!)) as Float32Array;
      crop!.dispose();
      const input = faceInput(image, box, 150, { mean: [122.782, 117.001, 104.298], divisor: 255 })!;
      const before = tensorCount(faceapi);
      const ours = await runRecognitionNetwork(faceapi, params, input.data, input.size);
      expect(tensorCount(faceapi), `${name}: no tensor left behind`).toBe(before);
      expect(distance(ours, stock), name).toBeLessThan(1e-3);
    }
  });

  it("describes each face as face-api's landmark and recognition chain does", async () => {
    let faces = 0;
    for (const name of STILLS) {
      const image = await readStillImage(sharedMedia(`images/face_recognition/${name}`), 640);
      for (const stock of await stockFaces(image)) {
        const box = { x: stock.rect.x, y: stock.rect.y, w: stock.rect.width, h: stock.rect.height };
        const [ours] = await describeFaces(faceapi, { kind: 'describe', image, boxes: [box] });
        expect(ours, name).not.toBeNull();
        // far below the 0.55 that separates people: the same face, read the same way
        expect(distance(ours!.descriptor, stock.descriptor), name).toBeLessThan(0.1);
        expect(Math.abs(ours!.frontal - frontalness(stock.landmarks.positions)), name).toBeLessThan(0.05);
        faces += 1;
      }
    }
    expect(faces).toBeGreaterThanOrEqual(5);
  });
});
