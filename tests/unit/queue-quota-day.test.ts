import { afterEach, describe, expect, it } from 'vitest';
import { QUOTA_DAY_ENV, quotaDay } from '../../core/queue/quota-day.js';

const at = (iso: string): ReturnType<typeof quotaDay> => quotaDay(Date.parse(iso));
const iso = (ms: number): string => new Date(ms).toISOString();

afterEach(() => {
  delete process.env[QUOTA_DAY_ENV];
});

describe('quotaDay', () => {
  it('names the Pacific date and resets at the next Pacific midnight', () => {
    expect(at('2026-12-07T08:54:00Z').label).toBe('2026-12-07');
    expect(iso(at('2026-12-07T08:54:00Z').resetsAt)).toBe('2026-12-08T08:00:00.000Z');
    // 07:59 UTC is still the evening before in California (UTC−8)
    expect(at('2026-12-07T07:59:00Z').label).toBe('2026-12-06');
    expect(iso(at('2026-12-07T07:59:00Z').resetsAt)).toBe('2026-12-07T08:00:00.000Z');
    // summer time: UTC−7
    expect(iso(at('2026-07-01T12:00:00Z').resetsAt)).toBe('2026-07-02T07:00:00.000Z');
  });

  it('follows the daylight-saving changes', () => {
    // 2026-03-08 springs forward: that day has 23 hours, the next midnight is at 07:00 UTC
    expect(at('2026-03-08T12:00:00Z').label).toBe('2026-03-08');
    expect(iso(at('2026-03-08T12:00:00Z').resetsAt)).toBe('2026-03-09T07:00:00.000Z');
    // 2026-11-01 falls back: 25 hours, the next midnight is at 08:00 UTC
    expect(iso(at('2026-11-01T09:30:00Z').resetsAt)).toBe('2026-11-02T08:00:00.000Z');
  });

  it('uses days of KIRINUKI_QUOTA_DAY_MS for tests', () => {
    process.env[QUOTA_DAY_ENV] = '4000';
    expect(quotaDay(10_500)).toEqual({ label: 't2', resetsAt: 12_000 });
    process.env[QUOTA_DAY_ENV] = 'soon';
    expect(() => quotaDay(0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
