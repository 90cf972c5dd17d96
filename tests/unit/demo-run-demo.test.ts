import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoStep } from '../../core/demo/demo-step.js';
import { runDemo } from '../../core/demo/run-demo.js';
import { momentsStep } from '../../core/demo/steps/moments-step.js';
import { sampleCommentsStep } from '../../core/demo/steps/sample-comments-step.js';
import { isKirinukiError } from '../../core/errors.js';
import type { MomentsResult } from '../../core/moments/types.js';

/** The comment and moments steps alone: the video, clips and faces steps have their own tests. */
const MOMENTS_STEPS = [sampleCommentsStep, momentsStep];
const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('runDemo', () => {
  it('makes a sample on the spot, ranks its moments, saves and prints them', async () => {
    const printed: string[] = [];
    const stages = new Set<string>();
    const report = await runDemo({
      outDir: scratch,
      steps: MOMENTS_STEPS,
      print: (text) => printed.push(text),
      onProgress: (p) => stages.add(p.stage),
    });
    expect(report.steps.map((s) => s.name)).toEqual(['comments', 'moments']);
    const moments = report.results.moments as MomentsResult;
    const truth = (report.results.comments as { truth: { t: number }[] }).truth;
    const top = moments.moments.slice(0, truth.length);
    for (const [i, t] of truth.entries()) expect(top[i]!.start <= t.t && t.t <= top[i]!.end).toBe(true);
    const saved = join(scratch, moments.video.id, 'moments.json');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(moments);
    expect(printed.join('\n')).toMatch(/#\s+window\s+peak\s+mentions\s+score\s+found by\s+top comment or chat/);
    expect([...stages]).toEqual(['demo']);
  });

  it('lets an earlier step set the sample duration that later steps fit into', async () => {
    const shortVideo: DemoStep = {
      name: 'video',
      title: 'pretend a 19-second sample video was made',
      run: async (context) => {
        context.sample.durationS = 19;
      },
    };
    const report = await runDemo({ outDir: scratch, steps: [shortVideo, ...MOMENTS_STEPS] });
    const moments = report.results.moments as MomentsResult;
    const truth = (report.results.comments as { truth: { t: number }[] }).truth;
    expect(moments.video.durationS).toBe(19);
    expect(truth.length).toBeGreaterThanOrEqual(2);
    for (const [i, t] of truth.entries()) {
      const m = moments.moments[i]!;
      expect(m.start <= t.t && t.t <= m.end).toBe(true);
      expect(m.end).toBeLessThanOrEqual(19);
    }
  });

  it('stops with CANCELLED when aborted, before writing anything', async () => {
    const controller = new AbortController();
    controller.abort();
    const outDir = join(scratch, 'cancelled');
    const error = await runDemo({ outDir, steps: MOMENTS_STEPS, signal: controller.signal }).catch((e: unknown) => e);
    expect(isKirinukiError(error) && error.code).toBe('CANCELLED');
    expect(existsSync(outDir)).toBe(false);
  });
});
