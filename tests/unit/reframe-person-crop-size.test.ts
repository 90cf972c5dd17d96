import { describe, expect, it } from 'vitest';
import type { FaceBox, TrackSample } from '../../core/faces/types.js';
import type { FaceTrack } from '../../core/faces/types.js';
import { cropAt } from '../../core/reframe/crop-at.js';
import { MIN_PERSON_CROP_HEIGHT, personCropSize } from '../../core/reframe/person-crop-size.js';
import { planCropPath } from '../../core/reframe/plan-crop-path.js';
import { reframeLayout } from '../../core/reframe/reframe-layout.js';

const SOURCE = { width: 1280, height: 720 };
const FULL = { width: 404, height: 720 };
const PORTRAIT = { width: 1080, height: 1920 };

function samples(from: number, to: number, box: (t: number) => FaceBox): TrackSample[] {
  const out: TrackSample[] = [];
  for (let t = from; t < to - 1e-9; t += 0.2) out.push({ t: Math.round(t * 1000) / 1000, box: box(t), score: 0.9 });
  return out;
}

function track(id: string, list: TrackSample[]): FaceTrack {
  return { id: `track-${id}`, identityId: id, samples: list };
}

const face = (cx: number) => (): FaceBox => ({ x: cx - 50, y: 260, w: 100, h: 120 });

function overlapsX(crop: { x: number; w: number }, box: FaceBox): boolean {
  return box.x + box.w > crop.x && box.x < crop.x + crop.w;
}

describe('personCropSize', () => {
  it('keeps the full crop when nobody else comes near', () => {
    const sized = personCropSize(samples(0, 4, face(300)), [samples(0, 4, face(1000))], FULL, SOURCE);
    expect(sized).toEqual({ crop: FULL });
  });

  it('tightens to the widest 9:16 crop that leaves a face 300 px away outside', () => {
    const sized = personCropSize(samples(0, 4, face(500)), [samples(0, 4, face(800))], FULL, SOURCE);
    expect(sized.reason).toMatch(/tightened/);
    expect(sized.crop.width).toBeLessThan(FULL.width);
    expect(sized.crop.width).toBeGreaterThan(300);
    expect(sized.crop.width % 2).toBe(0);
    expect(Math.abs(sized.crop.width / sized.crop.height - 9 / 16)).toBeLessThan(0.01);
    // a crop centred on the person, even 0.18 of its width off, misses the other face; 2 px wider would not
    const edge = 750 - 500;
    expect(sized.crop.width * (0.5 + 0.18)).toBeLessThanOrEqual(edge);
    expect((sized.crop.width + 2) * (0.5 + 0.18)).toBeGreaterThan(edge);
  });

  it('chooses the size from the closest moment of the shot', () => {
    const near = personCropSize(samples(0, 4, face(500)), [samples(0, 4, (t) => face(t < 2 ? 900 : 780)())], FULL, SOURCE);
    const closest = personCropSize(samples(0, 4, face(500)), [samples(0, 4, face(780))], FULL, SOURCE);
    expect(near.crop).toEqual(closest.crop);
  });

  it('stops at the floor and says so when the other face is too close', () => {
    const sized = personCropSize(samples(0, 4, face(500)), [samples(0, 4, face(620))], FULL, SOURCE);
    expect(sized.crop.height).toBeGreaterThanOrEqual(Math.floor(MIN_PERSON_CROP_HEIGHT * SOURCE.height) - 2);
    expect(sized.crop.height).toBeLessThan(MIN_PERSON_CROP_HEIGHT * SOURCE.height + 4);
    expect(sized.reason).toMatch(/too close/);
  });
});

describe('planCropPath for a person with someone beside them', () => {
  it('holds one tight crop per shot, centred on the person, without the neighbour', () => {
    const a = track('A', samples(0, 5, face(500)));
    const b = track('B', samples(0, 5, face(800)));
    const alone = track('A', samples(5, 9, face(500)));
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [{ start: 0, end: 5 }, { start: 5, end: 9 }], tracks: [a, b, alone], person: 'A' });
    expect(plan.shots[0]!.reason).toMatch(/tightened/);
    expect(plan.shots[1]!.reason).not.toMatch(/tightened/);
    const first = plan.cropPath.slice(plan.shots[0]!.samples[0], plan.shots[0]!.samples[1] + 1);
    expect(new Set(first.map((s) => `${s.w}x${s.h}`)).size).toBe(1);
    for (let t = 0; t < 5; t += 0.04) {
      const crop = cropAt(plan.cropPath, t);
      expect(overlapsX(crop, face(800)())).toBe(false);
      expect(crop.x + crop.w / 2).toBeCloseTo(500, -1);
    }
    expect(cropAt(plan.cropPath, 6).w).toBe(404);
    // two crop sizes render as two runs (ffmpeg's crop keeps one size)
    const layout = reframeLayout(plan, 0);
    expect(layout.mode).toBe('sequence');
  });
});
