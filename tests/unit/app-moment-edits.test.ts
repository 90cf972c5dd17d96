import { describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app/app-state.js';
import { applyMomentChange, liveWindows, stepMomentHistory, type MomentChange } from '../../core/app/moment-edits.js';

const FOUND = [
  { rank: 1, start: 10, end: 20 },
  { rank: 2, start: 40, end: 50 },
];
const apply = (state: AppState, change: MomentChange) => applyMomentChange(state, FOUND, 100, change);
const windows = (state: AppState) => liveWindows(FOUND, state).map((m) => [m.rank, m.start, m.end, m.enabled]);
const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code: string; message: string }).code;
  }
};

describe('moment edits', () => {
  it('edits in/out and the toggle of a found moment, kept as its edit', () => {
    const state = apply({}, { kind: 'edit', rank: 1, start: 12, enabled: false });
    expect(state.momentEdits).toEqual({ '1': { start: 12, enabled: false } });
    expect(windows(state)).toEqual([[1, 12, 20, false], [2, 40, 50, true]]);
    expect(apply(state, { kind: 'edit', rank: 1, reset: true }).momentEdits).toEqual({ '1': {} });
  });

  it('adds a moment by hand above every rank, in order, clamped to the video', () => {
    const one = apply({}, { kind: 'add', start: 60, end: 70 });
    const two = apply(one, { kind: 'add', start: 98, end: 130 });
    expect(windows(two)).toEqual([[1, 10, 20, true], [2, 40, 50, true], [3, 60, 70, true], [4, 98, 100, true]]);
  });

  it('refuses an overlap, and a moment shorter than 0.5 s, naming what is in the way', () => {
    expect(() => apply({}, { kind: 'add', start: 15, end: 30 })).toThrow(/^The new moment would overlap moment #1 \(0:10\.0–0:20\.0\): shorten or move one of them, or merge them\.$/);
    expect(codeOf(() => apply({}, { kind: 'edit', rank: 1, end: 45 }))).toBe('MOMENTS_OVERLAP');
    expect(codeOf(() => apply({}, { kind: 'add', start: 60, end: 60.2 }))).toBe('INVALID_ARGUMENT');
    // touching is not overlapping
    expect(windows(apply({}, { kind: 'add', start: 20, end: 40 }))).toContainEqual([3, 20, 40, true]);
  });

  it('merges instead of refusing when asked: the window covers the moments it overlaps, which go, in one undo step', () => {
    const widened = apply({}, { kind: 'edit', rank: 1, end: 45, merge: true });
    expect(windows(widened)).toEqual([[1, 10, 50, true]]);
    expect(widened.momentEdits).toEqual({ '1': { start: 10, end: 50 }, '2': { deleted: true } });
    const added = apply({}, { kind: 'add', start: 5, end: 42, merge: true });
    expect(windows(added)).toEqual([[3, 5, 50, true]]);
    expect(windows(stepMomentHistory(added, 'undo'))).toEqual(windows({}));
    // nothing in the way: a merge is a plain edit
    expect(apply({}, { kind: 'edit', rank: 1, end: 25, merge: true }).momentEdits).toEqual({ '1': { end: 25 } });
  });

  it('splits a moment at a time inside it: it keeps the first part, a new moment gets the rest', () => {
    const state = apply(apply({}, { kind: 'edit', rank: 2, enabled: false }), { kind: 'split', rank: 2, at: 44 });
    expect(windows(state)).toEqual([[1, 10, 20, true], [2, 40, 44, false], [3, 44, 50, false]]);
    const again = apply(state, { kind: 'split', rank: 3, at: 47 });
    expect(windows(again)).toEqual([[1, 10, 20, true], [2, 40, 44, false], [3, 44, 47, false], [4, 47, 50, false]]);
    expect(codeOf(() => apply({}, { kind: 'split', rank: 1, at: 10.2 }))).toBe('INVALID_ARGUMENT');
  });

  it('deletes found and added moments; a deleted rank is not given again', () => {
    const added = apply({}, { kind: 'add', start: 60, end: 70 });
    const gone = apply(apply(added, { kind: 'delete', rank: 1 }), { kind: 'delete', rank: 3 });
    expect(windows(gone)).toEqual([[2, 40, 50, true]]);
    expect(codeOf(() => apply(gone, { kind: 'delete', rank: 1 }))).toBe('INVALID_ARGUMENT');
    expect(windows(apply(gone, { kind: 'add', start: 0, end: 5 }))).toContainEqual([4, 0, 5, true]);
    // where a deleted moment was, a new one fits
    expect(windows(apply(gone, { kind: 'add', start: 12, end: 18 }))).toContainEqual([4, 12, 18, true]);
  });

  it('undoes and redoes every kind of change, and a new change clears redo', () => {
    const s1 = apply({}, { kind: 'edit', rank: 1, start: 12 });
    const s2 = apply(s1, { kind: 'add', start: 60, end: 70 });
    const s3 = apply(s2, { kind: 'split', rank: 2, at: 45 });
    const s4 = apply(s3, { kind: 'delete', rank: 1 });
    expect(s4.momentHistory?.undo).toHaveLength(4);
    const u1 = stepMomentHistory(s4, 'undo');
    expect(windows(u1)).toEqual(windows(s3));
    const u2 = stepMomentHistory(stepMomentHistory(stepMomentHistory(u1, 'undo'), 'undo'), 'undo');
    expect(windows(u2)).toEqual(windows({}));
    expect(codeOf(() => stepMomentHistory(u2, 'undo'))).toBe('INVALID_ARGUMENT');
    const r1 = stepMomentHistory(stepMomentHistory(u2, 'redo'), 'redo');
    expect(windows(r1)).toEqual(windows(s2));
    expect(r1.momentHistory).toMatchObject({ undo: { length: 2 }, redo: { length: 2 } });
    const fresh = apply(r1, { kind: 'edit', rank: 2, enabled: false });
    expect(fresh.momentHistory?.redo).toEqual([]);
  });
});
