/**
 * The output time in seconds that one line of ffmpeg's progress output reports, or undefined when
 * the line carries none. Reads both `-progress` key=value lines (`out_time=00:00:01.500000`,
 * `out_time_us=1500000`, and `out_time_ms=`, which despite its name is also in microseconds) and
 * the stderr status line (`frame=  42 fps=0.0 ... time=00:00:01.50 bitrate=...`).
 */
export function parseFfmpegProgressTime(line: string): number | undefined {
  const keyValue = /^\s*(out_time|out_time_us|out_time_ms)=(\S+)\s*$/.exec(line);
  if (keyValue) {
    const [, key, value] = keyValue;
    return key === 'out_time' ? parseClock(value!) : parseMicroseconds(value!);
  }
  const status = /(?:^|\s)time=\s*(-?[\d:.]+)/.exec(line);
  return status ? parseClock(status[1]!) : undefined;
}

/** The fraction of `expectedDurationS` that the line reports done, clamped to 0..1. */
export function parseFfmpegProgress(line: string, expectedDurationS: number): number | undefined {
  const time = parseFfmpegProgressTime(line);
  if (time === undefined || !(expectedDurationS > 0)) return undefined;
  return Math.min(1, Math.max(0, time / expectedDurationS));
}

/** True for the `progress=end` line ffmpeg writes when it is done. */
export function isFfmpegProgressEnd(line: string): boolean {
  return /^\s*progress=end\s*$/.test(line);
}

function parseClock(text: string): number | undefined {
  const negative = text.startsWith('-');
  const parts = text.replace(/^-/, '').split(':');
  if (parts.length > 3 || parts.some((p) => p === '' || !/^\d+(\.\d+)?$/.test(p))) return undefined;
  const seconds = parts.reduce((sum, part) => sum * 60 + Number(part), 0);
  return negative ? 0 : seconds;
}

function parseMicroseconds(text: string): number | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  return Math.max(0, Number(text) / 1e6);
}
