/** Keeps ffmpeg's last stderr lines that say what went wrong, not its banner and status lines. */
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 12) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  /** The relevant lines, oldest first, joined with ' | ' for a one-line error. */
  text(): string {
    if (this.partial) this.add(this.partial);
    this.partial = '';
    return this.lines.join(' | ');
  }

  private add(raw: string): void {
    const line = raw.trim();
    if (!line || isNoise(line)) return;
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  }
}

const NOISE = [
  /^frame=\s*\d+/,
  /^size=\s*\S+ time=/,
  /^(ffmpeg|ffprobe) version /,
  /^built with /,
  /^configuration: /,
  /^lib\w+\s+\d+\./,
  /^(out_time|out_time_ms|out_time_us|total_size|bitrate|speed|progress|fps|stream_\d+_\d+_q|dup_frames|drop_frames)=/,
];

function isNoise(line: string): boolean {
  return NOISE.some((pattern) => pattern.test(line));
}
