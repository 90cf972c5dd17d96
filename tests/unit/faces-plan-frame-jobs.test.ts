import { describe, expect, it } from 'vitest';
import { changedTiles, type GreyThumbnail } from '../../core/faces/changed-tiles.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import { planFrameJobs, type FrameSchedule } from '../../core/faces/plan-frame-jobs.js';

const settings = normaliseFaceSettings({ workers: 2 });
const STEP = 4;
const COLS = 640 / STEP;
const ROWS = 360 / STEP;

/** A flat grey thumbnail of a 640x360 frame with a bright square (frame pixels) painted in. */
function thumbnail(square?: { x: number; y: number; side: number }): GreyThumbnail {
  const grey = new Uint8Array(COLS * ROWS).fill(90);
  if (square) {
    for (let y = square.y / STEP; y < (square.y + square.side) / STEP; y += 1) {
      for (let x = square.x / STEP; x < (square.x + square.side) / STEP; x += 1) grey[y * COLS + x] = 220;
    }
  }
  return { grey, cols: COLS, step: STEP };
}

const tileOptions = { width: 640, height: 360, tile: 160, maxTiles: 3 };

describe('where to look for newcomers', () => {
  it('gives no tile for a still picture and one tile around a face-sized change', () => {
    expect(changedTiles(thumbnail(), thumbnail(), { ...tileOptions, active: [] })).toEqual([]);
    const tiles = changedTiles(thumbnail(), thumbnail({ x: 480, y: 160, side: 24 }), { ...tileOptions, active: [] });
    expect(tiles).toHaveLength(1);
    const [tile] = tiles;
    expect(tile!.w).toBe(160);
    expect(tile!.x).toBeLessThanOrEqual(480);
    expect(tile!.x + tile!.w).toBeGreaterThanOrEqual(504);
    expect(tile!.y).toBeLessThanOrEqual(160);
    expect(tile!.y + tile!.h).toBeGreaterThanOrEqual(184);
  });

  it('ignores change around a tracked face and caps the tiles', () => {
    const moved = thumbnail({ x: 100, y: 100, side: 40 });
    expect(changedTiles(thumbnail(), moved, { ...tileOptions, active: [{ x: 95, y: 95, w: 50, h: 50 }] })).toEqual([]);
    const everywhere = { grey: new Uint8Array(COLS * ROWS).fill(200), cols: COLS, step: STEP };
    expect(changedTiles(thumbnail(), everywhere, { ...tileOptions, active: [] })).toHaveLength(3);
  });
});

describe('the work of each frame', () => {
  const base: FrameSchedule = { index: 0, cut: false, width: 640, height: 360, active: [], lastFull: 0, lastDiscovery: 0, lastScan: 0 };
  const big = { x: 100, y: 50, w: 180, h: 180 };
  const small = { x: 500, y: 100, w: 24, h: 24 };

  it('scans for newcomers every scanEvery frames, not at cuts', () => {
    expect(planFrameJobs({ ...base, index: settings.scanEvery - 1, active: [big] }, settings).scan).toBeFalsy();
    expect(planFrameJobs({ ...base, index: settings.scanEvery, active: [big] }, settings).scan).toBe(true);
    const cut = planFrameJobs({ ...base, index: settings.scanEvery, cut: true, active: [big] }, settings);
    expect(cut.scan).toBe(false);
    expect(cut.fine).toBe(true);
    // the finer pass looks at the whole frame, as a job of its own beside the cheap pass
    expect(cut.tiles).toEqual([{ x: 0, y: 0, w: 640, h: 360 }]);
    expect(cut.tilePass).toEqual(settings.cutPass);
    expect(cut.passes).toEqual([settings.fullPass]);
    // SSD full passes see small faces themselves: no second look at a cut
    const accurate = normaliseFaceSettings({ accurate: true });
    const ssdCut = planFrameJobs({ ...base, cut: true }, accurate);
    expect(ssdCut.tiles).toBeUndefined();
    expect(ssdCut.passes).toEqual([accurate.fullPass]);
    // without the finer look, a cut gets the cheap pass, and SSD only if that finds nobody
    const coarse = normaliseFaceSettings({ fineCuts: false });
    const coarseCut = planFrameJobs({ ...base, cut: true }, coarse);
    expect(coarseCut.tiles).toBeUndefined();
    expect(coarseCut.passes).toEqual([coarse.fullPass]);
    expect(coarseCut.passesIfEmpty).toEqual([coarse.discoveryPass]);
  });

  it('looks at the whole frame of busy content (changing like a cut frame after frame) without the finer pass', () => {
    // an odd frame, which a calm picture would skip
    const busy = planFrameJobs({ ...base, index: 3, busy: true, active: [big], lastFull: 2, lastScan: 3 }, settings);
    expect(busy.skip).toBe(false);
    expect(busy.full).toBe(true);
    expect(busy.passes).toEqual([settings.fullPass]);
    expect(busy.fine).toBe(false);
    expect(busy.tiles).toBeUndefined();
    expect(planFrameJobs({ ...base, index: 3, active: [big], lastFull: 2, lastScan: 3 }, settings).skip).toBe(true);
  });

  it('searches around every tracked face on each detection frame, none in between', () => {
    const plan = (index: number, active = [big]) => planFrameJobs({ ...base, index, active, lastScan: index }, settings);
    expect(plan(2).skip).toBe(false);
    expect(plan(2).regions).toHaveLength(1);
    expect(plan(3).skip).toBe(true);
    expect(plan(4).skip).toBe(false);
    expect(plan(4).regions).toHaveLength(1);
    expect(plan(2, [big, small]).regions).toHaveLength(2);
    expect(plan(3, [big, small]).skip).toBe(true);
  });
});
