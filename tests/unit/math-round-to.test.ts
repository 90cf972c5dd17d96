import { describe, expect, it } from 'vitest';
import { roundTo } from '../../core/math/round-to.js';

describe('roundTo', () => {
  it('rounds to the given decimals, halves away from zero as Math.round does', () => {
    expect(roundTo(1.23456, 3)).toBe(1.235);
    expect(roundTo(12.25, 1)).toBe(12.3);
    expect(roundTo(-0.04, 1)).toBe(-0);
    expect(roundTo(7, 0)).toBe(7);
  });
});
