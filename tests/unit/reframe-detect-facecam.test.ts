import { describe, expect, it } from 'vitest';
import type { TrackSample } from '../../core/faces/types.js';
import { seededRandom } from '../../core/math/seeded-random.js';
import { facecamCandidate } from '../../core/reframe/facecam-candidate.js';
import { lumaOf, PixelStatsAccumulator, type PixelStats } from '../../core/reframe/facecam-stats.js';
import { findFacecamBox, type PixelRect } from '../../core/reframe/find-facecam-box.js';
import { planFacecam } from '../../core/reframe/plan-facecam.js';

const W = 320;
const H = 180;
/** The face-cam (border included) and the face inside it, in the analysed frames' pixels. */
const CAM: PixelRect = { left: 230, top: 10, right: 310, bottom: 60 };
const FACE: PixelRect = { left: 258, top: 20, right: 282, bottom: 52 };

interface Scene {
  /** The content around the face-cam moves (gameplay) or stays (a room). */
  moving: boolean;
  /** Width of the face-cam's white border, 0 for none. */
  border: number;
}

/**
 * Frames of a scene: blocky random content that pans (or not), the face-cam's own still picture
 * (a gradient wall, a face blob that sways a little) with or without a border.
 */
function sceneStats(scene: Scene, frames = 12): PixelStats {
  const random = seededRandom(7);
  const tiles = Array.from({ length: 40 * 40 }, () => 40 + random.int(0, 170));
  const stats = new PixelStatsAccumulator(W, H);
  for (let f = 0; f < frames; f += 1) {
    const luma = new Float32Array(W * H);
    const shift = scene.moving ? f * 7 : 0;
    const sway = Math.round(2 * Math.sin(f));
    for (let y = 0; y < H; y += 1) {
      for (let x = 0; x < W; x += 1) {
        const inCam = x >= CAM.left && x < CAM.right && y >= CAM.top && y < CAM.bottom;
        let value = tiles[(Math.floor((y + shift) / 8) % 40) * 40 + (Math.floor((x + 2 * shift) / 8) % 40)]!;
        if (inCam) {
          const inBorder = x < CAM.left + scene.border || x >= CAM.right - scene.border || y < CAM.top + scene.border || y >= CAM.bottom - scene.border;
          const inFace = x >= FACE.left + sway && x < FACE.right + sway && y >= FACE.top && y < FACE.bottom;
          value = inBorder ? 235 : inFace ? 170 + 20 * Math.sin(x / 3 + f) : 60 + (x - CAM.left) * 0.5;
        }
        luma[y * W + x] = value;
      }
    }
    stats.add(luma);
  }
  return stats.result();
}

function near(found: PixelRect, expected: PixelRect, slack: number): boolean {
  return (['left', 'top', 'right', 'bottom'] as const).every((side) => Math.abs(found[side] - expected[side]) <= slack);
}

