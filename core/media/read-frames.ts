import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { ffmpegPath } from './binaries.js';
import { ffmpegInputUrl } from './ffmpeg-input-url.js';
import { FrameDecode } from './frame-decode.js';
import { probeMedia, type MediaInfo } from './probe.js';

export interface ReadFramesOptions {
  /** Frames per second to sample (default 5). */
  fps?: number;
  /** Frames wider than this are scaled down, keeping the aspect ratio (default 640). */
  maxWidth?: number;
  /**
   * Scale with two taps per pixel (swscale's fast bilinear) instead of a filter over every source
   * pixel: a big downscale aliases, which thumbnails compared with one another (shot cuts) do not
   * mind, for about a third less of the whole decode's time at 128 px.
   */
  fastScaling?: boolean;
  /** Seconds in the source (default 0). */
  from?: number;
  /** Seconds in the source (default: the end). */
  to?: number;
  signal?: AbortSignal;
  /** A probe of the same file, to skip probing it again. */
  info?: MediaInfo;
  /**
   * Decode with shortcuts (no deblocking, non-exact speedups): about a third less decode time for
   * pixels that are slightly off, fine for tiny frames compared with one another (shot cuts).
   */
  fastDecode?: boolean;
  /**
   * Decode only the frames other frames are predicted from (codecs that can skip the rest, such
   * as H.264): a sampled frame may then show the picture up to a few source frames before its
   * time. For sparse samples (faces at 5 fps) it saves a third or more of the decode.
   */
  referenceFramesOnly?: boolean;
  /** ffmpeg's decoder threads (default: its own choice). One spends the least CPU in all while other threads keep the cores busy. */
  decodeThreads?: number;
}

export interface VideoFrame {
  /** Seconds in the source. */
  t: number;
  index: number;
  width: number;
  height: number;
  /** Packed rgb24, `width * height * 3` bytes, rotation already applied. */
  data: Buffer;
}

/**
 * Streams decoded frames at a fixed rate through a pipe: ffmpeg blocks while the consumer is
 * busy, so memory stays flat however long the video. Breaking out of the loop stops ffmpeg.
 */
export async function* readFrames(path: string, options: ReadFramesOptions = {}): AsyncGenerator<VideoFrame> {
  const [frames] = await readFrameStreams(path, [{ fps: options.fps, maxWidth: options.maxWidth, fastScaling: options.fastScaling }], options);
  yield* frames!;
}

/** The rate and size of one of the frame streams of a shared decode. */
export type FrameStream = Pick<ReadFramesOptions, 'fps' | 'maxWidth' | 'fastScaling'>;

async function* streamFrames(decode: FrameDecode, pipe: Readable, plan: FramePlan): AsyncGenerator<VideoFrame> {
  let completed = false;
  try {
    yield* assembleFrames(pipe, plan);
    await decode.finished();
    completed = true;
  } catch (error) {
    throw decode.failure(error);
  } finally {
    decode.release(completed);
  }
}

/**
 * Several frame streams of the same stretch of video from one decode (one ffmpeg, one pipe per
 * stream), e.g. small frames at the full rate for shot cuts and bigger ones at 5 fps for faces.
 * Every stream must be read to its end (or left, which stops them all): ffmpeg waits on the
 * fullest pipe.
 */
export async function readFrameStreams(
  path: string,
  streams: FrameStream[],
  options: Omit<ReadFramesOptions, keyof FrameStream> = {},
): Promise<Array<AsyncGenerator<VideoFrame>>> {
  const { signal } = options;
  throwIfAborted(signal);
  const info = options.info ?? (await probeMedia(path, { signal }));
  const plans = streams.map((stream) => planFrames(info, { ...options, ...stream }));
  const child = spawn(ffmpegPath(), frameArgs(path, plans), {
    stdio: ['ignore', 'pipe', 'pipe', ...plans.slice(1).map(() => 'pipe' as const)],
    windowsHide: true,
  });
  const decode = new FrameDecode(child, path, signal, plans.length);
  const pipes = plans.map((_, i) => (i === 0 ? child.stdout! : (child.stdio[i + 2] as Readable)));
  return plans.map((plan, i) => streamFrames(decode, pipes[i]!, plan));
}

