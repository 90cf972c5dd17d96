import { extname } from 'node:path';
import type { StageOptions } from '../progress.js';
import { keyframeBefore, type Keyframe } from './keyframe-before.js';
import { probeMedia, type MediaInfo } from './probe.js';
import { renderClip } from './render-clip.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface CutRequest extends StageOptions {
  input: string;
  /** Seconds in the source. */
  start: number;
  end: number;
  output: string;
  /**
   * Stream copy from the keyframe at or before `start` (no re-encode, so the clip may begin up to
   * a GOP early; `start` in the result says where). Default: frame-accurate re-encode, which is
   * also what a source that cannot be copied into the output's container gets (`fast: false`).
   */
  fast?: boolean;
  info?: MediaInfo;
}

export interface CutResult {
  path: string;
  /** Where the clip really begins in the source: `start`, or the keyframe before it when fast. */
  start: number;
  end: number;
  durationS: number;
  width: number;
  height: number;
  fast: boolean;
}

/**
 * Cuts `start`–`end` out of a video at its own size. By default frame-accurate: ffmpeg decodes
 * from the keyframe before `start` and encodes from the requested frame on.
 */
export async function cutClip(request: CutRequest): Promise<CutResult> {
  const info = request.info ?? (await probeMedia(request.input, { signal: request.signal }));
  if (!request.fast || !canStreamCopy(info, request.output)) {
    const clip = await renderClip({ ...request, info, width: info.width, height: info.height, crop: { mode: 'scale' } });
    return { ...clip, fast: false };
  }
  const keyframe = await keyframeBefore(request.input, request.start, request.signal);
  const start = keyframe.pts;
  const seek = copySeekTarget(keyframe, info);
  const end = Math.min(request.end, info.durationS);
  await runFfmpeg(
    {
      inputs: [{ path: request.input, options: ['-ss', seek.toFixed(6)] }],
      outputOptions: [
        '-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy',
        '-t', (end - seek).toFixed(6),
        '-avoid_negative_ts', 'make_zero', '-map_metadata', '-1',
        ...(containerFor(request.output) === 'mp4' ? ['-movflags', '+faststart'] : []),
      ],
      output: request.output,
      format: containerFor(request.output),
      expectedDurationS: end - start,
    },
    { signal: request.signal, onProgress: request.onProgress, stage: 'cut' },
  );
  const cut = await probeMedia(request.output, { signal: request.signal });
  return { path: request.output, start, end, durationS: cut.durationS, width: cut.width, height: cut.height, fast: true };
}

/**
 * ffmpeg lands a stream-copy seek on the last keyframe at or before the target, after moving the
 * target back 3/23 s when the video has B-frames (its "dts heuristic", ffmpeg_opt.c). Aim just
 * past that so it lands on `keyframe` itself; the frames before the target are still copied.
 */
function copySeekTarget(keyframe: Keyframe, info: MediaInfo): number {
  const heuristic = info.hasBFrames ? 3 / 23 : 0;
  return keyframe.pts + heuristic + 0.01;
}

const MP4_VIDEO = new Set(['h264', 'hevc', 'mpeg4', 'av1']);
const MP4_AUDIO = new Set(['aac', 'mp3', 'ac3', 'eac3', 'alac']);
const WEBM_VIDEO = new Set(['vp8', 'vp9', 'av1']);
const WEBM_AUDIO = new Set(['opus', 'vorbis']);

/**
 * A stream copy needs a seekable source and codecs the output container takes (no VP8 or Opus in
 * mp4 with this ffmpeg); otherwise `fast` falls back to the accurate re-encode, and says so.
 */
function canStreamCopy(info: MediaInfo, output: string): boolean {
  if (!info.seekable) return false;
  const container = containerFor(output);
  const audioOk = (set: Set<string>): boolean => info.audioCodec === null || set.has(info.audioCodec);
  if (container === 'webm') return WEBM_VIDEO.has(info.videoCodec) && audioOk(WEBM_AUDIO);
  if (container === 'matroska') return true;
  return MP4_VIDEO.has(info.videoCodec) && audioOk(MP4_AUDIO);
}

/** A stream copy keeps the source codecs: VP8/VP9/Opus belong in Matroska/WebM, the rest in mp4. */
function containerFor(output: string): string {
  const extension = extname(output).toLowerCase();
  if (extension === '.mkv') return 'matroska';
  if (extension === '.webm') return 'webm';
  if (extension === '.mov') return 'mov';
  return 'mp4';
}
