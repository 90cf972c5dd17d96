import { KirinukiError } from '../errors.js';
import type { StageOptions } from '../progress.js';
import { encodeOptions } from './encode-options.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface StillsVideoRequest extends StageOptions {
  /** Images in the order they show, each for its own duration. */
  images: { path: string; durationS: number }[];
  output: string;
  width: number;
  height: number;
  fps?: number;
  /** A quiet 440 Hz tone instead of silence, so players show an audio track with sound. */
  tone?: boolean;
}

/**
 * Makes a video from still images (the demo's sample from photos): each image fitted into the
 * frame over black, shown for its duration, with an AAC track, encoded like every other output.
 */
export async function renderStillsVideo(request: StillsVideoRequest): Promise<void> {
  const fps = request.fps ?? 25;
  if (request.images.length === 0 || request.images.some((image) => !(image.durationS > 0))) {
    throw new KirinukiError('INVALID_ARGUMENT', `${request.output} needs at least one image, each with a positive duration.`);
  }
  const total = request.images.reduce((sum, image) => sum + image.durationS, 0);
  const size = { width: even(request.width), height: even(request.height) };
  // each image is decoded once and its frame repeated (`-loop 1` would decode it for every frame)
  const chains = request.images.map((image, i) => {
    const frames = Math.max(1, Math.round(image.durationS * fps));
    return `[${i}:v]${fitChain(size)},format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/${fps}/TB[v${i}]`;
  });
  const joined = request.images.map((_, i) => `[v${i}]`).join('');
  chains.push(`${joined}concat=n=${request.images.length}:v=1:a=0,setsar=1[vout]`);
  chains.push(`${audioSource(request.tone === true)},atrim=duration=${total.toFixed(6)}[aout]`);
  await runFfmpeg(
    {
      inputs: request.images.map((image) => ({ path: image.path })),
      outputOptions: ['-filter_complex', chains.join(';'), ...encodeOptions({ audio: '[aout]', ...size }), '-t', total.toFixed(6)],
      output: request.output,
      format: 'mp4',
      expectedDurationS: total,
    },
    { signal: request.signal, onProgress: request.onProgress, stage: 'sample' },
  );
}

export interface TestPatternRequest extends StageOptions {
  output: string;
  durationS: number;
  width: number;
  height: number;
  fps?: number;
}

/** A moving test pattern with a tone (ffmpeg's testsrc2 and sine), for samples and benchmarks. */
export async function renderTestPattern(request: TestPatternRequest): Promise<void> {
  const fps = request.fps ?? 25;
  const size = { width: even(request.width), height: even(request.height) };
  const duration = request.durationS.toFixed(6);
  await runFfmpeg(
    {
      inputs: [
        { path: `testsrc2=size=${size.width}x${size.height}:rate=${fps}:duration=${duration}`, lavfi: true },
        { path: `sine=frequency=440:sample_rate=48000:duration=${duration}`, lavfi: true },
      ],
      outputOptions: ['-filter_complex', '[0:v]format=yuv420p[vout]', ...encodeOptions({ audio: '1:a:0', ...size })],
      output: request.output,
      format: 'mp4',
      expectedDurationS: request.durationS,
    },
    { signal: request.signal, onProgress: request.onProgress, stage: 'sample' },
  );
}

function fitChain(size: { width: number; height: number }): string {
  return `scale=${size.width}:${size.height}:force_original_aspect_ratio=decrease,` +
    `pad=${size.width}:${size.height}:(ow-iw)/2:(oh-ih)/2:black,setsar=1`;
}

function audioSource(tone: boolean): string {
  return tone
    ? 'sine=frequency=440:sample_rate=48000,volume=0.05,aformat=channel_layouts=stereo'
    : 'anullsrc=channel_layout=stereo:sample_rate=48000';
}

function even(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}
