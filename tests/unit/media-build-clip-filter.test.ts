import { describe, expect, it } from 'vitest';
import { buildClipFilter, fitSize } from '../../core/media/build-clip-filter.js';
import { buildConcatFilter } from '../../core/media/build-concat-filter.js';
import { concatListPath } from '../../core/media/concat.js';
import { cropPathExpression, piecewiseLinear } from '../../core/media/crop-path-expression.js';

/** Evaluates an expression the way ffmpeg's eval does, for the functions the builder emits. */
function evaluate(expression: string, t: number): number {
  const clip = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const gte = (a: number, b: number): number => (a >= b ? 1 : 0);
  return new Function('t', 'clip', 'gte', `return ${expression};`)(t, clip, gte) as number;
}

describe('piecewiseLinear', () => {
  it('interpolates linearly between samples and holds outside them', () => {
    const expression = piecewiseLinear([1, 2, 4], [100, 300, 200]);
    expect(evaluate(expression, 0)).toBeCloseTo(100, 6);
    expect(evaluate(expression, 1.5)).toBeCloseTo(200, 6);
    expect(evaluate(expression, 2)).toBeCloseTo(300, 6);
    expect(evaluate(expression, 3)).toBeCloseTo(250, 6);
    expect(evaluate(expression, 9)).toBeCloseTo(200, 6);
  });

  it('adds nothing for a held camera and jumps at a hard cut (two samples at one time)', () => {
    expect(piecewiseLinear([0, 1, 2, 3], [50, 50, 50, 50])).toBe('50');
    const cut = piecewiseLinear([0, 2, 2, 4], [10, 10, 500, 500]);
    expect(evaluate(cut, 1.99)).toBeCloseTo(10, 6);
    expect(evaluate(cut, 2)).toBeCloseTo(500, 6);
    expect(evaluate(cut, 3)).toBeCloseTo(500, 6);
  });

  it('stays compact for long paths: one term per moving segment', () => {
    const ts = Array.from({ length: 600 }, (_, i) => i / 5);
    const expression = piecewiseLinear(ts, ts.map((t) => 300 + 200 * Math.sin(t)));
    expect(expression.split('clip(').length - 1).toBe(599);
    expect(expression.length).toBeLessThan(600 * 40);
    expect(evaluate(expression, 10.1)).toBeCloseTo(300 + 200 * ((Math.sin(10) + Math.sin(10.2)) / 2), 0);
  });
});

describe('cropPathExpression', () => {
  it('keeps one crop size of the output aspect, centred on each sample and inside the frame', () => {
    const crop = cropPathExpression(
      [
        { t: 0, x: -50, y: 0, w: 405, h: 720 },
        { t: 1, x: 1000, y: 0, w: 300, h: 533 },
      ],
      { width: 1280, height: 720 },
      9 / 16,
    );
    expect([crop.w, crop.h]).toEqual([404, 718]);
    expect(evaluate(crop.x, 0)).toBe(0);
    expect(evaluate(crop.x, 1)).toBe(1280 - 404);
    expect(() => cropPathExpression([], { width: 10, height: 10 }, 1)).toThrow(/no samples/);
  });
});

