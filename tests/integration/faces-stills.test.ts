import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFile } from 'node:fs/promises';
import { descriptorDistance } from '../../core/faces/descriptor-distance.js';
import { FaceAnalysisRun } from '../../core/faces/face-analysis-run.js';
import type { RgbImage } from '../../core/faces/face-jobs.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import { createFaceWorkerPool, type FaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import { readStillImage } from '../../core/faces/read-still-image.js';
import { sharedMedia } from '../helpers/shared-media.js';

const settings = normaliseFaceSettings({ workers: 2 });
let pool: FaceWorkerPool;

beforeAll(() => {
  pool = createFaceWorkerPool({ size: 2 });
});
afterAll(async () => {
  await pool.close();
});

/** The descriptor of the largest face in a still, found by the default full-frame detector. */
async function faceDescriptor(relative: string): Promise<number[]> {
  const image = await readStillImage(sharedMedia(`images/${relative}`), 640);
  const { detections } = await pool.run({ kind: 'detect', image, passes: [settings.fullPass, settings.discoveryPass], regions: [], regionPass: settings.regionPass });
  expect(detections.length, `a face in ${relative}`).toBeGreaterThan(0);
  const largest = detections.sort((a, b) => b.box.h - a.box.h)[0]!;
  const { faces } = await pool.run({ kind: 'describe', image, boxes: [largest.box] });
  expect(faces[0]).not.toBeNull();
  return faces[0]!.descriptor;
}

/** A 1280x720 frame with the still pasted so its face is `faceHeight` px tall, scaled to 640x360. */
async function smallFaceFrame(relative: string, faceHeight: number, faceShare: number): Promise<RgbImage> {
  const picture = await loadImage(await readFile(sharedMedia(`images/${relative}`)));
  const big = createCanvas(1280, 720);
  const context = big.getContext('2d');
  context.fillStyle = '#4a5a6a';
  context.fillRect(0, 0, 1280, 720);
  const scale = faceHeight / faceShare / picture.height;
  context.drawImage(picture, 1000, 560, picture.width * scale, picture.height * scale);
  const small = createCanvas(640, 360);
  small.getContext('2d').drawImage(big, 0, 0, 640, 360);
  const rgba = small.getContext('2d').getImageData(0, 0, 640, 360).data;
  const data = new Uint8Array(640 * 360 * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) data.set([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!], j);
  return { width: 640, height: 360, data };
}

describe('face detection and recognition on stills', () => {
  it('matches the same person across photos and keeps different people apart', async () => {
    const obama = await faceDescriptor('face_recognition/obama/obama.jpg');
    const obama2 = await faceDescriptor('face_recognition/obama/obama2.jpg');
    const biden = await faceDescriptor('face_recognition/biden/biden.jpg');
    const biden2 = await faceDescriptor('face_recognition/biden/biden2.jpg');
    const lennon1 = await faceDescriptor('openface/lennon-1.jpg');
    const lennon2 = await faceDescriptor('openface/lennon-2.jpg');
    const clapton = await faceDescriptor('openface/clapton-1.jpg');
    const same = [descriptorDistance(obama, obama2), descriptorDistance(biden, biden2), descriptorDistance(lennon1, lennon2)];
    const different = [
      descriptorDistance(obama, biden),
      descriptorDistance(obama2, biden2),
      descriptorDistance(lennon1, clapton),
      descriptorDistance(biden, lennon2),
    ];
    for (const d of same) expect(d).toBeLessThan(settings.matchThreshold);
    for (const d of different) expect(d).toBeGreaterThan(settings.matchThreshold);
  });

  it('finds both people in a group photo', async () => {
    const image = await readStillImage(sharedMedia('images/face_recognition/groups/obama_and_biden.jpg'), 640);
    const { detections } = await pool.run({ kind: 'detect', image, passes: [settings.fullPass], regions: [], regionPass: settings.regionPass });
    expect(detections.length).toBeGreaterThanOrEqual(2);
  });

  it('finds and keeps tracking a face 40 px tall in a 1280x720 frame at default settings', async () => {
    // grace_hopper_512x512: the face is about 40 % of the picture's height
    const frame = await smallFaceFrame('debian_facedetect/grace_hopper_512x512.jpg', 40, 0.4);
    const tinyOnly = await pool.run({ kind: 'detect', image: frame, passes: [settings.fullPass], regions: [], regionPass: settings.regionPass });
    expect(tinyOnly.detections, 'the cheap full-frame pass alone misses it').toHaveLength(0);
    const run = new FaceAnalysisRun(pool, settings);
    for (let index = 0; index < 30; index += 1) await run.push({ ...frame, t: index / settings.fps, index });
    const tracks = await run.finish();
    expect(tracks).toHaveLength(1);
    // detection runs on every other frame; the frames in between are interpolated
    expect(tracks[0]!.samples.length).toBeGreaterThanOrEqual(29);
    const detected = tracks[0]!.samples.filter((s) => !s.bridged);
    expect(detected.length).toBeGreaterThanOrEqual(14);
    expect(detected[0]!.box.h * 2).toBeGreaterThan(30);
    expect(detected[0]!.box.h * 2).toBeLessThan(60);
  });
});
