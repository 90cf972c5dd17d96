import { beforeAll, describe, expect, it } from 'vitest';
import { boxIou } from '../../core/faces/box-geometry.js';
import { loadSsdDetector, type FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { readStillImage } from '../../core/faces/read-still-image.js';
import { detectSsd } from '../../core/faces/nets/ssd-detector.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { tensorCount } from '../helpers/tensor-count.js';

let faceapi: FaceApiModule;

beforeAll(async () => {
  faceapi = await loadSsdDetector();
  // the first call folds the batch norms into the weights once (tensors kept for the model's life)
  const blank = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3) };
  await detectSsd(faceapi, blank, { x: 0, y: 0, w: 64, h: 64 }, 0.5);
});

describe('SSD MobileNet on fused layers and a shape-keeping input', () => {
  it("finds the faces face-api's own SSD finds, at the same places, with the same scores", async () => {
    // a 16:9-ish group, a portrait group, a tall single portrait
    for (const name of ['groups/two_people.jpg', 'groups/kit_with_rose.jpg', 'groups/obama_and_biden.jpg', 'biden/biden.jpg']) {
      const image = await readStillImage(sharedMedia(`images/face_recognition/${name}`), 640);
      const tensor = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      const stock = await faceapi.detectAllFaces(tensor, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 }));
      tensor.dispose();
      const before = tensorCount(faceapi);
      const ours = await detectSsd(faceapi, image, { x: 0, y: 0, w: image.width, h: image.height }, 0.5);
      expect(tensorCount(faceapi), `${name}: no tensor left behind`).toBe(before);
      expect(stock.length, name).toBeGreaterThan(0);
      expect(ours, name).toHaveLength(stock.length);
      for (const face of stock) {
        const box = { x: face.box.x, y: face.box.y, w: face.box.width, h: face.box.height };
        const match = ours.reduce((best, d) => (boxIou(d.box, box) > boxIou(best.box, box) ? d : best));
        expect(boxIou(match.box, box), name).toBeGreaterThan(0.95);
        expect(Math.abs(match.score - face.score), name).toBeLessThan(0.06);
      }
    }
  });

  it('looks only at the area it is given, in picture coordinates', async () => {
    const image = await readStillImage(sharedMedia('images/face_recognition/groups/two_people.jpg'), 640);
    const whole = await detectSsd(faceapi, image, { x: 0, y: 0, w: image.width, h: image.height }, 0.5);
    const right = { x: image.width / 2, y: 0, w: image.width / 2, h: image.height };
    const inRight = await detectSsd(faceapi, image, right, 0.5);
    const expected = whole.filter((d) => d.box.x >= right.x);
    expect(inRight).toHaveLength(expected.length);
    for (const face of expected) expect(Math.max(...inRight.map((d) => boxIou(d.box, face.box)))).toBeGreaterThan(0.8);
  });
});
