/** `01:02:03.450`, `02:03.450` (VTT without hours), `01:02:03,450` (SRT); a short fraction is tenths/hundredths. */
const TIMECODE = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{1,3})$/;

/** Seconds, computed from whole milliseconds so `00:00:00.800` is exactly json3's 800 / 1000. */
export function parseTimecode(text: string): number | undefined {
  const match = TIMECODE.exec(text.trim());
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0', fraction = '0'] = match;
  const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(fraction.padEnd(3, '0'));
  return ms / 1000;
}

/**
 * A cue's timing line, `start --> end` followed by VTT settings (`align:start position:0%`) or SRT
 * coordinates, which are ignored. Undefined when either time does not parse. An end before the
 * start is read as the start: the cue is kept (its text may still carry a reaction), shown for no time.
 */
export function parseTimingLine(line: string): { start: number; end: number } | undefined {
  const parts = line.split('-->');
  if (parts.length !== 2) return undefined;
  const start = parseTimecode(parts[0] ?? '');
  const end = parseTimecode((parts[1] ?? '').trim().split(/\s+/)[0] ?? '');
  if (start === undefined || end === undefined) return undefined;
  return { start, end: Math.max(start, end) };
}

/** Whether a line is meant as a timing line (well formed or not): only those contain `-->`. */
export const isTimingLine = (line: string): boolean => line.includes('-->');
