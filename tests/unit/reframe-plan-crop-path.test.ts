import { describe, expect, it } from 'vitest';
import type { FaceBox, FaceTrack } from '../../core/faces/types.js';
import { cropAt } from '../../core/reframe/crop-at.js';
import { reframeLayout } from '../../core/reframe/reframe-layout.js';
import { planCropPath, defaultLimits } from '../../core/reframe/plan-crop-path.js';

const SOURCE = { width: 1280, height: 720 };
const PORTRAIT = { width: 1080, height: 1920 };
const FPS = 25;

/** A deterministic wobble, like a detector's box jitter. */
function jitter(i: number, amplitude: number): number {
  return amplitude * Math.sin(i * 2.1) * Math.cos(i * 0.7);
}

function track(id: string, from: number, to: number, boxAt: (t: number, i: number) => FaceBox): FaceTrack {
  const samples = [];
  for (let i = 0, t = from; t < to; i += 1, t = from + i * 0.2) {
    samples.push({ t: Math.round(t * 1000) / 1000, box: boxAt(t, i), score: 0.9 });
  }
  return { id: `track-${id}`, identityId: id, samples };
}

function frameTimes(from: number, to: number): number[] {
  const times = [];
  for (let t = from; t < to - 1e-9; t += 1 / FPS) times.push(t);
  return times;
}

function contains(crop: { x: number; y: number; w: number; h: number }, box: FaceBox): boolean {
  return box.x >= crop.x - 0.5 && box.x + box.w <= crop.x + crop.w + 0.5 && box.y >= crop.y - 0.5 && box.y + box.h <= crop.y + crop.h + 0.5;
}

const movingX = (t: number): number => (1280 - 360) * (0.5 - 0.5 * Math.cos((2 * Math.PI * t) / 8));
const movingFace = track('A', 0, 8, (t, i) => ({ x: movingX(t) + 90 + jitter(i, 4), y: 240 + jitter(i + 3, 3), w: 180, h: 200 }));

