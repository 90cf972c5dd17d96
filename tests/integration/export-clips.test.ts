import { statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClips } from '../../core/export/export-clips.js';
import { probeMedia } from '../../core/media/probe.js';
import { firstFrame, meanAbsDiff, moment, moovBeforeMdat, sharpEdges, streamDetails } from '../helpers/clips-media-checks.js';
import { sharedMedia } from '../helpers/shared-media.js';

const SMPTE = sharedMedia('codecs/smpte-2997.mp4'); // 1920x1080, 25 fps, 10.05 s, aac
const FRAME = 1 / 25;
const meta = { id: 'smpte', title: 'SMPTE: bars/tone', durationS: 10.05 };
const moments = [moment(1, 5.0, 7.0, '5:01 ここ草😂 best part'), moment(2, 1.0, 3.0)];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-clips-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('exportClips: shorts', () => {
  const projectDir = (): string => join(root, 'smpte');
  let captioned: Awaited<ReturnType<typeof firstFrame>>;

  it('writes one 1080x1920 H.264 High/AAC 48 kHz clip per moment, a summary in time order and the manifest', async () => {
    const stages = new Set<string>();
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: projectDir(), preset: 'shorts', crop: 'center', caption: 'top-comment', onProgress: (p) => stages.add(p.stage) });
    expect(result.skipped).toBe(0);
    expect(result.clips.map((c) => c.moment)).toEqual([1, 2]);
    expect(stages).toEqual(new Set(['clip', 'export', 'summary']));
    for (const clip of result.clips) {
      expect(clip.path.startsWith(join(projectDir(), 'clips'))).toBe(true);
      expect(clip.path).toMatch(/SMPTE bars tone - 0[12] \(shorts\)\.mp4$/);
      const info = await probeMedia(clip.path);
      expect([info.width, info.height, info.videoCodec, info.audioCodec]).toEqual([1080, 1920, 'h264', 'aac']);
      expect(Math.abs(info.durationS - 2.0)).toBeLessThanOrEqual(FRAME);
      expect(clip.durationS).toBeCloseTo(info.durationS, 3);
      expect(await streamDetails(clip.path)).toEqual({ profile: 'High', pixFmt: 'yuv420p', audioCodec: 'aac', sampleRate: 48000 });
      expect(moovBeforeMdat(clip.path)).toBe(true);
    }
    expect(result.summary?.moments).toEqual([2, 1]); // time order: 1–3 s before 5–7 s
    expect(Math.abs((result.summary?.durationS ?? 0) - 4.0)).toBeLessThan(0.1);
    const manifest = JSON.parse(await readFile(join(projectDir(), 'manifest.json'), 'utf8')) as { complete: boolean; clips: Record<string, unknown>[]; summary: { path: string } };
    expect(manifest.complete).toBe(true);
    expect(manifest.summary.path).toBe('summary.mp4');
    expect(manifest.clips[0]).toMatchObject({ path: 'clips/SMPTE bars tone - 01 (shorts).mp4', moment: 1, person: null, start: 5, end: 7, width: 1080, height: 1920 });
    expect((await readdir(join(projectDir(), 'clips'))).filter((n) => n.includes('.part'))).toEqual([]);
    captioned = await firstFrame(result.clips[0]?.path ?? '', 0.5);
  });

  it('a re-run keeps every complete output without encoding again', async () => {
    const clip = join(projectDir(), 'clips', 'SMPTE bars tone - 01 (shorts).mp4');
    const before = statSync(clip).mtimeMs;
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: projectDir(), preset: 'shorts', crop: 'center', caption: 'top-comment' });
    expect(result.skipped).toBe(3);
    expect(statSync(clip).mtimeMs).toBe(before);
  });

  it('the caption is drawn in the upper part of the frame only', async () => {
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: projectDir(), preset: 'shorts', crop: 'center', top: 1 });
    expect(result.skipped).toBe(0); // different settings: made again
    const plain = await firstFrame(result.clips[0]?.path ?? '', 0.5);
    const h = plain.height;
    expect(meanAbsDiff(captioned, plain, Math.round(h * 0.12), Math.round(h * 0.2))).toBeGreaterThan(20);
    expect(meanAbsDiff(captioned, plain, Math.round(h * 0.5), h)).toBeLessThan(3);
  });

  it('blur fits the whole frame over a blurred copy; center crops it', async () => {
    const center = await firstFrame(join(projectDir(), 'clips', 'SMPTE bars tone - 01 (shorts).mp4'), 0.5);
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: projectDir(), preset: 'shorts', crop: 'blur', top: 1 });
    const blur = await firstFrame(result.clips[0]?.path ?? '', 0.5);
    const h = blur.height; // the fitted 16:9 frame is the middle 608/1920 of the height
    const top = Math.round(h * 0.02);
    const fitted = Math.round(h * 0.4);
    // above the fitted frame: the blurred copy has no sharp edge; the centre crop shows sharp bars
    expect(sharpEdges(blur, top)).toBe(0);
    expect(sharpEdges(center, top)).toBeGreaterThanOrEqual(2);
    // the fitted frame shows all seven bars; the centre crop only the middle ones
    expect(sharpEdges(blur, fitted)).toBeGreaterThanOrEqual(sharpEdges(center, fitted) + 4);
  });
});

