import { afterEach, describe, expect, it } from 'vitest';
import { localInputToIso, localInputValue } from '../../renderer/src/local-time.js';

const savedZone = process.env.TZ;
/** Node reads TZ again when it changes, so each case runs on another clock. */
const inZone = (zone: string) => {
  process.env.TZ = zone;
};

describe('a datetime-local value as the instant the user meant', () => {
  afterEach(() => {
    if (savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedZone;
  });

  it('adds the offset of the user\'s zone at that date, summer or winter', () => {
    inZone('Asia/Tokyo');
    expect(localInputToIso('2026-12-24T18:00')).toBe('2026-12-24T18:00:00+09:00');
    inZone('Asia/Kolkata');
    expect(localInputToIso('2026-12-24T18:00')).toBe('2026-12-24T18:00:00+05:30');
    inZone('America/New_York');
    expect(localInputToIso('2026-12-24T18:00')).toBe('2026-12-24T18:00:00-05:00');
    expect(localInputToIso('2026-07-01T09:30:15')).toBe('2026-07-01T09:30:15-04:00');
    expect(Date.parse(localInputToIso('2026-12-24T18:00')!)).toBe(Date.parse('2026-12-24T23:00:00Z'));
  });

  it('moves a wall time skipped by daylight saving to the time that exists', () => {
    inZone('America/New_York');
    expect(localInputToIso('2026-03-08T02:30')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('gives null for what names no time', () => {
    inZone('Asia/Tokyo');
    for (const value of ['', 'tomorrow', '2026-02-30T10:00', '2026-12-24', '2026-12-24T25:00', '2026-12-24T18:00Z']) expect(localInputToIso(value), value).toBeNull();
  });

  it('shows an instant as a datetime-local value on the user\'s clock', () => {
    inZone('Asia/Tokyo');
    expect(localInputValue(new Date('2026-12-24T09:00:00Z'))).toBe('2026-12-24T18:00');
    expect(localInputToIso(localInputValue(new Date('2026-12-24T09:00:00Z')))).toBe('2026-12-24T18:00:00+09:00');
  });
});