describe('buildClipFilter', () => {
  const source = { width: 1920, height: 1080 };

  it('center: the largest 9:16 crop in the middle, scaled', () => {
    expect(buildClipFilter({ source, width: 1080, height: 1920, layout: { mode: 'center' }, overlays: [] })).toBe(
      '[0:v]crop=606:1080:656:0,scale=1080:1920[v0];[v0]format=yuv420p,setsar=1[vout]',
    );
  });

  it('blur: background and a fitted foreground, overlays chained after it', () => {
    const graph = buildClipFilter({ source, width: 1080, height: 1920, layout: { mode: 'blur' }, overlays: [{ x: 40, y: 1500 }] });
    expect(graph).toContain('[fgsrc]scale=1080:606');
    expect(graph).toContain('[bg][fg]overlay=0:656[v0]');
    expect(graph).toContain('[v0]settb=AVTB[vtb];[vtb][1:v]overlay=40:1500[o1];[o1]format=yuv420p');
  });

  it('scale: fitted with bars; split: two halves stacked', () => {
    expect(buildClipFilter({ source: { width: 720, height: 1364 }, width: 1920, height: 1080, layout: { mode: 'scale' }, overlays: [] })).toContain(
      'pad=1920:1080:674:0',
    );
    const split = buildClipFilter({
      source, width: 1080, height: 1920, overlays: [],
      layout: { mode: 'split', top: [{ t: 0, x: 0, y: 0, w: 960, h: 853 }], bottom: [{ t: 0, x: 960, y: 0, w: 960, h: 853 }] },
    });
    expect(split).toContain('scale=1080:960,setsar=1[top]');
    expect(split).toContain('[top][bottom]vstack=inputs=2[v0]');
  });

  it('facecam: the face-cam at the output width and its own height on top, the content below, one graph', () => {
    const graph = buildClipFilter({
      source, width: 1080, height: 1920, overlays: [],
      layout: { mode: 'facecam', camHeight: 618, cam: [{ t: 0, x: 1400, y: 36, w: 492, h: 282 }], content: [{ t: 0, x: 300, y: 0, w: 894, h: 1080 }] },
    });
    expect(graph).toBe(
      '[0:v]split=2[s0][s1];' +
        "[s0]crop=w=492:h=280:x='1400':y='37',scale=1080:618,setsar=1[top];" +
        "[s1]crop=w=894:h=1076:x='300':y='2',scale=1080:1302,setsar=1[bottom];" +
        '[top][bottom]vstack=inputs=2[v0];[v0]format=yuv420p,setsar=1[vout]',
    );
    // the content keeps at least a quarter of the frame, however tall the face-cam asked for
    const tall = buildClipFilter({
      source, width: 1080, height: 1920, overlays: [],
      layout: { mode: 'facecam', camHeight: 1700, cam: [{ t: 0, x: 0, y: 0, w: 400, h: 600 }], content: [{ t: 0, x: 500, y: 0, w: 600, h: 1080 }] },
    });
    expect(tall).toContain('scale=1080:1440,setsar=1[top]');
    expect(tall).toContain('scale=1080:480,setsar=1[bottom]');
  });

  it('reads the right stream, cuts raw streams and squares anamorphic pixels before the layout', () => {
    const graph = buildClipFilter({
      source: { width: 192, height: 144 }, width: 180, height: 320, layout: { mode: 'center' }, overlays: [],
      input: { stream: 1, trim: { start: 2, end: 3 }, anamorphic: true },
    });
    expect(graph.startsWith('[0:1]trim=start=2.000000:end=3.000000,setpts=PTS-STARTPTS,scale=192:144,setsar=1[vin];[vin]crop=')).toBe(true);
    const plain = buildClipFilter({ source, width: 1080, height: 1920, layout: { mode: 'blur' }, overlays: [], input: { stream: 0 } });
    expect(plain.startsWith('[0:0]null[vin];[vin]split=2')).toBe(true);
  });

  it('fitSize keeps even numbers inside the box', () => {
    expect(fitSize({ width: 1920, height: 1080 }, 1080, 1920)).toEqual({ width: 1080, height: 606 });
    expect(fitSize({ width: 176, height: 144 }, 1080, 1920)).toEqual({ width: 1080, height: 882 });
  });
});

describe('buildConcatFilter', () => {
  it('fits every clip into the first size and gives silent ones a silent track', () => {
    const graph = buildConcatFilter(
      [
        { width: 270, height: 480, hasAudio: true, durationS: 1 },
        { width: 176, height: 144, hasAudio: false, durationS: 4 },
      ],
      { width: 270, height: 480 },
    );
    expect(graph).toContain('[1:v]scale=270:220,setsar=1,pad=270:480:0:130:black');
    expect(graph).toContain('anullsrc=channel_layout=stereo:sample_rate=48000,atrim=duration=4.000000[a1]');
    expect(graph).toMatch(/\[v0\]\[a0\]\[v1\]\[a1\]concat=n=2:v=1:a=1\[vout\]\[aout\]$/);
  });
});

describe('concatListPath', () => {
  it('writes a quote in a file name the way the concat list reads it back', () => {
    expect(concatListPath("/clips/it's.mp4")).toBe("/clips/it'\\''s.mp4");
  });
});
