import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces, type FacesAnalysis } from '../../core/faces/analyze-faces.js';
import { composeSlideOutPanel, type ComposedPanel } from '../helpers/slide-out-panel.js';
import { timeIou } from '../helpers/time-iou.js';

let dir: string;
let panel: ComposedPanel;
let result: FacesAnalysis;

const onScreenAt = (analysis: FacesAnalysis, t: number): string[] =>
  analysis.identities.filter((i) => i.appearances.some(([s, e]) => s <= t && t <= e)).map((i) => i.id);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-slide-out-'));
  panel = await composeSlideOutPanel(dir);
  result = await analyzeFaces(panel.path);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a four-person panel where people slide out of the frame', () => {
  it('finds exactly the four people, each with a time IoU of at least 0.9', () => {
    expect(result.identities.map((i) => `${i.id} ${JSON.stringify(i.appearances)}`)).toHaveLength(4);
    for (const [name, truth] of Object.entries(panel.truth)) {
      const best = Math.max(...result.identities.map((i) => timeIou(i.appearances, truth)));
      expect(best, `person ${name}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('gives the face half out at the edge after a cut to its person, not to the one who left by that edge', () => {
    const a = onScreenAt(result, 2);
    const c = onScreenAt(result, 14);
    expect(onScreenAt(result, 18.3)).toEqual(a);
    expect(a).not.toEqual(c);
    const fragment = result.tracks.find((t) => t.samples[0]!.t >= 18 && t.samples[0]!.t < 18.5);
    expect(fragment?.identityId).toBe(a[0]);
  });

  it('keeps the tracks of each person apart in time and records the cuts, suggesting no merge of different people', () => {
    for (const identity of result.identities) {
      const spans = result.tracks.filter((t) => t.identityId === identity.id).map((t) => [t.samples[0]!.t, t.samples.at(-1)!.t] as const);
      for (const [i, [s1, e1]] of spans.entries()) {
        for (const [s2, e2] of spans.slice(i + 1)) expect(Math.min(e1, e2) - Math.max(s1, s2), identity.id).toBeLessThan(0);
      }
    }
    expect(result.suggestions).toEqual([]);
    for (const cut of [6, 12, 18, 19.2, 28, 30, 35]) expect(result.cuts!.some(([before, after]) => before - 0.1 < cut && cut <= after + 0.01), `cut at ${cut}`).toBe(true);
  });
});

describe('a face half out of the frame that continues nobody', () => {
  it('founds no identity of its own (C, then A half out at the edge after a cut, then D)', async () => {
    const middle = await analyzeFaces(panel.path, { from: 12, to: 24 });
    expect(middle.identities.map((i) => `${i.id} ${JSON.stringify(i.appearances)}`)).toHaveLength(2);
    const fragment = middle.tracks.find((t) => t.samples[0]!.t >= 18 && t.samples[0]!.t < 18.5);
    expect(fragment, 'the detector sees the half face').toBeDefined();
    expect(fragment!.identityId).toBeUndefined();
    expect(onScreenAt(middle, 18.5)).toEqual([]);
  }, 120_000);
});
