import type { StageOptions } from '../progress.js';
import { runFfmpeg } from './run-ffmpeg.js';

/** A row of frames across a whole video in one JPEG: frame `i` shows the time `(i + 0.5) * durationS / count`. */
export interface ThumbnailStrip {
  count: number;
  frameWidth: number;
  frameHeight: number;
}

/** How many frames a strip of `durationS` has: one per 2 s for a short video, at most `max`. */
export function stripFrameCount(durationS: number, max = 60): number {
  return Math.max(1, Math.min(max, Math.ceil(durationS / 2)));
}

/** The ffmpeg job: `count` frames evenly over the video, scaled to `frameHeight`, tiled in one row. */
export function thumbnailStripJob(video: string, output: string, durationS: number, count: number, frameWidth: number, frameHeight: number) {
  const rate = count / Math.max(0.1, durationS);
  const filter = [
    `fps=${rate.toFixed(6)}:start_time=0:round=near`,
    `scale=${frameWidth}:${frameHeight}:force_original_aspect_ratio=increase`,
    `crop=${frameWidth}:${frameHeight}`,
    `tile=${count}x1`,
  ].join(',');
  return {
    inputs: [{ path: video }],
    outputOptions: ['-map', '0:v:0', '-an', '-sn', '-vf', filter, '-frames:v', '1', '-q:v', '5'],
    output,
    format: 'mjpeg',
    expectedDurationS: durationS,
  };
}

/** Makes the strip once through ffmpeg into `output` (a .jpg). */
export async function thumbnailStrip(
  video: string,
  durationS: number,
  output: string,
  options: StageOptions & { frameHeight?: number } = {},
): Promise<ThumbnailStrip> {
  const count = stripFrameCount(durationS);
  const frameHeight = options.frameHeight ?? 54;
  const frameWidth = Math.round((frameHeight * 16) / 9 / 2) * 2;
  await runFfmpeg(thumbnailStripJob(video, output, durationS, count, frameWidth, frameHeight), { ...options, stage: 'thumbnails' });
  return { count, frameWidth, frameHeight };
}
