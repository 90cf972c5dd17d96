import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import { facesForVideo, type VideoFaces } from '../../core/faces/faces-for-video.js';
import { probeMedia } from '../../core/media/probe.js';
import { readFrames, type VideoFrame } from '../../core/media/read-frames.js';
import { cropAt } from '../../core/reframe/crop-at.js';
import { defaultLimits } from '../../core/reframe/plan-crop-path.js';
import type { ReframePlan } from '../../core/reframe/plan-reframe.js';
import { reframeVideo, type ReframeResult } from '../../core/pipeline/reframe-video.js';
import { exportClips } from '../../core/export/export-clips.js';
import { createFollowCropPlanner } from '../../core/reframe/follow-crop-planner.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');
const FROM = 24;
const TO = 38.16;
let work: string;
let faces: VideoFaces;
let personB: string;

/** The identity on screen most of 8–15 s, where only B is. */
function identityOf(analysis: VideoFaces, start: number, end: number): string {
  const overlap = (spans: Array<[number, number]>): number =>
    spans.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, end) - Math.max(s, start)), 0);
  return [...analysis.identities].sort((a, b) => overlap(b.appearances) - overlap(a.appearances))[0]!.id;
}

async function frameAt(path: string, t: number, maxWidth: number): Promise<VideoFrame> {
  for await (const frame of readFrames(path, { from: t, to: t + 0.2, fps: 5, maxWidth })) return frame;
  throw new Error(`no frame at ${t} s in ${path}`);
}

type Rect = { x: number; y: number; w: number; h: number };

function gridMeans(frame: VideoFrame, rect: Rect): number[] {
  const means: number[] = [];
  for (let gy = 0; gy < 4; gy += 1) {
    for (let gx = 0; gx < 4; gx += 1) {
      const sums = [0, 0, 0];
      let count = 0;
      for (let y = Math.round(rect.y + (gy * rect.h) / 4); y < rect.y + ((gy + 1) * rect.h) / 4; y += 2) {
        for (let x = Math.round(rect.x + (gx * rect.w) / 4); x < rect.x + ((gx + 1) * rect.w) / 4; x += 2) {
          for (let c = 0; c < 3; c += 1) sums[c]! += frame.data[(y * frame.width + x) * 3 + c]!;
          count += 1;
        }
      }
      means.push(...sums.map((sum) => sum / count));
    }
  }
  return means;
}

/** Mean absolute difference of the 4x4 mean colours of two regions (0–255). */
function gridDistance(a: VideoFrame, ra: Rect, b: VideoFrame, rb: Rect): number {
  const ma = gridMeans(a, ra);
  const mb = gridMeans(b, rb);
  return ma.reduce((sum, v, i) => sum + Math.abs(v - mb[i]!), 0) / ma.length;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kirinuki-reframe-panel-'));
  faces = await facesForVideo(PANEL, { projectsRoot: join(work, 'projects') });
  personB = identityOf(faces, 8, 15);
}, 240_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('reframe panel.mp4 for person B (24 s to the end)', () => {
  let plan: ReframePlan;
  let result: ReframeResult;

  beforeAll(async () => {
    result = await reframeVideo(PANEL, {
      output: join(work, 'b.mp4'), person: personB, from: FROM, to: TO,
      projectsRoot: join(work, 'projects'), onPlan: (p) => (plan = p),
    });
  }, 240_000);

  it('cuts the camera at the shot boundaries and nowhere else', () => {
    expect(plan.detection.cuts.map((t) => Math.round(t))).toEqual([26, 31, 34]);
    const limits = defaultLimits(plan.crop.width);
    const times = Array.from({ length: Math.round((TO - FROM) * 25) }, (_, i) => i / 25);
    const xs = times.map((t) => cropAt(result.cropPath, t).x);
    const jumps = times.slice(1).filter((_t, i) => Math.abs(xs[i + 1]! - xs[i]!) > limits.maxSpeed / 25 + 1);
    for (const t of jumps) {
      expect(plan.detection.cuts.some((cut) => Math.abs(cut - FROM - t) < 0.05)).toBe(true);
    }
  });

  it('follows B in the side-by-side shot, not C', () => {
    const side = plan.shots.find((s) => s.start > 25 && s.start < 27)!;
    expect(side.subjects).toEqual([personB]);
    expect(['still', 'follow']).toContain(side.mode);
    const bSamples = faces.tracks
      .filter((track) => track.identityId === personB)
      .flatMap((track) => track.samples)
      .filter((s) => s.t > 26.3 && s.t < 30.9);
    expect(bSamples.length).toBeGreaterThan(10);
    for (const sample of bSamples) {
      const crop = cropAt(result.cropPath, sample.t - FROM);
      const centre = sample.box.x + sample.box.w / 2;
      expect(centre).toBeGreaterThan(crop.x);
      expect(centre).toBeLessThan(crop.x + crop.w);
      expect(crop.x + crop.w).toBeLessThanOrEqual(680); // C sits in the right half
    }
  });

  it('falls back to the blurred fit where nobody is on screen, and says why', async () => {
    const street = plan.shots.find((s) => s.start > 30 && s.start < 32)!;
    expect(street.mode).toBe('blur');
    expect(street.reason).toMatch(/not on screen|no face/);
    // the middle band of the output is the whole source frame, fitted
    const out = await frameAt(result.path, 32.5 - FROM, 108);
    const source = await frameAt(PANEL, 32.5, 108);
    const top = Math.round((out.height - source.height) / 2);
    let diff = 0;
    for (let y = 4; y < source.height - 4; y += 1) {
      for (let x = 0; x < source.width * 3; x += 1) {
        diff += Math.abs(out.data[(top + y) * out.width * 3 + x]! - source.data[y * source.width * 3 + x]!);
      }
    }
    expect(diff / ((source.height - 8) * source.width * 3)).toBeLessThan(20);
  });

  it('exports a portrait video in which the detector finds B where B is on screen', async () => {
    expect(await probeMedia(result.path)).toMatchObject({ width: 1080, height: 1920, videoCodec: 'h264' });
    expect(result.durationS).toBeCloseTo(TO - FROM, 0);
    const seen = await analyzeFaces(result.path, { fps: 5, from: 2.5, to: 5 });
    const found = seen.tracks.flatMap((track) => track.samples);
    expect(found.length).toBeGreaterThanOrEqual(0.8 * seen.analyzedFrames);
    for (const face of found) {
      // a close-up: the detector's box may run a little past the edges, the face itself does not
      const visible = Math.min(1080, face.box.x + face.box.w) - Math.max(0, face.box.x);
      expect(visible / face.box.w).toBeGreaterThan(0.85);
      expect(face.box.x + face.box.w / 2).toBeGreaterThan(1080 * 0.25);
      expect(face.box.x + face.box.w / 2).toBeLessThan(1080 * 0.75);
    }
  }, 120_000);
});

