import { describe, expect, it } from 'vitest';
import { mouthActivity, mouthOpening } from '../../core/faces/mouth-activity.js';
import type { TrackSample } from '../../core/faces/types.js';

/** 68 points of a face whose outer eye corners are `eyes` apart and inner lips `gap` apart. */
function face(eyes: number, gap: number): Array<{ x: number; y: number }> {
  const points = Array.from({ length: 68 }, () => ({ x: 50, y: 50 }));
  points[36] = { x: 50 - eyes / 2, y: 40 };
  points[45] = { x: 50 + eyes / 2, y: 40 };
  for (const [upper, lower, x] of [[61, 67, 45], [62, 66, 50], [63, 65, 55]] as const) {
    points[upper] = { x, y: 80 };
    points[lower] = { x, y: 80 + gap };
  }
  return points;
}

const sample = (t: number, mouth?: number): TrackSample => ({ t, box: { x: 0, y: 0, w: 100, h: 100 }, score: 1, ...(mouth === undefined ? {} : { mouth }) });

describe('mouthOpening', () => {
  it('is the inner-lip gap over the eye-corner distance, the same at any face size', () => {
    expect(mouthOpening(face(40, 4))).toBeCloseTo(0.1, 6);
    expect(mouthOpening(face(80, 8))).toBeCloseTo(0.1, 6);
    expect(mouthOpening(face(40, 0))).toBe(0);
  });

  it('is undefined for other landmark schemes and for degenerate eyes', () => {
    expect(mouthOpening(face(40, 4).slice(0, 5))).toBeUndefined();
    expect(mouthOpening(face(0, 4))).toBeUndefined();
  });
});

describe('mouthActivity', () => {
  it('is the spread of the openings within 1.2 s around each measured sample', () => {
    const samples = [sample(0, 0.1), sample(0.4, 0.3), sample(0.8, 0.1), sample(1.2), sample(1.6, 0.1), sample(2.0, 0.1), sample(5, 0.2)];
    const activity = mouthActivity(samples);
    expect(activity.map((a) => a.t)).toEqual([0, 0.4, 0.8, 1.6, 2.0]);
    // 0 s: 0.1 and 0.3 within ±0.6 s
    expect(activity[0]!.activity).toBeCloseTo(0.1, 6);
    // 0.4 s: 0.1, 0.3, 0.1
    expect(activity[1]!.activity).toBeCloseTo(Math.sqrt(((0.1 - 1 / 6) ** 2 * 2 + (0.3 - 1 / 6) ** 2) / 3), 6);
    // 2.0 s: 0.1 and 0.1, still
    expect(activity[4]!.activity).toBeCloseTo(0, 6);
  });

  it('is empty without measurements (an analysis made before mouths were measured)', () => {
    expect(mouthActivity([sample(0), sample(0.4), sample(0.8)])).toEqual([]);
  });
});
