import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces, type FacesAnalysis } from '../../core/faces/analyze-faces.js';
import { mergeIntervals, totalLength } from '../../core/faces/merge-intervals.js';
import { sharedMedia } from '../helpers/shared-media.js';

interface Truth {
  identities: Record<string, Array<[number, number]>>;
}

function intersection(a: Array<[number, number]>, b: Array<[number, number]>): number {
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
}

/** Time IoU of two sets of intervals. */
function timeIou(a: Array<[number, number]>, b: Array<[number, number]>): number {
  const inter = intersection(mergeIntervals(a, 0), mergeIntervals(b, 0));
  return inter / (totalLength(mergeIntervals(a, 0)) + totalLength(mergeIntervals(b, 0)) - inter);
}

let result: FacesAnalysis;
let truth: Truth;

beforeAll(async () => {
  truth = JSON.parse(await readFile(sharedMedia('video/panel.truth.json'), 'utf8')) as Truth;
  result = await analyzeFaces(sharedMedia('video/panel.mp4'));
}, 240_000);

describe('faces on panel.mp4 (three people, one returning, two side by side)', () => {
  it('finds exactly three identities', () => {
    expect(result.analyzedFrames).toBeGreaterThan(185);
    expect(result.identities).toHaveLength(3);
  });

  it('matches every true person with a time IoU of at least 0.9', () => {
    for (const [name, intervals] of Object.entries(truth.identities)) {
      const best = Math.max(...result.identities.map((i) => timeIou(i.appearances, intervals)));
      expect(best, `person ${name}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('recognises the returning people as the same identity and finds both in the side-by-side part', () => {
    const at = (t: number): string[] => result.identities.filter((i) => i.appearances.some(([s, e]) => s <= t && t <= e)).map((i) => i.id);
    expect(at(4)).toHaveLength(1);
    expect(at(24)).toEqual(at(4));
    expect(at(36)).toEqual(at(11));
    expect(at(28.5)).toHaveLength(2);
    expect(at(28.5).sort()).toEqual([...at(11), ...at(18)].sort());
    expect(at(32.5)).toEqual([]);
  });

  it('gives tracks in source pixels for reframing, each owned by an identity', () => {
    const owned = result.tracks.filter((t) => t.identityId);
    expect(owned.length).toBeGreaterThanOrEqual(6);
    const sample = owned[0]!.samples[0]!;
    expect(sample.box.h).toBeGreaterThan(150);
    expect(sample.box.x + sample.box.w).toBeLessThanOrEqual(result.width + 1);
  });
});

describe('faces on panel.mp4 with SSD for every full-frame pass (--accurate)', () => {
  it('finds the two people side by side, and nobody in the street shot', async () => {
    // 24-34 s: A alone, B and C side by side (26-31), the empty street (31-34)
    const accurate = await analyzeFaces(sharedMedia('video/panel.mp4'), { from: 24, to: 34, accurate: true });
    const at = (t: number): number => accurate.identities.filter((i) => i.appearances.some(([s, e]) => s <= t && t <= e)).length;
    expect(accurate.identities).toHaveLength(3);
    expect(at(25)).toBe(1);
    expect(at(28.5)).toBe(2);
    expect(at(32.5)).toBe(0);
    for (const [name, intervals] of Object.entries(truth.identities)) {
      const inRange = intervals.map(([s, e]): [number, number] => [Math.max(s, 24), Math.min(e, 34)]).filter(([s, e]) => e > s);
      const best = Math.max(...accurate.identities.map((i) => timeIou(i.appearances, inRange)));
      expect(best, `person ${name}`).toBeGreaterThanOrEqual(0.85);
    }
  }, 120_000);
});
