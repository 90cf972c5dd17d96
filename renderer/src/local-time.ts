const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A time as a `datetime-local` value on the user's clock: `2026-12-24T18:00`. */
export function localInputValue(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value (the user's wall clock, no zone) as an ISO time with the offset of that
 * moment (`2026-12-24T18:00:00+09:00`), so the core and YouTube get the instant the user meant;
 * null when the value names no time. A wall time skipped by a daylight-saving change moves forward.
 */
export function localInputToIso(value: string): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, 0);
  if (Number.isNaN(date.getTime()) || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localInputValue(date)}:${pad(date.getSeconds())}${zone}`;
}

/** An ISO time on the user's clock, to the minute: `Dec 24, 2026, 6:00 PM` in an English locale. */
export function formatLocalTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
