import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import { sharedMedia } from '../helpers/shared-media.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('faces on crowds, odd and face-less inputs', () => {
  it('follows a crowd walking in and out without an identity explosion', async () => {
    const result = await analyzeFaces(sharedMedia('video/facenet_pytorch_video.mp4'));
    expect(result.analyzedFrames).toBeGreaterThanOrEqual(20);
    // at most 8 faces per frame and people come and go: a few more than 8 distinct people at most
    expect(result.identities.length).toBeGreaterThan(0);
    expect(result.identities.length).toBeLessThanOrEqual(10);
    // a track is not cut by single missed frames: bridged samples exist and tracks are long
    const longest = Math.max(...result.tracks.map((t) => t.samples.length));
    expect(longest).toBeGreaterThanOrEqual(10);
  });

  it('finds nobody in a dense night crowd seen from above, a dog video and a plant clip', async () => {
    for (const file of ['codecs/MOT20-05-raw_even_shorter.mp4', 'codecs/fire2.mp4', 'codecs/imageio_realshort.mp4']) {
      const result = await analyzeFaces(sharedMedia(file));
      expect(result.analyzedFrames, file).toBeGreaterThan(4);
      expect(result.identities.length, file).toBeLessThanOrEqual(1);
    }
  });

  it('handles small faces in a black-and-white film and a 0.2 s clip', async () => {
    const chaplin = await analyzeFaces(sharedMedia('video/chaplin.mp4'), { from: 2, to: 7 });
    expect(chaplin.analyzedFrames).toBe(25);
    expect(chaplin.identities.length).toBeLessThanOrEqual(3);
    const short = await analyzeFaces(sharedMedia('video/faceapi_bbt_5frames.mp4'), { minTrack: 1 });
    expect(short.analyzedFrames).toBeGreaterThanOrEqual(1);
    expect(short.analyzedFrames).toBeLessThanOrEqual(2);
    expect(short.durationS).toBeLessThan(0.3);
  });

  it('refuses an audio-only file, a missing file and a range outside the video, naming them', async () => {
    await expect(analyzeFaces(sharedMedia('codecs/speech_only.m4a'))).rejects.toMatchObject({ code: 'NO_VIDEO_STREAM' });
    await expect(analyzeFaces('/nonexistent/video.mp4')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('/nonexistent/video.mp4') });
    await expect(analyzeFaces(sharedMedia('video/chaplin.mp4'), { from: 60 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('--from') });
  });

  it('stops the workers and ffmpeg when cancelled', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const run = analyzeFaces(sharedMedia('video/panel.mp4'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction > 0.05) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('prints the faces JSON of the README from the CLI and writes thumbnails into the project', async () => {
    const out = await mkdtemp(join(tmpdir(), 'kirinuki-faces-'));
    try {
      const run = spawnSync(process.execPath, ['bin/kirinuki.js', 'faces', sharedMedia('video/liveportrait_d18.mp4'), '--to', '3', '--out', out, '--json'], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as { durationS: number; analyzedFrames: number; identities: Array<{ id: string; appearances: number[][]; totalS: number; thumbnail: string }> };
      expect(json.analyzedFrames).toBe(15);
      expect(json.identities).toHaveLength(1);
      const [appearance] = json.identities[0]!.appearances;
      expect(appearance![0]).toBe(0);
      expect(appearance![1]).toBeGreaterThan(2.5);
      expect(appearance![1]).toBeLessThanOrEqual(3);
      expect((await stat(json.identities[0]!.thumbnail)).size).toBeGreaterThan(1000);
      const bad = spawnSync(process.execPath, ['bin/kirinuki.js', 'faces', sharedMedia('video/liveportrait_d18.mp4'), '--fps', 'lots'], { cwd: ROOT, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/error INVALID_ARGUMENT: --fps/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