describe('exportClips: cancel', () => {
  it('a cancel mid-encode throws CANCELLED and leaves no partial or scratch file', async () => {
    const projectDir = join(root, 'cancel');
    const controller = new AbortController();
    const pending = exportClips({
      video: SMPTE,
      videoMeta: meta,
      moments,
      projectDir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'clip' && p.fraction > 0.1) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await readdir(join(projectDir, 'clips'))).toEqual([]);
    expect((await readdir(projectDir)).sort()).toEqual(['clips']);
  });
});

describe('exportClips: other presets and modes', () => {
  it('landscape keeps a rotated phone video upright at its display size', async () => {
    const video = sharedMedia('codecs/iphone_rotated.mov'); // coded 568x320, rotation -90, 29.98 fps
    const result = await exportClips({ video, videoMeta: { id: 'iphone', title: 'iphone', durationS: 2.2 }, moments: [moment(1, 0.5, 1.5)], projectDir: join(root, 'iphone'), preset: 'landscape' });
    const info = await probeMedia(result.clips[0]?.path ?? '');
    expect([info.width, info.height]).toEqual([320, 568]);
    expect(Math.abs(info.durationS - 1.0)).toBeLessThanOrEqual(1 / 29.97 + 0.001);
  });

  it('a moment longer than the cap is trimmed around its peak', async () => {
    const long = { ...moment(1, 0, 10), peak: 6 };
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments: [long], projectDir: join(root, 'capped'), preset: 'landscape', maxLength: 2, summary: false });
    const clip = result.clips[0];
    expect(clip?.start).toBeCloseTo(5.5, 3); // a quarter of the 2 s cap before the peak
    expect(clip?.end).toBeCloseTo(7.5, 3);
    expect(result.summary).toBeNull();
  });

  it('--fast copies the streams from the keyframe before the moment and says where it starts', async () => {
    const result = await exportClips({ video: SMPTE, videoMeta: meta, moments: [moment(1, 2.3, 4.0)], projectDir: join(root, 'fast'), preset: 'shorts', fast: true, caption: 'top-comment' });
    const clip = result.clips[0];
    expect(clip?.start).toBeLessThanOrEqual(2.3);
    expect(clip?.start).toBeGreaterThan(1.0);
    expect([clip?.width, clip?.height]).toEqual([1920, 1080]);
    expect(clip?.durationS).toBeGreaterThanOrEqual(1.7 - FRAME);
    // a stream copy ends on a packet boundary, not on the exact frame
    expect(clip?.durationS).toBeGreaterThanOrEqual(4.0 - (clip?.start ?? 0) - FRAME);
    expect(clip?.durationS).toBeLessThanOrEqual(4.0 - (clip?.start ?? 0) + 0.5);
  });
});

describe('exportClips: per person', () => {
  it("joins a person's on-screen parts of a moment into one clip, and makes that person's reel", async () => {
    const video = sharedMedia('video/carphone_pristine.mp4'); // 176x144, 29.97 fps, 4 s
    const people = [{ person: 'person-1', appearances: [{ start: 0.2, end: 0.5 }, { start: 3.2, end: 3.5 }] }];
    const result = await exportClips({ video, videoMeta: { id: 'car', title: 'carphone', durationS: 4 }, moments: [moment(1, 0, 4)], projectDir: join(root, 'person'), preset: 'landscape', people });
    const clip = result.clips[0];
    expect(result.clips).toHaveLength(1);
    expect(clip?.person).toBe('person-1');
    expect(clip?.path).toMatch(/carphone - person-1 - 01 \(landscape\)\.mp4$/);
    // [0, 1.0] and [2.7, 4.0]: the half-second margins added, the gap too long to bridge
    expect(Math.abs((clip?.durationS ?? 0) - 2.3)).toBeLessThanOrEqual(2 / 29.97 + 0.01);
    expect(result.summary).toBeNull();
    expect(result.reels.map((r) => [r.person, r.path.endsWith('summary - person-1.mp4')])).toEqual([['person-1', true]]);
  });
});
