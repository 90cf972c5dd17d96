import { describe, expect, it } from 'vitest';
import type { FaceTrack } from '../../core/faces/types.js';
import { buildClipFilter } from '../../core/media/build-clip-filter.js';
import { planCropPath } from '../../core/reframe/plan-crop-path.js';
import { reframeLayout } from '../../core/reframe/reframe-layout.js';
import type { FacecamShot } from '../../core/reframe/detect-facecam.js';
import { previewRuns } from '../../core/reframe/preview-layout.js';

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

  it('puts face-cam shots in face-cam runs (one per face-cam height), previewed as the export renders them', () => {
    const frame = (camHeight: number): FacecamShot['frame'] => ({
      cam: { t: 0, x: 1000, y: 20, w: 260, h: Math.round((260 * camHeight) / 1080) },
      content: { t: 0, x: 200, y: 0, w: 540, h: 720 },
      camHeight,
    });
    const facecam = (start: number, end: number, camHeight: number): FacecamShot =>
      ({ start, end, subject: 'A', box: { x: 1000, y: 20, w: 260, h: 150 }, frame: frame(camHeight) });
    const shots = [{ start: 0, end: 3 }, { start: 3, end: 5 }, { start: 5, end: 7 }, { start: 7, end: 9 }];
    const tracks = [still('A', 0, 9, 1040)];
    const plan = planCropPath({
      source: SOURCE, output: OUTPUT, shots, tracks,
      facecams: [facecam(0, 3, 600), facecam(3, 5, 600), facecam(7, 9, 640)],
    });
    expect(plan.shots.map((s) => s.mode)).toEqual(['facecam', 'facecam', 'still', 'facecam']);
    expect(plan.shots[0]!.reason).toBe('a face-cam at 1000,20 (260x150) on top, the content where it moves most below');
    const layout = reframeLayout(plan, 0);
    if (layout.mode !== 'sequence') throw new Error(`expected a sequence, got ${layout.mode}`);
    expect(layout.segments.map((s) => [s.start, s.end, s.layout.mode])).toEqual([[0, 5, 'facecam'], [5, 7, 'path'], [7, 9, 'facecam']]);
    const first = layout.segments[0]!.layout;
    expect(first).toMatchObject({ mode: 'facecam', camHeight: 600 });
    if (first.mode === 'facecam') expect(first.cam.map((s) => s.t)).toEqual([0, 3, 3, 5]);
    const graph = buildClipFilter({ source: SOURCE, width: 1080, height: 1920, layout, overlays: [] });
    expect(graph).toContain('scale=1080:600,setsar=1[sq0_top]');
    expect(graph).toContain('scale=1080:1280,setsar=1[sq2_bottom]');
    const runs = previewRuns(layout, SOURCE, OUTPUT, 9);
    expect(runs.map((r) => [r.start, r.end, r.mode])).toEqual([[0, 5, 'facecam'], [5, 7, 'crop'], [7, 9, 'facecam']]);
    const preview = runs[0]!;
    if (preview.mode === 'facecam') {
      expect(preview.camHeight).toBe(600);
      expect(preview.cam[0]!.w / preview.cam[0]!.h).toBeCloseTo(1080 / 600, 1);
      expect(preview.content[0]!.w / preview.content[0]!.h).toBeCloseTo(1080 / 1320, 2);
    }
    // a per-person export follows its person: no face-cam layout then
    const person = planCropPath({ source: SOURCE, output: OUTPUT, shots, tracks, person: 'A', facecams: [facecam(0, 3, 600)] });
    expect(person.shots.map((s) => s.mode)).not.toContain('facecam');
    const single = planCropPath({ source: SOURCE, output: OUTPUT, shots, tracks, layout: 'single', facecams: [facecam(0, 3, 600)] });
    expect(single.shots.map((s) => s.mode)).not.toContain('facecam');
  });
});
