import { describe, expect, it } from 'vitest';
import { parseRange } from '../../core/app/parse-range.js';
import { mentionDensity } from '../../core/app/mention-density.js';
import { PRESET_NAMES as EXPORT_PRESETS } from '../../core/export/presets.js';
import { PRESET_NAMES as APP_PRESETS } from '../../core/app/views.js';

describe('parseRange', () => {
  it.each([
    [undefined, 1000, undefined],
    ['', 1000, undefined],
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=100-', 1000, { start: 100, end: 999 }],
    ['bytes=-10', 1000, { start: 990, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=900-5000', 1000, { start: 900, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=50-10', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=0-1,5-9', 1000, undefined],
    ['items=0-1', 1000, undefined],
    ['bytes=abc', 1000, undefined],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('mentionDensity', () => {
  it('bins mention times over the whole video', () => {
    const density = mentionDensity([0, 0.5, 9.9, 10, 899, 905, 2000], 905);
    expect(density.binS).toBeCloseTo(905 / 200);
    expect(density.counts.length).toBe(200);
    expect(density.counts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(density.counts[0]).toBe(2);
    expect(density.counts[198]).toBe(1);
    expect(density.counts[199]).toBe(2);
  });
});

describe('the contract preset list', () => {
  it('is the export presets', () => {
    expect([...APP_PRESETS]).toEqual([...EXPORT_PRESETS]);
  });
});
