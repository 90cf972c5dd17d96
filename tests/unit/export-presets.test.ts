import { describe, expect, it } from 'vitest';
import { clipWindow } from '../../core/export/clip-window.js';
import { getPreset, maxClipLength, outputSize, PRESETS } from '../../core/export/presets.js';

describe('presets', () => {
  it('portrait presets are 1080x1920 whatever the source', () => {
    for (const name of ['shorts', 'tiktok', 'reels'] as const) {
      expect(outputSize(PRESETS[name], { width: 1280, height: 720 })).toEqual({ width: 1080, height: 1920 });
    }
  });

  it('landscape keeps the source aspect, long side at most 1920, even sides, never upscaled', () => {
    const landscape = getPreset('landscape');
    expect(outputSize(landscape, { width: 3840, height: 2160 })).toEqual({ width: 1920, height: 1080 });
    expect(outputSize(landscape, { width: 1280, height: 272 })).toEqual({ width: 1280, height: 272 });
    expect(outputSize(landscape, { width: 176, height: 144 })).toEqual({ width: 176, height: 144 });
    expect(outputSize(landscape, { width: 720, height: 1364 })).toEqual({ width: 720, height: 1364 });
    const odd = outputSize(landscape, { width: 2561, height: 1081 });
    expect(odd.width).toBe(1920);
    expect(odd.height % 2).toBe(0);
    expect(odd.height).toBeCloseTo((1081 * 1920) / 2561, -1);
  });

  it('caps: shorts 60 s by default and up to 180 s, reels 90 s', () => {
    expect(maxClipLength(PRESETS.shorts)).toBe(60);
    expect(maxClipLength(PRESETS.shorts, 180)).toBe(180);
    expect(() => maxClipLength(PRESETS.shorts, 181)).toThrow(/shorts allows \(180 s\)|longer than shorts/);
    expect(() => maxClipLength(PRESETS.shorts, 0)).toThrow(/--max-length/);
    expect(maxClipLength(PRESETS.reels)).toBe(90);
  });

  it('an unknown preset is INVALID_ARGUMENT naming the flag', () => {
    expect(() => getPreset('vine')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('--preset "vine"') }));
  });
});

describe('clipWindow', () => {
  it('keeps a moment that fits', () => {
    expect(clipWindow({ start: 10, end: 40, peak: 14 }, 60)).toEqual({ start: 10, end: 40 });
  });

  it('trims a long moment around its peak, starting a little before it', () => {
    const window = clipWindow({ start: 100, end: 250, peak: 180 }, 60);
    expect(window.end - window.start).toBe(60);
    expect(window.start).toBeLessThan(180);
    expect(window.start).toBeGreaterThanOrEqual(175);
  });

  it('keeps the peak inside even when the cap is shorter than the usual lead', () => {
    expect(clipWindow({ start: 0, end: 10, peak: 6 }, 2)).toEqual({ start: 5.5, end: 7.5 });
  });

  it('stays inside the moment when the peak is near its end or start', () => {
    expect(clipWindow({ start: 0, end: 100, peak: 99 }, 60)).toEqual({ start: 40, end: 100 });
    expect(clipWindow({ start: 20, end: 100, peak: 20 }, 30)).toEqual({ start: 20, end: 50 });
  });

  it('clamps to the video', () => {
    expect(clipWindow({ start: -2, end: 12, peak: 3 }, 60, 10)).toEqual({ start: 0, end: 10 });
  });
});

describe('per-person plans', () => {
  it('keeps the on-screen parts inside the window with a margin, bridging short gaps', async () => {
    const { segmentsInWindow } = await import('../../core/export/clip-plan.js');
    expect(segmentsInWindow([{ start: 12, end: 14 }, { start: 15, end: 18 }, { start: 30, end: 40 }], { start: 10, end: 32 })).toEqual([
      { start: 11.5, end: 18.5 },
      { start: 29.5, end: 32 },
    ]);
    expect(segmentsInWindow([{ start: 50, end: 60 }], { start: 10, end: 32 })).toEqual([]);
  });
});
