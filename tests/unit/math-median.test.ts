import { describe, expect, it } from 'vitest';
import { median, upperMedian } from '../../core/math/median.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('has an upper variant that is always one of the values', () => {
    expect(upperMedian([4, 1, 3, 2])).toBe(3);
    expect(upperMedian([5])).toBe(5);
    expect(upperMedian([])).toBe(0);
  });
});