interface FramePlan {
  stream: number;
  seekable: boolean;
  fps: number;
  from: number;
  duration: number | undefined;
  width: number;
  height: number;
  fastScaling: boolean;
  fastDecode: boolean;
  referenceFramesOnly: boolean;
  decodeThreads: number | undefined;
}

function planFrames(info: MediaInfo, options: ReadFramesOptions): FramePlan {
  const fps = options.fps ?? 5;
  const maxWidth = options.maxWidth ?? 640;
  const from = options.from ?? 0;
  const to = options.to;
  if (!(fps > 0) || !(maxWidth >= 2) || !(from >= 0) || (to !== undefined && !(to > from))) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `readFrames of ${info.path}: fps and maxWidth must be positive and 0 <= from < to (got fps ${fps}, maxWidth ${maxWidth}, from ${from}, to ${to}).`,
    );
  }
  const scale = Math.min(1, maxWidth / info.width);
  return {
    stream: info.videoStreamIndex,
    seekable: info.seekable,
    fps,
    from,
    duration: to === undefined ? undefined : to - from,
    width: Math.max(2, Math.round(info.width * scale)),
    height: Math.max(2, Math.round(info.height * scale)),
    fastScaling: options.fastScaling === true,
    fastDecode: options.fastDecode === true,
    referenceFramesOnly: options.referenceFramesOnly === true,
    decodeThreads: options.decodeThreads,
  };
}

/** The filter of one stream: from the decoded picture to frames at its rate and size. */
function streamFilter(plan: FramePlan, seekable: boolean): string {
  // a raw stream cannot seek: drop the decoded frames before `from` instead
  const trim = seekable ? '' : `trim=start=${plan.from.toFixed(6)},setpts=PTS-STARTPTS,`;
  // Output frame k is at k/fps after the seek point; round=up makes it the source frame on screen
  // at that instant (the default, round=near, picks one up to half an output interval later).
  return `${trim}fps=fps=${plan.fps}:start_time=0:round=up,scale=${plan.width}:${plan.height}:flags=${plan.fastScaling ? 'fast_bilinear' : 'bilinear'}`;
}

/** ffmpeg's arguments: one input (decoded as the first plan asks) and one raw output per plan, on pipe:1, pipe:3, … */
function frameArgs(path: string, plans: FramePlan[]): string[] {
  const first = plans[0]!;
  const seekable = first.seekable || first.from === 0;
  const seek = seekable && first.from > 0 ? ['-ss', first.from.toFixed(6)] : [];
  const decode = [
    ...(first.fastDecode ? ['-skip_loop_filter', 'all', '-flags2', 'fast'] : []),
    ...(first.referenceFramesOnly ? ['-skip_frame', 'noref'] : []),
    ...(first.decodeThreads ? ['-threads', String(first.decodeThreads)] : []),
  ];
  const input = ['-hide_banner', '-nostdin', '-v', 'error', ...decode, ...seek, '-i', ffmpegInputUrl(path)];
  const raw = (plan: FramePlan, pipe: number): string[] => [
    ...(plan.duration === undefined ? [] : ['-t', plan.duration.toFixed(6)]),
    '-an', '-sn', '-dn', '-pix_fmt', 'rgb24', '-f', 'rawvideo', `pipe:${pipe}`,
  ];
  if (plans.length === 1) return [...input, '-map', `0:${first.stream}`, '-vf', streamFilter(first, seekable), ...raw(first, 1)];
  const labels = plans.map((_, i) => `[in${i}]`).join('');
  const graph = [
    `[0:${first.stream}]split=${plans.length}${labels}`,
    ...plans.map((plan, i) => `[in${i}]${streamFilter(plan, seekable)}[out${i}]`),
  ].join(';');
  return [...input, '-filter_complex', graph, ...plans.flatMap((plan, i) => ['-map', `[out${i}]`, ...raw(plan, i === 0 ? 1 : i + 2)])];
}

async function* assembleFrames(stdout: AsyncIterable<Buffer>, plan: FramePlan): AsyncGenerator<VideoFrame> {
  const frameBytes = plan.width * plan.height * 3;
  let frame = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  let index = 0;
  for await (const chunk of stdout) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        yield { t: plan.from + index / plan.fps, index, width: plan.width, height: plan.height, data: frame };
        index += 1;
        frame = Buffer.allocUnsafe(frameBytes);
        filled = 0;
      }
    }
  }
}
