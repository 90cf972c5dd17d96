import { describe, expect, it } from 'vitest';
import type { FaceTrack } from '../../core/faces/types.js';
import { buildClipFilter } from '../../core/media/build-clip-filter.js';
import { planCropPath } from '../../core/reframe/plan-crop-path.js';
import { reframeLayout } from '../../core/reframe/reframe-layout.js';

const SOURCE = { width: 1280, height: 720 };
const OUTPUT = { width: 1080, height: 1920 };

function still(id: string, from: number, to: number, x: number): FaceTrack {
  const samples = [];
  for (let t = from; t < to; t += 0.2) samples.push({ t, box: { x, y: 200, w: 200, h: 220 }, score: 0.9 });
  return { id, identityId: id, samples };
}

describe('reframeLayout', () => {
  it('is a plain crop path when every shot is framed', () => {
    const plan = planCropPath({ source: SOURCE, output: OUTPUT, shots: [{ start: 10, end: 14 }, { start: 14, end: 18 }], tracks: [still('A', 10, 14, 100), still('B', 14, 18, 900)], origin: 10 });
    const layout = reframeLayout(plan, 10);
    expect(layout.mode).toBe('path');
    if (layout.mode !== 'path') return;
    expect(layout.path[0]!.t).toBe(0);
    // the hard cut: two samples at the same time
    expect(layout.path.filter((s) => s.t === 4)).toHaveLength(2);
  });

  it('is a sequence of runs when a shot falls back to the blurred fit, rendered in one graph', () => {
    const plan = planCropPath({
      source: SOURCE, output: OUTPUT,
      shots: [{ start: 0, end: 3 }, { start: 3, end: 5 }, { start: 5, end: 9 }],
      tracks: [still('A', 0, 3, 100), still('A', 5, 9, 700)],
    });
    expect(plan.shots.map((s) => s.mode)).toEqual(['still', 'blur', 'still']);
    const layout = reframeLayout(plan, 0);
    expect(layout.mode).toBe('sequence');
    if (layout.mode !== 'sequence') return;
    expect(layout.segments.map((s) => [s.start, s.end, s.layout.mode])).toEqual([[0, 3, 'path'], [3, 5, 'blur'], [5, 9, 'path']]);
    for (const segment of layout.segments) {
      if (segment.layout.mode === 'path') expect(segment.layout.path.every((s) => s.w === 404)).toBe(true);
    }
    const graph = buildClipFilter({ source: SOURCE, width: 1080, height: 1920, layout, overlays: [] });
    expect(graph).toContain('split=3');
    expect(graph).toContain('trim=start=3.0000:end=5.0000');
    expect(graph).toContain('concat=n=3:v=1:a=0[v0]');
    expect(graph).toMatch(/crop=w=404:h=7[12]\d/);
    expect(graph).not.toMatch(/crop=w=1280/);
    expect(graph.endsWith('[vout]')).toBe(true);
  });
});
