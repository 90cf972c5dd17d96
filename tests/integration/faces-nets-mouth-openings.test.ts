import { beforeAll, describe, expect, it } from 'vitest';
import { detectFaces, runDetector } from '../../core/faces/detect-faces.js';
import type { RgbImage } from '../../core/faces/face-jobs.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import { loadSsdDetector, type FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { mouthOpenings } from '../../core/faces/nets/mouth-openings.js';
import { readFrames } from '../../core/media/read-frames.js';
import { sharedMedia } from '../helpers/shared-media.js';

/** liveportrait_d18 (a man making faces, 480x480): mouth closed, then held wide open (seen on its frames). */
const D18 = sharedMedia('video/liveportrait_d18.mp4');
const CLOSED_S = [0.5, 1.5, 5.5, 6.5];
const OPEN_S = [2.6, 3.0, 4.2, 4.6];

let faceapi: FaceApiModule;

async function frameAt(t: number): Promise<RgbImage> {
  for await (const frame of readFrames(D18, { from: t, to: t + 0.2, fps: 25 })) return frame;
  throw new Error(`no frame at ${t} s of ${D18}`);
}

/** The face in a frame, found by SSD (the tiny detector misses this face with its mouth wide open). */
async function faceBox(image: RgbImage) {
  const [face] = await runDetector(faceapi, image, { detector: 'ssd', inputSize: 512, minScore: 0.5 });
  expect(face).toBeDefined();
  return face!.box;
}

async function openingAt(t: number): Promise<number> {
  const image = await frameAt(t);
  const [opening] = await mouthOpenings(faceapi, image, [await faceBox(image)]);
  expect(opening).toBeDefined();
  return opening!;
}

/** Two frames side by side in one picture, as two people sharing a shot. */
function sideBySide(left: RgbImage, right: RgbImage): RgbImage {
  const width = left.width + right.width;
  const data = new Uint8Array(width * left.height * 3);
  for (let y = 0; y < left.height; y += 1) {
    data.set(left.data.subarray(y * left.width * 3, (y + 1) * left.width * 3), y * width * 3);
    data.set(right.data.subarray(y * right.width * 3, (y + 1) * right.width * 3), (y * width + left.width) * 3);
  }
  return { width, height: left.height, data };
}

beforeAll(async () => {
  faceapi = await loadSsdDetector();
}, 60_000);

describe('mouthOpenings on real faces (tiny landmark net)', () => {
  it('reads a closed mouth under 0.05 of the eye distance and an open one over 0.15', async () => {
    for (const t of CLOSED_S) expect(await openingAt(t), `${t} s`).toBeLessThan(0.05);
    for (const t of OPEN_S) expect(await openingAt(t), `${t} s`).toBeGreaterThan(0.15);
  }, 60_000);

  it('gives the same opening for the same face at another size', async () => {
    const image = await frameAt(OPEN_S[0]!);
    const small: RgbImage[] = [];
    for await (const frame of readFrames(D18, { from: OPEN_S[0]!, to: OPEN_S[0]! + 0.2, fps: 25, maxWidth: 240 })) {
      small.push(frame);
      break;
    }
    const [big] = await mouthOpenings(faceapi, image, [await faceBox(image)]);
    const [half] = await mouthOpenings(faceapi, small[0]!, [await faceBox(small[0]!)]);
    expect(Math.abs(big! - half!)).toBeLessThan(0.06);
  }, 60_000);
});

describe('detectFaces: mouths only where faces share the frame', () => {
  it('measures both mouths when two faces share a frame, none when one is alone', async () => {
    const settings = normaliseFaceSettings();
    const job = (image: RgbImage) => ({ kind: 'detect' as const, image, passes: [settings.discoveryPass], regions: [], regionPass: settings.regionPass });
    const closed = await frameAt(CLOSED_S[0]!);
    const open = await frameAt(OPEN_S[2]!);
    const pair = await detectFaces(faceapi, job(sideBySide(open, closed)));
    expect(pair.detections).toHaveLength(2);
    const [left, right] = [...pair.detections].sort((a, b) => a.box.x - b.box.x);
    expect(left!.mouth).toBeGreaterThan(0.2);
    expect(right!.mouth).toBeLessThan(0.05);
    const alone = await detectFaces(faceapi, job(closed));
    expect(alone.detections).toHaveLength(1);
    expect(alone.detections[0]!.mouth).toBeUndefined();
  }, 60_000);
});
