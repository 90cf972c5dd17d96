import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../core/demo/run-demo.js';
import { facesStep } from '../../core/demo/steps/faces-step.js';
import { momentsStep } from '../../core/demo/steps/moments-step.js';
import { sampleCommentsStep } from '../../core/demo/steps/sample-comments-step.js';
import { sampleVideoStep } from '../../core/demo/steps/sample-video-step.js';

let outDir = '';
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('kirinuki demo: the people step', () => {
  it("finds the people in the sample made from face-api's photos and exports their clips", async () => {
    outDir = await mkdtemp(join(tmpdir(), 'kirinuki-faces-demo-'));
    const printed: string[] = [];
    const report = await runDemo({ outDir, steps: [sampleVideoStep, sampleCommentsStep, momentsStep, facesStep], print: (t) => printed.push(t) });
    const faces = report.results.faces as {
      identities: Array<{ id: string; totalS: number; thumbnail: string | null }>;
      clips: Array<{ path: string; person: string | null; durationS: number }>;
      reels: Array<{ path: string; person: string }>;
    };
    expect(faces.identities.length).toBeGreaterThanOrEqual(2);
    // the first photo comes back at the end: someone is on screen in both of its scenes
    expect(faces.identities.some((i) => i.totalS > 8)).toBe(true);
    expect(faces.clips.length).toBeGreaterThan(0);
    for (const clip of faces.clips) {
      expect(clip.person).toMatch(/^person-\d+$/);
      expect(existsSync(clip.path)).toBe(true);
    }
    expect(faces.reels.length).toBeGreaterThan(0);
    expect(faces.identities.every((i) => i.thumbnail && existsSync(i.thumbnail))).toBe(true);
    expect(printed.join('\n')).toMatch(/People on screen in the sample/);
  }, 240_000);
});
