/** What one line of yt-dlp's output (run with `--newline`) says about the download. */
export type YtDlpEvent =
  | { kind: 'destination'; path: string }
  | { kind: 'percent'; fraction: number }
  /** ffmpeg's own progress when yt-dlp hands a section to it: seconds written so far. */
  | { kind: 'ffmpeg-time'; seconds: number }
  | { kind: 'error'; message: string };

const DESTINATION = /^\[download\] Destination: (.+)$/;
const MERGING = /^\[Merger\] Merging formats into "(.+)"$/;
const PERCENT = /^\[download\]\s+(\d+(?:\.\d+)?)% of/;
const FFMPEG_TIME = /\btime=\s*(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/;
const ERROR = /^ERROR: (.+)$/;

/** A pure parser of one output line (trimmed of `\r`); lines that say nothing give undefined. */
export function parseYtDlpLine(raw: string): YtDlpEvent | undefined {
  const line = raw.trim();
  const destination = DESTINATION.exec(line) ?? MERGING.exec(line);
  if (destination?.[1]) return { kind: 'destination', path: destination[1] };
  const percent = PERCENT.exec(line);
  if (percent?.[1]) return { kind: 'percent', fraction: Math.min(1, Number(percent[1]) / 100) };
  const error = ERROR.exec(line);
  if (error?.[1]) return { kind: 'error', message: error[1] };
  const time = FFMPEG_TIME.exec(line);
  if (time && line.includes('bitrate=')) {
    if (time[1] === '-') return { kind: 'ffmpeg-time', seconds: 0 };
    const seconds = Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4]);
    return { kind: 'ffmpeg-time', seconds };
  }
  return undefined;
}

/** Splits a chunk of output into lines on `\n` and `\r` (ffmpeg redraws its status with `\r`). */
export function splitOutputLines(buffered: string): { lines: string[]; rest: string } {
  const parts = buffered.split(/\r\n|\r|\n/);
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}