describe('findFacecamBox', () => {
  it('finds a bordered face-cam over moving content to the pixel, border included', () => {
    const found = findFacecamBox(sceneStats({ moving: true, border: 2 }), FACE);
    expect(found.found).toBe(true);
    if (!found.found) return;
    expect(near(found.box, CAM, 1)).toBe(true);
    expect(found.sides).toBe(4);
  });

  it('finds a face-cam without a border from its picture differing from the moving content', () => {
    const found = findFacecamBox(sceneStats({ moving: true, border: 0 }), FACE);
    expect(found.found).toBe(true);
    if (found.found) expect(near(found.box, CAM, 2)).toBe(true);
  });

  it('finds none when nothing around the face moves (a person in a still room, a picture on the wall)', () => {
    const found = findFacecamBox(sceneStats({ moving: false, border: 2 }), FACE);
    expect(found.found).toBe(false);
  });

  it('finds none around a face in the middle of moving content without any frame', () => {
    const stats = sceneStats({ moving: true, border: 0 }, 12);
    // the same content everywhere: the "face" is the content's own blocks, far from the face-cam
    const found = findFacecamBox(stats, { left: 60, top: 80, right: 84, bottom: 112 });
    expect(found.found).toBe(false);
  });

  it('rejects a rectangle that cuts the face: it must hold 80 % of the face\'s box', () => {
    const stats = sceneStats({ moving: true, border: 2 });
    // a face box hanging a quarter out of the face-cam's bottom: the border line runs through the face
    const cut = findFacecamBox(stats, { left: 258, top: 30, right: 282, bottom: 70 });
    expect(cut).toEqual({ found: false, reason: 'the rectangle around the face holds only 75 % of it' });
    // a tenth out (a chin below the picture) is still the face-cam
    const chin = findFacecamBox(stats, { left: 258, top: 24, right: 282, bottom: 64 });
    expect(chin.found).toBe(true);
    if (chin.found) expect(near(chin.box, CAM, 1)).toBe(true);
  });

  it('takes a corner face-cam flush with the frame edges as bounded by them', () => {
    const stats = sceneStats({ moving: true, border: 2 });
    // the same scene cut so the face-cam touches the right edge: columns 0..310
    const cut = 310;
    const crop = (values: Float32Array): Float32Array => {
      const out = new Float32Array(cut * H);
      for (let y = 0; y < H; y += 1) out.set(values.subarray(y * W, y * W + cut), y * cut);
      return out;
    };
    const flush: PixelStats = { ...stats, width: cut, stepX: crop(stats.stepX), stepY: crop(stats.stepY), change: crop(stats.change) };
    for (let y = 0; y < H; y += 1) flush.stepX[y * cut + cut - 1] = 0;
    const found = findFacecamBox(flush, FACE);
    expect(found.found).toBe(true);
    if (found.found) expect(near(found.box, { ...CAM, right: cut }, 1)).toBe(true);
  });
});

describe('lumaOf', () => {
  it('weighs rgb24 as Rec. 601 luma', () => {
    const luma = lumaOf({ width: 2, height: 1, data: Buffer.from([255, 255, 255, 0, 0, 255]) });
    expect(luma[0]).toBeCloseTo(255, 3);
    expect(luma[1]).toBeCloseTo(29.07, 1);
  });
});

function samples(box: { x: number; y: number; w: number; h: number }, count: number, wobble = 0): TrackSample[] {
  return Array.from({ length: count }, (_, i) => ({ t: i * 0.2, box: { ...box, x: box.x + wobble * Math.sin(i) }, score: 0.9 }));
}

describe('facecamCandidate', () => {
  const source = { width: 1920, height: 1080 };

  it('is a small face that stays put for most of the shot', () => {
    const bySubject = new Map([['cam', samples({ x: 1500, y: 80, w: 150, h: 180 }, 20, 10)]]);
    const candidate = facecamCandidate(bySubject, source);
    expect(candidate?.subject).toBe('cam');
    expect(candidate?.region).toMatchObject({ y: 80, w: 150, h: 180 });
    expect(Math.abs(candidate!.region.x - 1500)).toBeLessThan(2);
  });

  it('is not a big face, a face that moves around, nor one seen briefly', () => {
    expect(facecamCandidate(new Map([['big', samples({ x: 700, y: 200, w: 400, h: 500 }, 20)]]), source)).toBeUndefined();
    expect(facecamCandidate(new Map([['walker', samples({ x: 100, y: 300, w: 150, h: 180 }, 20, 600)]]), source)).toBeUndefined();
    const brief = new Map([['main', samples({ x: 900, y: 300, w: 150, h: 180 }, 20, 600)], ['cam', samples({ x: 1500, y: 80, w: 150, h: 180 }, 8)]]);
    expect(facecamCandidate(brief, source)).toBeUndefined();
  });
});

