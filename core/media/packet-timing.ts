/** One line of `ffprobe -show_entries packet=stream_index,pts_time,dts_time,duration_time`. */
export interface PacketTime {
  stream: number;
  t: number | undefined;
  duration: number | undefined;
}

export interface PacketTiming {
  /** From the first packet's start to the last packet's end, over all streams. */
  durationS: number | undefined;
  /** Frame intervals of the video stream vary by more than 10 % (plus timebase rounding). */
  variableFrameRate: boolean;
  /** Frames per second from the median interval of the video stream. */
  medianFps: number | undefined;
  videoPackets: number;
}

/** Parses ffprobe's csv (`-of csv=p=0`) packet lines: stream_index,pts_time,dts_time,duration_time. */
export function parsePacketLines(csv: string): PacketTime[] {
  const packets: PacketTime[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const [stream, pts, dts, duration] = line.split(',');
    if (stream === undefined || stream === '') continue;
    packets.push({
      stream: Number(stream),
      t: finite(pts) ?? finite(dts),
      duration: finite(duration),
    });
  }
  return packets;
}

const VFR_SPREAD = 0.1;
/** WebM/Matroska stamp frames in whole milliseconds: 33/34 ms at 30 fps is rounding, not VFR. */
const TIMESTAMP_ROUNDING_S = 0.002;

export function packetTiming(packets: PacketTime[], videoStream: number): PacketTiming {
  const video = packets.filter((p) => p.stream === videoStream);
  const intervals = frameIntervals(video);
  const median = percentile(intervals, 0.5);
  const regular = median ? intervals.filter((gap) => !isDroppedFrames(gap, median)) : [];
  const spread =
    regular.length > 2 && median ? (Math.max(...regular) - Math.min(...regular)) / median : 0;
  const allowed = median ? VFR_SPREAD + TIMESTAMP_ROUNDING_S / median : 0;
  return {
    durationS: span(packets),
    variableFrameRate: spread > allowed,
    medianFps: median ? 1 / median : undefined,
    videoPackets: video.length,
  };
}

function frameIntervals(video: PacketTime[]): number[] {
  const times = video
    .map((p) => p.t)
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  const intervals: number[] = [];
  for (let i = 1; i < times.length; i += 1) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > 0) intervals.push(gap);
  }
  return intervals;
}

/** A gap of two or three whole frame intervals is a dropped frame in a constant-rate stream. */
function isDroppedFrames(gap: number, median: number): boolean {
  const frames = gap / median;
  return Math.round(frames) >= 2 && Math.abs(frames - Math.round(frames)) < 0.1;
}

function span(packets: PacketTime[]): number | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const p of packets) {
    if (p.t === undefined) continue;
    first = Math.min(first, p.t);
    last = Math.max(last, p.t + (p.duration ?? 0));
  }
  return last > first ? last - first : undefined;
}

function percentile(sorted: number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const values = [...sorted].sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(q * (values.length - 1) + 0.5))];
}

function finite(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text === 'N/A') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
