import { describe, expect, it } from 'vitest';
import { framingOf, sameMoment, type FramingFile } from '../../core/reframe/framing.js';
import { followFraming, restampFraming } from '../../core/reframe/framing-moments.js';

const file = (moments: FramingFile['moments']): FramingFile => ({ version: 2, moments });
const w = (start: number, end: number) => ({ start, end });

describe('sameMoment', () => {
  it('is the same moment while the windows share half of the shorter one', () => {
    expect(sameMoment(w(30, 40), w(30, 40))).toBe(true);
    expect(sameMoment(w(30, 40), w(32, 36))).toBe(true); // trimmed
    expect(sameMoment(w(30, 40), w(0, 120))).toBe(true); // stretched
    expect(sameMoment(w(30, 40), w(35, 45))).toBe(true); // half of it
    expect(sameMoment(w(30, 40), w(38, 48))).toBe(false); // a neighbour touching it
    expect(sameMoment(w(30, 40), w(40, 50))).toBe(false);
    expect(sameMoment(w(30, 40), w(100, 110))).toBe(false);
  });
});

describe('framingOf', () => {
  it('gives the override without its window, only to the moment it was made for; a version 1 entry by rank', () => {
    const framing = file({ 2: { mode: 'fixed', x: 0.3, window: w(30, 40) }, 3: { mode: 'blur' }, 4: { mode: 'auto', window: w(50, 60) } });
    expect(framingOf(framing, { rank: 2, start: 31, end: 39 })).toEqual({ mode: 'fixed', x: 0.3 });
    expect(framingOf(framing, { rank: 2, start: 100, end: 110 })).toBeUndefined();
    expect(framingOf(framing, { rank: 3, start: 500, end: 510 })).toEqual({ mode: 'blur' });
    expect(framingOf(framing, { rank: 4, start: 50, end: 60 })).toBeUndefined();
    expect(framingOf(framing, { rank: 5, start: 30, end: 40 })).toBeUndefined();
  });
});

describe('restampFraming (the user edited the moments)', () => {
  it('gives an override its moment\'s new window, keeps one whose moment is gone, and stamps a version 1 entry', () => {
    const before = file({ 1: { mode: 'blur', window: w(10, 20) }, 2: { mode: 'center', window: w(30, 40) }, 3: { mode: 'split' }, 7: { mode: 'facecam', window: w(70, 80) } });
    const after = restampFraming(before, [
      { rank: 1, start: 12, end: 18 }, // trimmed
      { rank: 2, start: 100, end: 110 }, // not the moment it was made for
      { rank: 3, start: 50, end: 55 },
      // 7 deleted
    ]);
    expect(after.moments).toEqual({
      1: { mode: 'blur', window: w(12, 18) },
      2: { mode: 'center', window: w(30, 40) },
      3: { mode: 'split', window: w(50, 55) },
      7: { mode: 'facecam', window: w(70, 80) },
    });
  });
});

describe('followFraming (the moments were found again)', () => {
  it('moves each override to the moment now covering its time, its own rank first, and drops one no moment covers', () => {
    const before = [{ rank: 1, start: 10, end: 20 }, { rank: 2, start: 30, end: 40 }, { rank: 3, start: 50, end: 60 }, { rank: 4, start: 90, end: 95 }];
    const framing = file({
      1: { mode: 'blur', window: w(10, 20) }, // stays #1
      2: { mode: 'center', window: w(30, 40) }, // its moment is #3 now
      3: { mode: 'facecam' }, // version 1: made for #3 of `before`, gone
      4: { mode: 'fixed', x: 1, window: w(90, 95) }, // a hand-added moment renumbered to #5
    });
    const after = [{ rank: 1, start: 11, end: 21 }, { rank: 2, start: 200, end: 210 }, { rank: 3, start: 29, end: 41 }, { rank: 4, start: 88, end: 100 }, { rank: 5, start: 90, end: 95 }];
    expect(followFraming(framing, before, after).moments).toEqual({
      1: { mode: 'blur', window: w(11, 21) },
      3: { mode: 'center', window: w(29, 41) },
      // the renumbered moment (the same window) rather than a found one around it
      5: { mode: 'fixed', x: 1, window: w(90, 95) },
    });
  });

  it('puts one override on a moment: the one made for that moment by its rank wins', () => {
    const framing = file({ 1: { mode: 'blur', window: w(10, 20) }, 2: { mode: 'center', window: w(12, 22) } });
    expect(followFraming(framing, [], [{ rank: 2, start: 11, end: 21 }]).moments).toEqual({ 2: { mode: 'center', window: w(11, 21) } });
  });

  it('moves a version 1 entry with the moment that had its rank before', () => {
    const framing = file({ 2: { mode: 'blur' } });
    const moved = followFraming(framing, [{ rank: 1, start: 0, end: 10 }, { rank: 2, start: 30, end: 40 }], [{ rank: 1, start: 30, end: 40 }, { rank: 2, start: 0, end: 10 }]);
    expect(moved).toEqual({ version: 2, moments: { 1: { mode: 'blur', window: w(30, 40) } } });
  });
});