describe('planFacecam', () => {
  it('puts the whole face-cam on top at the output width and the busiest full-height crop below', () => {
    const stats = sceneStats({ moving: true, border: 2 });
    // 6x the analysed frames: a 1920x1080 source
    const cam = { x: 1380, y: 60, w: 480, h: 300 };
    const frame = planFacecam({ cam, face: { x: 1560, y: 130, w: 140, h: 180 }, stats, camPixels: CAM }, { width: 1920, height: 1080 }, { width: 1080, height: 1920 });
    expect(frame.camHeight).toBe(674);
    // the whole face-cam, to the even pixels of its aspect in 674 output rows
    expect(frame.cam).toMatchObject({ x: 1380, w: 480, h: 298 });
    expect(frame.cam.y).toBeGreaterThanOrEqual(60);
    expect(frame.cam.y + frame.cam.h).toBeLessThanOrEqual(360);
    // the rest of the output (1080x1246) in full-height source pixels
    expect(frame.content.h).toBeGreaterThanOrEqual(1076);
    expect(Math.abs(frame.content.w / frame.content.h - 1080 / 1246)).toBeLessThan(0.005);
    expect(frame.content.x).toBeGreaterThanOrEqual(0);
    expect(frame.content.x + frame.content.w).toBeLessThanOrEqual(1920);
  });

  it('places the content where the picture changes most, leaving the face-cam out of the measure', () => {
    const stats = sceneStats({ moving: false, border: 2 });
    const change = new Float32Array(W * H);
    for (let y = 0; y < H; y += 1) {
      for (let x = 0; x < W; x += 1) {
        // the action at columns 20-60; the face-cam's own movement (columns 230-310) must not pull the crop
        if (x >= 20 && x < 60) change[y * W + x] = 30;
        if (x >= CAM.left && x < CAM.right && y >= CAM.top && y < CAM.bottom) change[y * W + x] = 200;
      }
    }
    const frame = planFacecam({ cam: { x: 1380, y: 60, w: 480, h: 300 }, face: { x: 1560, y: 130, w: 140, h: 180 }, stats: { ...stats, change }, camPixels: CAM }, { width: 1920, height: 1080 }, { width: 1080, height: 1920 });
    // the whole action (source columns 120-360) in the crop, as near its middle as the frame's edge allows
    expect(frame.content.x).toBe(0);
    expect(frame.content.x + frame.content.w).toBeGreaterThanOrEqual(360);
  });

  it('keeps the face-cam out of the content when the action is right beside it (no second face below)', () => {
    const stats = sceneStats({ moving: false, border: 2 });
    const change = new Float32Array(W * H);
    for (let y = 0; y < H; y += 1) {
      // the action at columns 190-230, just left of the face-cam (columns 230-310)
      for (let x = 190; x < 230; x += 1) change[y * W + x] = 30;
    }
    const cam = { x: 1380, y: 60, w: 480, h: 300 };
    const frame = planFacecam({ cam, face: { x: 1560, y: 130, w: 140, h: 180 }, stats: { ...stats, change }, camPixels: CAM }, { width: 1920, height: 1080 }, { width: 1080, height: 1920 });
    expect(frame.content.x + frame.content.w).toBeLessThanOrEqual(cam.x);
    // the whole action (source columns 1140-1380) still in the crop
    expect(frame.content.x).toBeLessThanOrEqual(1140);
  });

  it('crops a tall face-cam around the face to 40 % of the output height', () => {
    const stats = sceneStats({ moving: true, border: 2 });
    const frame = planFacecam({ cam: { x: 1400, y: 0, w: 480, h: 480 }, face: { x: 1560, y: 300, w: 140, h: 160 }, stats, camPixels: CAM }, { width: 1920, height: 1080 }, { width: 1080, height: 1920 });
    expect(frame.camHeight).toBe(768);
    expect(frame.cam.w).toBe(480);
    expect(frame.cam.h).toBe(340);
    // the face (y 300-460) stays inside the kept part
    expect(frame.cam.y).toBeLessThanOrEqual(300);
    expect(frame.cam.y + frame.cam.h).toBeGreaterThanOrEqual(460);
  });
});
