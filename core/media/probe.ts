import { stat } from 'node:fs/promises';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { packetTiming, parsePacketLines, type PacketTiming } from './packet-timing.js';
import {
  parseFfprobeOutput,
  positive,
  type FfprobeOutput,
  type ProbedStreams,
} from './parse-ffprobe-output.js';
import { runFfprobe, unreadable } from './run-ffprobe.js';

export interface MediaInfo {
  path: string;
  durationS: number;
  /** Where the duration came from: the container/stream headers or a scan of every packet. */
  durationSource: 'header' | 'packets' | 'frame-count';
  /** Display size, after the rotation metadata is applied. */
  width: number;
  height: number;
  /** The index of the video stream in the file (cover art is not it). */
  videoStreamIndex: number;
  /** Pixel aspect ratio of the coded frame (1 for square pixels); `width` already accounts for it. */
  sampleAspectRatio: number;
  codedWidth: number;
  codedHeight: number;
  /** Display-matrix rotation in degrees: 0, 90, 180 or 270 (ffmpeg applies it when decoding). */
  rotation: number;
  fps: number;
  variableFrameRate: boolean;
  /** The video has B-frames (decode order differs from display order). */
  hasBFrames: boolean;
  hasAudio: boolean;
  videoCodec: string;
  audioCodec: string | null;
  audioSampleRate: number | null;
  audioChannels: number | null;
  pixelFormat: string | null;
  formatName: string;
  /**
   * False for raw elementary streams (`.h264`): no index and no timestamps, so ffmpeg cannot seek
   * in them and a window has to be cut from the decoded frames instead.
   */
  seekable: boolean;
  startTimeS: number;
  bitRate: number | null;
  sizeBytes: number;
}

const PACKET_FIELDS = ['-of', 'csv=p=0', '-show_entries', 'packet=stream_index,pts_time,dts_time,duration_time'];
const VFR_SAMPLE_PACKETS = 300;
const RAW_FORMATS = new Set(['h264', 'hevc', 'mpegvideo', 'm4v', 'rawvideo', 'cavsvideo', 'vc1']);

/**
 * Probes a local media file. Missing path → FILE_NOT_FOUND; no video stream → NO_VIDEO_STREAM;
 * empty, truncated or not media at all → UNREADABLE_MEDIA. Every error names the file.
 */
export async function probeMedia(path: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  const sizeBytes = await fileSize(path);
  const output = await readHeaders(path, options.signal);
  const streams = parseFfprobeOutput(output);
  const video = streams.video;
  if (!video) {
    throw new KirinukiError('NO_VIDEO_STREAM', `${path} has no video stream (audio-only or data file).`);
  }
  const timing = await scanTiming(path, streams, options.signal);
  const durationS = streams.headerDurationS ?? timing.durationS ?? frameCountDuration(timing, streams);
  if (!durationS) throw unreadable(path, 'no frame with a timestamp could be read');
  if (streams.headerDurationS !== undefined) await assertNotTruncated(path, streams, options.signal);
  const codedWidth = video.width ?? 0;
  const codedHeight = video.height ?? 0;
  if (codedWidth <= 0 || codedHeight <= 0) throw unreadable(path, 'the video stream has no frame size');
  const quarterTurn = streams.rotation % 180 === 90;
  const sar = streams.sampleAspectRatio;
  // anamorphic video (non-square pixels) is shown wider or narrower than it is coded
  const shownWidth = sar === 1 ? codedWidth : Math.max(2, Math.round((codedWidth * sar) / 2) * 2);
  return {
    path,
    durationS,
    durationSource: streams.headerDurationS ? 'header' : timing.durationS ? 'packets' : 'frame-count',
    width: quarterTurn ? codedHeight : shownWidth,
    height: quarterTurn ? shownWidth : codedHeight,
    sampleAspectRatio: sar,
    videoStreamIndex: video.index ?? 0,
    codedWidth,
    codedHeight,
    rotation: streams.rotation,
    fps: streams.headerFps ?? timing.medianFps ?? 25,
    variableFrameRate: timing.variableFrameRate,
    hasBFrames: (video.has_b_frames ?? 0) > 0,
    hasAudio: streams.audio !== undefined,
    videoCodec: video.codec_name ?? 'unknown',
    audioCodec: streams.audio?.codec_name ?? null,
    audioSampleRate: positive(streams.audio?.sample_rate) ?? null,
    audioChannels: streams.audio?.channels ?? null,
    pixelFormat: video.pix_fmt ?? null,
    formatName: streams.formatName,
    seekable: timing.durationS !== undefined || streams.headerDurationS !== undefined
      ? !RAW_FORMATS.has(streams.formatName)
      : false,
    startTimeS: streams.startTimeS,
    bitRate: streams.bitRate ?? null,
    sizeBytes,
  };
}

async function fileSize(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KirinukiError('FILE_NOT_FOUND', `${path} does not exist.`, { cause: error });
    }
    throw new KirinukiError('UNREADABLE_MEDIA', `${path} cannot be read: ${(error as Error).message}`);
  }
  if (!info.isFile()) throw new KirinukiError('UNREADABLE_MEDIA', `${path} is not a file.`);
  if (info.size === 0) throw new KirinukiError('UNREADABLE_MEDIA', `${path} is empty (0 bytes).`);
  return info.size;
}

async function readHeaders(path: string, signal: AbortSignal | undefined): Promise<FfprobeOutput> {
  const { stdout } = await runFfprobe(['-of', 'json', '-show_format', '-show_streams'], path, signal);
  try {
    return JSON.parse(stdout) as FfprobeOutput;
  } catch {
    throw unreadable(path, 'ffprobe gave no readable description');
  }
}

/** Frame intervals (for VFR) from the first packets; every packet when the headers lack a duration. */
async function scanTiming(
  path: string,
  streams: ProbedStreams,
  signal: AbortSignal | undefined,
): Promise<PacketTiming> {
  throwIfAborted(signal);
  const videoIndex = streams.video?.index ?? 0;
  const whole = streams.headerDurationS === undefined;
  const args = whole
    ? PACKET_FIELDS
    : [...PACKET_FIELDS, '-select_streams', `${videoIndex}`, '-read_intervals', `%+#${VFR_SAMPLE_PACKETS}`];
  const { stdout } = await runFfprobe(args, path, signal);
  return packetTiming(parsePacketLines(stdout), videoIndex);
}

/** A raw elementary stream (`.h264`) has no timestamps at all: count its frames instead. */
function frameCountDuration(timing: PacketTiming, streams: ProbedStreams): number | undefined {
  if (timing.videoPackets === 0) return undefined;
  return timing.videoPackets / (streams.headerFps ?? 25);
}

/** A file cut short keeps its header (mp4 with moov first): the last second must still be readable. */
async function assertNotTruncated(
  path: string,
  streams: ProbedStreams,
  signal: AbortSignal | undefined,
): Promise<void> {
  const end = streams.startTimeS + (streams.headerDurationS ?? 0);
  const from = Math.max(streams.startTimeS, end - 1).toFixed(3);
  const args = [...PACKET_FIELDS, '-select_streams', `${streams.video?.index ?? 0}`, '-read_intervals', `${from}%+#2`];
  const { stdout } = await runFfprobe(args, path, signal);
  if (parsePacketLines(stdout).length === 0) {
    throw new KirinukiError(
      'UNREADABLE_MEDIA',
      `${path} is truncated: its header promises ${streams.headerDurationS?.toFixed(2)} s but the end of the video is missing.`,
    );
  }
}