describe('planCropPath', () => {
  it('keeps a face sliding across the frame inside a smoothly moving crop', () => {
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 8 }], tracks: [movingFace] });
    expect(plan.crop).toEqual({ width: 404, height: 720 });
    expect(plan.shots[0]!.mode).toBe('follow');
    const times = frameTimes(0, 8);
    const crops = times.map((t) => cropAt(plan.cropPath, t));
    const truth = times.map((t) => ({ x: movingX(t) + 90, y: 240, w: 180, h: 200 }));
    const inside = crops.filter((c, i) => contains(c, truth[i]!)).length;
    expect(inside / times.length).toBeGreaterThanOrEqual(0.97);
    const limits = defaultLimits(404);
    const steps = crops.slice(1).map((c, i) => c.x - crops[i]!.x);
    const jerks = steps.slice(1).map((s, i) => Math.abs(s - steps[i]!));
    expect(Math.max(...steps.map(Math.abs))).toBeLessThanOrEqual(limits.maxSpeed / FPS + 0.5);
    expect(Math.max(...jerks)).toBeLessThanOrEqual(limits.maxAcceleration / FPS / FPS + 0.5);
    for (const c of crops) {
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x + c.w).toBeLessThanOrEqual(1280);
    }
  });

  it('holds still on a talking head whose box jitters', () => {
    const head = track('B', 0, 7, (_t, i) => ({ x: 520 + jitter(i, 12), y: 200 + jitter(i + 1, 8), w: 240, h: 260 }));
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 7 }], tracks: [head] });
    expect(plan.shots[0]!.mode).toBe('still');
    const xs = frameTimes(0, 7).map((t) => cropAt(plan.cropPath, t).x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(1);
    expect(Math.abs(xs[0]! + 202 - 640)).toBeLessThan(15);
  });

  it('settles and stays still, without oscillating, when a moving subject stops', () => {
    const walker = track('A', 0, 8, (t, i) => ({ x: 150 + 150 * Math.min(t, 3) + jitter(i, 8), y: 220, w: 180, h: 200 }));
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 8 }], tracks: [walker] });
    expect(plan.shots[0]!.mode).toBe('follow');
    const times = frameTimes(0, 8);
    const xs = times.map((t) => cropAt(plan.cropPath, t).x);
    const settled = xs.filter((_x, i) => times[i]! >= 4.5);
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThanOrEqual(1);
    const steps = xs.slice(1).map((x, i) => x - xs[i]!).filter((step) => Math.abs(step) > 0.05);
    const reversals = steps.slice(1).filter((step, i) => Math.sign(step) !== Math.sign(steps[i]!)).length;
    expect(reversals).toBeLessThanOrEqual(1);
  });

  it('cuts hard at shot boundaries and nowhere else', () => {
    const left = track('A', 0, 4, (_t, i) => ({ x: 100 + jitter(i, 5), y: 200, w: 200, h: 220 }));
    const right = track('B', 4, 8, (t, i) => ({ x: 700 + 40 * t + jitter(i, 5), y: 200, w: 200, h: 220 }));
    const plan = planCropPath({
      source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }, { start: 4, end: 8 }], tracks: [left, right],
    });
    const times = frameTimes(0, 8);
    const xs = times.map((t) => cropAt(plan.cropPath, t).x);
    const bigSteps = xs.slice(1).map((x, i) => ({ t: times[i + 1]!, step: Math.abs(x - xs[i]!) })).filter((s) => s.step > 30);
    expect(bigSteps.map((s) => Math.round(s.t * 100) / 100)).toEqual([4]);
  });

  it('falls back to the blurred fit in a shot without faces, and says why', () => {
    const head = track('A', 0, 3, () => ({ x: 500, y: 200, w: 200, h: 220 }));
    const plan = planCropPath({
      source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 3 }, { start: 3, end: 6 }], tracks: [head],
    });
    expect(plan.shots.map((s) => s.mode)).toEqual(['still', 'blur']);
    expect(plan.shots[1]!.reason).toMatch(/no face/);
    expect(cropAt(plan.cropPath, 4.5)).toMatchObject({ x: 0, y: 0, w: 1280, h: 720 });
  });

  it('follows the chosen person, not the one beside them', () => {
    const b = track('B', 0, 5, (_t, i) => ({ x: 180 + jitter(i, 4), y: 220, w: 180, h: 200 }));
    const c = track('C', 0, 5, (_t, i) => ({ x: 900 + jitter(i, 4), y: 220, w: 190, h: 210 }));
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 5 }], tracks: [b, c], person: 'B' });
    expect(plan.shots[0]!.subjects).toEqual(['B']);
    for (const t of frameTimes(0, 5)) {
      const crop = cropAt(plan.cropPath, t);
      expect(contains(crop, { x: 184, y: 220, w: 172, h: 200 })).toBe(true);
      expect(crop.x + crop.w).toBeLessThan(900);
    }
  });

  it('shows two faces that fit together, and blurs or stacks two that do not', () => {
    const near = [
      track('A', 0, 4, () => ({ x: 500, y: 220, w: 120, h: 140 })),
      track('B', 0, 4, () => ({ x: 660, y: 230, w: 110, h: 130 })),
    ];
    const together = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: near });
    expect(together.shots[0]!.subjects.sort()).toEqual(['A', 'B']);
    const crop = cropAt(together.cropPath, 2);
    expect(contains(crop, { x: 500, y: 220, w: 270, h: 150 })).toBe(true);

    const far = [
      track('B', 0, 4, () => ({ x: 180, y: 220, w: 180, h: 200 })),
      track('C', 0, 4, () => ({ x: 900, y: 220, w: 190, h: 210 })),
    ];
    const apart = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: far, layout: 'single' });
    expect(apart.shots[0]!.mode).toBe('blur');
    expect(apart.shots[0]!.reason).toMatch(/too far apart/);
    // the default (auto) stacks two people on screen for the whole shot, as `split` does
    const auto = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: far });
    expect(auto.shots[0]).toMatchObject({ mode: 'split', subjects: ['B', 'C'], reason: 'two people far apart, stacked' });
    const split = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: far, layout: 'split' });
    expect(split.shots[0]!.mode).toBe('split');
    expect(split.shots[0]!.split).toEqual(auto.shots[0]!.split);
    const [top, bottom] = split.shots[0]!.split!;
    expect(top.w / top.h).toBeCloseTo(1080 / 960, 1);
    expect(contains(top, { x: 180, y: 220, w: 180, h: 200 })).toBe(true);
    expect(contains(bottom, { x: 900, y: 220, w: 190, h: 210 })).toBe(true);
    expect(top.w).toBe(bottom.w);
  });

  it('lets each half of a split follow its person: the one walking moves its half, the one sitting holds', () => {
    const walking = track('W', 0, 4, (t) => ({ x: 40 + 100 * t, y: 220, w: 180, h: 200 }));
    const sitting = track('S', 0, 4, () => ({ x: 1000, y: 220, w: 180, h: 200 }));
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: [walking, sitting], layout: 'split' });
    const shot = plan.shots[0]!;
    expect(shot.mode).toBe('split');
    const [top, bottom] = shot.splitPaths!;
    expect(new Set(bottom.map((s) => s.x)).size).toBe(1);
    expect(top.at(-1)!.x - top[0]!.x).toBeGreaterThan(200);
    // the walker stays inside the top half's crop throughout
    for (const t of [0.5, 1.5, 2.5, 3.5]) {
      const crop = cropAt(top, t);
      expect(contains(crop, { x: 40 + 100 * t, y: 220, w: 180, h: 200 })).toBe(true);
    }
    const layout = reframeLayout(plan, 0);
    expect(layout).toMatchObject({ mode: 'split', top, bottom });
  });

  it('under auto, keeps the blurred fit for three people far apart, and stacks two only when both stay most of the shot', () => {
    const three = [
      track('A', 0, 4, () => ({ x: 40, y: 220, w: 180, h: 200 })),
      track('B', 0, 4, () => ({ x: 560, y: 220, w: 180, h: 200 })),
      track('C', 0, 4, () => ({ x: 1060, y: 220, w: 180, h: 200 })),
    ];
    const panel = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: three });
    expect(panel.shots[0]!.mode).toBe('blur');
    const passing = [
      track('A', 0, 4, () => ({ x: 180, y: 220, w: 180, h: 200 })),
      track('B', 0, 1.4, () => ({ x: 900, y: 220, w: 190, h: 210 })),
    ];
    const brief = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 4 }], tracks: passing });
    expect(brief.shots[0]!.mode).not.toBe('split');
  });

  it('ignores a small face in the background and writes samples relative to the origin', () => {
    const main = track('A', 10, 14, () => ({ x: 800, y: 200, w: 220, h: 240 }));
    const poster = track('P', 10, 14, () => ({ x: 60, y: 60, w: 40, h: 44 }));
    const plan = planCropPath({
      source: SOURCE, output: PORTRAIT, shots: [{ start: 10, end: 14 }], tracks: [main, poster], origin: 10,
    });
    expect(plan.shots[0]!.subjects).toEqual(['A']);
    expect(plan.cropPath[0]!.t).toBe(0);
    expect(plan.cropPath.at(-1)!.t).toBeCloseTo(4, 2);
  });
});

describe('mergeDuplicateSubjects', () => {
  it('folds two tracks on one face into one subject and keeps two people apart', async () => {
    const { mergeDuplicateSubjects } = await import('../../core/reframe/merge-duplicate-subjects.js');
    const box = (x: number): FaceBox => ({ x, y: 200, w: 200, h: 220 });
    const at = (t: number, x: number) => ({ t, box: box(x), score: 0.9 });
    const merged = mergeDuplicateSubjects(new Map([
      ['p1', [at(0, 100), at(0.2, 110), at(0.4, 120), at(0.6, 130)]],
      ['p2', [at(0.4, 125), at(0.6, 128), at(0.8, 140)]],
      ['p3', [at(0.4, 800), at(0.6, 800)]],
    ]));
    expect([...merged.keys()].sort()).toEqual(['p1', 'p3']);
    expect(merged.get('p1')!.map((s) => s.t)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});
