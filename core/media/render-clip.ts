import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KirinukiError } from '../errors.js';
import type { StageOptions } from '../progress.js';
import { buildClipFilter } from './build-clip-filter.js';
import type { ClipLayout, ClipOverlay } from './clip-layout.js';
import { encodeOptions, silenceFilter } from './encode-options.js';
import { probeMedia, type MediaInfo } from './probe.js';
import { runFfmpeg, type FfmpegInput } from './run-ffmpeg.js';

export interface RenderClipRequest extends StageOptions {
  input: string;
  /** Seconds in the source; the clip begins on the frame shown at `start`. */
  start: number;
  end: number;
  output: string;
  /** Output size; rounded down to even numbers. */
  width: number;
  height: number;
  crop: ClipLayout;
  overlays?: ClipOverlay[];
  /** e.g. `6M`; default: constant quality capped at a rate that suits the size. */
  videoBitrate?: string;
  /** A probe of `input`, to skip probing it again. */
  info?: MediaInfo;
}

export interface RenderedClip {
  path: string;
  start: number;
  end: number;
  width: number;
  height: number;
  durationS: number;
}

/** Filter graphs longer than this go through a script file (long crop paths, Windows' 32 kB limit). */
const INLINE_FILTER_LIMIT = 8_000;

/**
 * Encodes one clip in one ffmpeg pass: H.264 High, yuv420p, AAC 48 kHz stereo (silence when the
 * source has no audio, so every clip and the reel have the same streams), `+faststart`.
 */
export async function renderClip(request: RenderClipRequest): Promise<RenderedClip> {
  const info = request.info ?? (await probeMedia(request.input, { signal: request.signal }));
  const window = clipWindow(request, info);
  const width = evenSize(request.width, 'width', request.output);
  const height = evenSize(request.height, 'height', request.output);
  const overlays = request.overlays ?? [];
  const trim = info.seekable ? undefined : window;
  const input = { stream: info.videoStreamIndex, trim, anamorphic: info.sampleAspectRatio !== 1 };
  const video = buildClipFilter({ source: info, width, height, layout: request.crop, overlays, input });
  const graph = [video, ...audioChains(info, trim)].join(';');
  const scratch = graph.length > INLINE_FILTER_LIMIT ? await mkdtemp(join(tmpdir(), 'kirinuki-filter-')) : undefined;
  try {
    const filterArgs = scratch ? await filterScript(scratch, graph) : ['-filter_complex', graph];
    await runFfmpeg(
      {
        inputs: [
          { path: request.input, options: trim ? [] : ['-ss', window.start.toFixed(6)] },
          ...overlays.map(overlayInput),
        ],
        outputOptions: [
          ...filterArgs,
          ...encodeOptions({ audio: audioMap(info, trim), width, height, videoBitrate: request.videoBitrate }),
          '-t', (window.end - window.start).toFixed(6),
        ],
        output: request.output,
        format: 'mp4',
        expectedDurationS: window.end - window.start,
      },
      { signal: request.signal, onProgress: request.onProgress, stage: 'encode' },
    );
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  const rendered = await probeMedia(request.output, { signal: request.signal });
  return { path: request.output, ...window, width: rendered.width, height: rendered.height, durationS: rendered.durationS };
}

/** An image is read as it is; a sequence through the concat demuxer (its list names files beside it). */
function overlayInput(overlay: ClipOverlay): FfmpegInput {
  if ('imagePath' in overlay) return { path: overlay.imagePath };
  return { path: overlay.concatList, options: ['-f', 'concat', '-safe', '0'] };
}

function audioChains(info: MediaInfo, trim: { start: number; end: number } | undefined): string[] {
  if (!info.hasAudio) return [silenceFilter()];
  if (!trim) return [];
  return [`[0:a]atrim=start=${trim.start.toFixed(6)}:end=${trim.end.toFixed(6)},asetpts=PTS-STARTPTS[aout]`];
}

function audioMap(info: MediaInfo, trim: { start: number; end: number } | undefined): string {
  if (!info.hasAudio) return 'silence';
  return trim ? '[aout]' : '0:a:0';
}

function clipWindow(request: RenderClipRequest, info: MediaInfo): { start: number; end: number } {
  const end = Math.min(request.end, info.durationS);
  if (!(request.start >= 0) || !(end > request.start)) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `The clip window ${request.start}–${request.end} s is not inside ${request.input} (${info.durationS.toFixed(2)} s).`,
    );
  }
  return { start: request.start, end };
}

function evenSize(value: number, field: string, output: string): number {
  const size = Math.floor(value / 2) * 2;
  if (!(size >= 2) || size > 8192) {
    throw new KirinukiError('INVALID_ARGUMENT', `The ${field} of ${output} must be between 2 and 8192 pixels (got ${value}).`);
  }
  return size;
}

async function filterScript(dir: string, graph: string): Promise<string[]> {
  const path = join(dir, 'filter.txt');
  await writeFile(path, graph);
  return ['-filter_complex_script', path];
}