describe('reframe panel.mp4 with the split layout', () => {
  it('stacks B and C when they sit too far apart, then blurs the empty street', async () => {
    let plan: ReframePlan | undefined;
    const result = await reframeVideo(PANEL, {
      output: join(work, 'split.mp4'), layout: 'split', from: 26.5, to: 32.5,
      projectsRoot: join(work, 'projects'), onPlan: (p) => (plan = p),
    });
    expect(plan!.shots.map((s) => s.mode)).toEqual(['split', 'blur']);
    const [top, bottom] = plan!.shots[0]!.split!;
    expect(top.x + top.w / 2).toBeLessThan(640);
    expect(bottom.x + bottom.w / 2).toBeGreaterThan(640);
    // each half of the output shows its crop of the source (4x4 grid of mean colours)
    const out = await frameAt(result.path, 1.5, 1080);
    const source = await frameAt(PANEL, 28, 1280);
    const topHalf = { x: 0, y: 0, w: out.width, h: out.height / 2 };
    const bottomHalf = { x: 0, y: out.height / 2, w: out.width, h: out.height / 2 };
    expect(gridDistance(out, topHalf, source, top)).toBeLessThan(20);
    expect(gridDistance(out, bottomHalf, source, bottom)).toBeLessThan(20);
    expect(gridDistance(out, topHalf, source, bottom)).toBeGreaterThan(30);
  }, 180_000);
});

describe('per-person clips export with the following camera (the crop-planner hook of the exporter)', () => {
  it("makes B's clip of a moment over 24–38 s follow B, and blurs the street", async () => {
    const b = faces.identities.find((i) => i.id === personB)!;
    const result = await exportClips({
      video: PANEL,
      videoMeta: { id: 'panel', title: 'panel', durationS: 38.16 },
      moments: [{ rank: 1, start: 24, end: 38, peak: 28, score: 1, mentions: 1, comments: [] }],
      projectDir: join(work, 'export'),
      preset: 'shorts',
      crop: 'follow',
      people: [{ person: personB, appearances: b.appearances.map(([start, end]) => ({ start, end })) }],
      cropPlanner: createFollowCropPlanner({ tracks: () => faces.tracks }),
      summary: false,
    });
    expect(result.clips).toHaveLength(1);
    const clip = result.clips[0]!;
    expect(clip).toMatchObject({ person: personB, width: 1080, height: 1920 });
    // B's parts only: 26–31 and 34–38 (with the exporter's margins)
    expect(clip.durationS).toBeGreaterThan(8);
    expect(clip.durationS).toBeLessThan(12.5);
    const seen = await analyzeFaces(clip.path, { fps: 5, from: 1, to: 3.5 });
    const found = seen.tracks.flatMap((track) => track.samples);
    expect(found.length).toBeGreaterThanOrEqual(0.8 * seen.analyzedFrames);
    for (const face of found) expect(face.box.x + face.box.w / 2).toBeGreaterThan(1080 * 0.25);
  }, 240_000);
});
