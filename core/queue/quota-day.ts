import { KirinukiError } from '../errors.js';

/** The Data API's daily quota resets at midnight Pacific time. */
const QUOTA_TIME_ZONE = 'America/Los_Angeles';
/** Tests only: a "day" of this many milliseconds (from the epoch) instead of the Pacific day. */
export const QUOTA_DAY_ENV = 'KIRINUKI_QUOTA_DAY_MS';

export interface QuotaDay {
  /** Names the day: `2026-12-07` (Pacific), or `t<n>` for a test day. */
  label: string;
  /** When the next day starts (epoch ms). */
  resetsAt: number;
}

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: QUOTA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Pacific wall clock at `t`, as if it were UTC (epoch ms), and its date. */
function pacific(t: number): { wall: number; date: string } {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { wall: wall + (t % 1000), date };
}

function testDayMs(): number | undefined {
  const raw = process.env[QUOTA_DAY_ENV]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) {
    throw new KirinukiError('INVALID_ARGUMENT', `${QUOTA_DAY_ENV} must be a whole number of milliseconds ≥ 1, got "${raw}".`);
  }
  return ms;
}

/** The quota day `now` is in, and when the next one starts (midnight Pacific, daylight saving included). */
export function quotaDay(now = Date.now()): QuotaDay {
  const testDay = testDayMs();
  if (testDay !== undefined) {
    const index = Math.floor(now / testDay);
    return { label: `t${index}`, resetsAt: (index + 1) * testDay };
  }
  const today = pacific(now);
  const [year, month, day] = today.date.split('-').map(Number) as [number, number, number];
  const nextMidnightWall = Date.UTC(year, month - 1, day + 1);
  // the wall clock's next midnight at today's offset, corrected when daylight saving changes it
  let resetsAt = nextMidnightWall - (today.wall - now);
  resetsAt += nextMidnightWall - pacific(resetsAt).wall;
  return { label: today.date, resetsAt };
}
