import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoStep } from '../../core/demo/demo-step.js';
import { runDemo } from '../../core/demo/run-demo.js';
import { clipsStep } from '../../core/demo/steps/clips-step.js';
import { momentsStep } from '../../core/demo/steps/moments-step.js';
import { sampleCommentsStep } from '../../core/demo/steps/sample-comments-step.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { probeMedia } from '../../core/media/probe.js';

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-demo-clips-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A small stand-in for the demo's sample video step, so this test stays quick. */
const shortSample: DemoStep = {
  name: 'sample-video',
  title: 'a 16 s test pattern',
  run: async (context) => {
    const output = join(context.outDir, 'sample.mp4');
    await renderTestPattern({ output, durationS: 16, width: 640, height: 360 });
    context.sample.videoPath = output;
    context.sample.durationS = 16;
  },
};

describe('demo clips step', () => {
  it('exports the sample moments as shorts clips with a summary reel', async () => {
    const printed: string[] = [];
    const report = await runDemo({ outDir: scratch, steps: [shortSample, sampleCommentsStep, momentsStep, clipsStep], print: (t) => printed.push(t) });
    const result = report.results.clips as { clips: { path: string; width: number; height: number; durationS: number }[]; summary: { path: string; durationS: number } };
    expect(result.clips.length).toBeGreaterThanOrEqual(1);
    expect(result.clips.length).toBeLessThanOrEqual(3);
    for (const clip of result.clips) {
      expect([clip.width, clip.height]).toEqual([1080, 1920]);
      expect(clip.durationS).toBeLessThanOrEqual(12.05);
    }
    expect(existsSync(result.summary.path)).toBe(true);
    const summary = await probeMedia(result.summary.path);
    expect(Math.abs(summary.durationS - result.clips.reduce((s, c) => s + c.durationS, 0))).toBeLessThan(0.2);
    expect(printed.join('\n')).toContain('summary');
  });
});
