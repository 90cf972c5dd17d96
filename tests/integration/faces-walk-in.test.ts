import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import type { FaceTrack } from '../../core/faces/types.js';
import { renderStillsVideo } from '../../core/media/synthesize-video.js';
import { sharedMedia } from '../helpers/shared-media.js';

const APPEARS_AT = 3;
let dir: string;
let video: string;

async function still(relative: string): Promise<Image> {
  return loadImage(await readFile(sharedMedia(`images/${relative}`)));
}

/** A 1280x720 shot of a big face on the left; with `newcomer`, a second face ~40 px tall on the right. */
async function shot(big: Image, newcomer: Image | undefined, path: string): Promise<void> {
  const canvas = createCanvas(1280, 720);
  const context = canvas.getContext('2d');
  context.fillStyle = '#5a6470';
  context.fillRect(0, 0, 1280, 720);
  const bigHeight = 600;
  context.drawImage(big, 60, 60, (big.width * bigHeight) / big.height, bigHeight);
  // grace_hopper_512x512: the face is about 40 % of the picture's height
  if (newcomer) context.drawImage(newcomer, 940, 300, 100, 100);
  await writeFile(path, await canvas.encode('png'));
}

function trackStarts(tracks: FaceTrack[]): Array<{ t: number; h: number }> {
  return tracks.map((track) => ({ t: track.samples[0]!.t, h: track.samples[0]!.box.h }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-faces-walk-in-'));
  const big = await still('face_recognition/obama/obama.jpg');
  const small = await still('debian_facedetect/grace_hopper_512x512.jpg');
  await shot(big, undefined, join(dir, 'alone.png'));
  await shot(big, small, join(dir, 'joined.png'));
  video = join(dir, 'walk-in.mp4');
  await renderStillsVideo({
    images: [
      { path: join(dir, 'alone.png'), durationS: APPEARS_AT },
      { path: join(dir, 'joined.png'), durationS: 3 },
    ],
    output: video,
    width: 1280,
    height: 720,
  });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a small face joining a shot', () => {
  it('finds a face ~40 px tall (1280x720) that appears mid-shot next to a big one within 2 s', async () => {
    const result = await analyzeFaces(video);
    const starts = trackStarts(result.tracks);
    const big = starts.filter((s) => s.h > 120);
    const small = starts.filter((s) => s.h < 80);
    expect(big.length, JSON.stringify(starts)).toBeGreaterThanOrEqual(1);
    expect(Math.min(...big.map((s) => s.t))).toBeLessThan(0.5);
    expect(small, JSON.stringify(starts)).toHaveLength(1);
    expect(small[0]!.t).toBeGreaterThanOrEqual(APPEARS_AT - 0.3);
    expect(small[0]!.t).toBeLessThanOrEqual(APPEARS_AT + 2);
    expect(small[0]!.h).toBeGreaterThan(30);
    expect(result.identities).toHaveLength(2);
    // without the looks where the picture changed, only the periodic SSD pass (every 30 s) would find it
    const unscanned = await analyzeFaces(video, { scanEvery: 0 });
    expect(trackStarts(unscanned.tracks).filter((s) => s.h < 80)).toHaveLength(0);
  });
});
