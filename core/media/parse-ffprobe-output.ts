/** The parts of `ffprobe -of json -show_format -show_streams` that Kirinuki reads. */
export interface FfprobeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  sample_aspect_ratio?: string;
  has_b_frames?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  start_time?: string;
  nb_frames?: string;
  sample_rate?: string;
  channels?: number;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: {
    format_name?: string;
    duration?: string;
    start_time?: string;
    bit_rate?: string;
    size?: string;
  };
}

/** What the stream headers say, before any packet scan. */
export interface ProbedStreams {
  video: FfprobeStream | undefined;
  audio: FfprobeStream | undefined;
  /** Degrees of the display matrix, normalised to 0, 90, 180 or 270. */
  rotation: number;
  /** The container's or else the longest stream's duration; undefined when neither has one. */
  headerDurationS: number | undefined;
  headerFps: number | undefined;
  /** Pixel aspect ratio (1 when square or unknown). */
  sampleAspectRatio: number;
  startTimeS: number;
  formatName: string;
  bitRate: number | undefined;
}

export function parseFfprobeOutput(output: FfprobeOutput): ProbedStreams {
  const streams = output.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  return {
    video,
    audio,
    rotation: video ? streamRotation(video) : 0,
    headerDurationS: headerDuration(output),
    headerFps: video ? streamFps(video) : undefined,
    sampleAspectRatio: pixelAspect(video?.sample_aspect_ratio),
    startTimeS: positive(output.format?.start_time) ?? 0,
    formatName: output.format?.format_name ?? 'unknown',
    bitRate: positive(output.format?.bit_rate),
  };
}

export function streamRotation(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number');
  const degrees = matrix?.rotation ?? Number(stream.tags?.rotate ?? 0);
  if (!Number.isFinite(degrees)) return 0;
  const quarter = Math.round(degrees / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}

/** avg_frame_rate is what the frames actually average; r_frame_rate is only the timebase guess. */
export function streamFps(stream: FfprobeStream): number | undefined {
  return ratio(stream.avg_frame_rate) ?? ratio(stream.r_frame_rate);
}

function headerDuration(output: FfprobeOutput): number | undefined {
  const container = positive(output.format?.duration);
  if (container !== undefined) return container;
  const streamDurations = (output.streams ?? [])
    .map((s) => positive(s.duration))
    .filter((d): d is number => d !== undefined);
  return streamDurations.length > 0 ? Math.max(...streamDurations) : undefined;
}

function pixelAspect(text: string | undefined): number {
  const [num, den] = (text ?? '').split(':').map(Number);
  if (!num || !den || !Number.isFinite(num / den)) return 1;
  const value = num / den;
  return Math.abs(value - 1) < 0.01 || value < 0.2 || value > 5 ? 1 : value;
}

export function ratio(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const [num, den] = text.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num) || num <= 0) return undefined;
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function positive(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
