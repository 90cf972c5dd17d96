import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceWorkerPool, type FaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import { facesForVideo, type VideoFaces } from '../../core/faces/faces-for-video.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { reframeVideo, type ReframeResult } from '../../core/pipeline/reframe-video.js';
import { facesInClip, type FrameFaces } from '../helpers/faces-in-clip.js';
import { sharedMedia } from '../helpers/shared-media.js';

const DURATION_S = 6;
const SIZE = 220;
/** Face centres 300 px apart on a 1280x720 frame: both inside one 404 px wide 9:16 crop. */
const LEFT_X = 490 - SIZE / 2;
const RIGHT_X = 790 - SIZE / 2;

/** liveportrait_d11 and d18 side by side, close together, on a flat background, one shot. */
async function composeClosePair(path: string): Promise<void> {
  await runFfmpeg({
    inputs: [
      { path: `color=c=0x3a4a5a:s=1280x720:r=25:d=${DURATION_S}`, lavfi: true },
      { path: sharedMedia('video/liveportrait_d11.mp4'), options: ['-t', String(DURATION_S)] },
      { path: sharedMedia('video/liveportrait_d18.mp4'), options: ['-t', String(DURATION_S)] },
    ],
    outputOptions: [
      '-filter_complex',
      `[1:v]fps=25,scale=${SIZE}:${SIZE}[a];[2:v]fps=25,scale=${SIZE}:${SIZE}[b];[0:v][a]overlay=x=${LEFT_X}:y=250[ab];[ab][b]overlay=x=${RIGHT_X}:y=250[v]`,
      '-map', '[v]', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    ],
    output: path,
    format: 'mp4',
    expectedDurationS: DURATION_S,
  });
}

let scratch: string;
let pool: FaceWorkerPool;
let faces: VideoFaces;
let control: FrameFaces[];
const results = new Map<string, { result: ReframeResult; frames: FrameFaces[] }>();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-person-alone-'));
  const video = join(scratch, 'close-pair.mp4');
  await composeClosePair(video);
  const projectsRoot = join(scratch, 'projects');
  faces = await facesForVideo(video, { projectsRoot });
  pool = createFaceWorkerPool({ size: 1 });
  // the control: the full-height 9:16 crop between them (as wide as the follow crop) holds both, and the detector sees both
  const both = join(scratch, 'both.mp4');
  await reframeVideo(video, { output: both, crop: 'center', projectsRoot });
  control = await facesInClip(pool, both, faces.identities);
  for (const identity of faces.identities) {
    const output = join(scratch, `${identity.id}.mp4`);
    const result = await reframeVideo(video, { output, crop: 'follow', person: identity.id, projectsRoot });
    results.set(identity.id, { result, frames: await facesInClip(pool, output, faces.identities) });
  }
}, 600_000);

afterAll(async () => {
  await pool?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('per-person reframe of two people standing within one crop width', () => {
  it('finds both people', () => {
    expect(faces.identities).toHaveLength(2);
  });

  it('shows both in most frames of the full-height centre crop (the control)', () => {
    const two = control.filter((f) => f.faces.length === 2).length;
    expect(two, JSON.stringify(control.map((f) => f.faces.length))).toBeGreaterThanOrEqual(control.length * 0.5);
  });

  it('shows in every sampled frame the chosen person and nobody else', () => {
    for (const [id, { result, frames }] of results) {
      expect(result.shots.some((s) => /tightened/.test(s.reason)), JSON.stringify(result.shots.map((s) => s.reason))).toBe(true);
      expect(frames.length).toBeGreaterThanOrEqual(DURATION_S * 3 - 1);
      for (const frame of frames) {
        const where = `${id} at ${frame.t.toFixed(2)} s: ${JSON.stringify(frame.faces)}`;
        expect(frame.faces.length, where).toBeLessThanOrEqual(1);
        for (const face of frame.faces) expect(face.person, where).toBe(id);
      }
      // the tiny detector misses the (clearly visible) face in a few sampled frames
      const empty = frames.filter((f) => f.faces.length === 0).map((f) => f.t.toFixed(2));
      expect(empty.length, `${id}: no face at ${empty.join(' ')}`).toBeLessThanOrEqual(frames.length * 0.25);
    }
  });

  it('keeps the 9:16 crop above the floor of 45 % of the source height', () => {
    for (const { result } of results.values()) {
      expect(result.width / result.height).toBeCloseTo(9 / 16, 2);
      for (const sample of result.cropPath) {
        expect(sample.h).toBeGreaterThanOrEqual(0.45 * 720 - 2);
        expect(sample.h).toBeLessThan(720);
      }
    }
  });
});
