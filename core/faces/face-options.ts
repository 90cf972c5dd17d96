import { availableParallelism } from 'node:os';
import { KirinukiError } from '../errors.js';
import type { DetectorPass } from './face-jobs.js';
import type { TrackerOptions } from './track-faces.js';

/** The knobs of the face stage, as the CLI and the app pass them (all optional). */
export interface FaceSettings {
  /** Analysed frames per second (default 8). */
  fps?: number;
  /** SSD MobileNet for every full-frame pass instead of the Tiny Face Detector. */
  accurate?: boolean;
  /** Tiny Face Detector input size, a multiple of 32 (default 320). */
  inputSize?: number;
  /** Detector confidence needed for a face (default 0.5). */
  minScore?: number;
  matchThreshold?: number;
  maxMissed?: number;
  minTrack?: number;
  /** Detection runs on every Nth analysed frame (and on every shot's first frame); tracks are interpolated in between (default 2). */
  detectEvery?: number;
  /** Analysed frames between full-frame detector passes; tracked faces are searched for in between (default 12). */
  fullEvery?: number;
  /** Analysed frames between SSD passes that find small faces present from a shot's start (default 300; 0 turns them off). */
  discoveryEvery?: number;
  /** Analysed frames between looks for newcomers where the picture changed (magnified tiles; default 10, 0 turns them off). */
  scanEvery?: number;
  /** A finer look at each shot's first frame, for faces down to ~32 px at analysis size (default true). */
  fineCuts?: boolean;
  /** Worker threads (default: one core fewer than the machine has, at least 1, at most 4). */
  workers?: number;
  /**
   * Boxes only: no descriptors, so no identities or thumbnails (default false). For callers that
   * follow faces without recognising anyone, e.g. the reframe camera without `--person`.
   */
  boxesOnly?: boolean;
}

export interface NormalisedFaceSettings extends TrackerOptions {
  fps: number;
  fullPass: DetectorPass;
  /** A finer look at shot starts: faces down to ~32 px at analysis size (none with `fineCuts: false` or SSD passes). */
  cutPass?: DetectorPass;
  regionPass: DetectorPass;
  /** Run on changed tiles (magnified about 2x): newcomers down to ~20 px at analysis size. */
  tilePass: DetectorPass;
  /** Side of a changed tile in analysis pixels. */
  tilePx: number;
  maxTiles: number;
  scanEvery: number;
  discoveryPass: DetectorPass;
  detectEvery: number;
  fullEvery: number;
  discoveryEvery: number;
  workers: number;
  /** Faces smaller than this (analysis pixels) are too small to recognise. */
  minDescribePx: number;
  /** Analysed frames between fresh descriptors of a track, until it has `descriptorsPerTrack`. */
  describeEvery: number;
  descriptorsPerTrack: number;
  bridgeGapS: number;
  /** Set (true) only when asked for, so the fingerprint of the usual settings stays what it was. */
  boxesOnly?: true;
}

/**
 * One core is left to ffmpeg's decoder and the tracker. On this project's 2-core machines a
 * second worker bought no time on panel.mp4 (2.70 s with one, 2.72 s with two) and cost 0.7 s
 * more CPU: it contends with the decoder, and each worker loads the models itself.
 */
function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function checked(name: string, value: number | undefined, fallback: number, valid: (v: number) => boolean): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || !valid(value)) {
    throw new KirinukiError('INVALID_ARGUMENT', `The face setting ${name} is out of range: ${value}.`);
  }
  return value;
}

/** Fills in the defaults and rejects out-of-range settings, naming the setting. */
export function normaliseFaceSettings(settings: FaceSettings = {}): NormalisedFaceSettings {
  const inputSize = checked('inputSize', settings.inputSize, 320, (v) => v >= 96 && v <= 1024 && v % 32 === 0);
  const minScore = checked('minScore', settings.minScore, 0.5, (v) => v > 0 && v < 1);
  const ssd: DetectorPass = { detector: 'ssd', inputSize: 512, minScore };
  const tiny: DetectorPass = { detector: 'tiny', inputSize, minScore };
  return {
    fps: checked('fps', settings.fps, 5, (v) => v > 0 && v <= 30),
    fullPass: settings.accurate ? ssd : tiny,
    // SSD sees small faces itself: with --accurate a cut needs no second look
    ...(settings.fineCuts === false || settings.accurate ? {} : { cutPass: { ...tiny, inputSize: Math.max(inputSize, 608) } }),
    regionPass: { detector: 'tiny', inputSize: 128, minScore: Math.max(0.3, minScore - 0.15) },
    discoveryPass: { ...ssd, minScore: Math.max(minScore, 0.5) },
    tilePass: { detector: 'tiny', inputSize: 320, minScore: Math.max(minScore, 0.5) },
    tilePx: 160,
    maxTiles: 3,
    scanEvery: Math.round(checked('scanEvery', settings.scanEvery, 10, (v) => v >= 0)),
    detectEvery: Math.round(checked('detectEvery', settings.detectEvery, 2, (v) => v >= 1 && v <= 5)),
    fullEvery: Math.round(checked('fullEvery', settings.fullEvery, 12, (v) => v >= 1)),
    discoveryEvery: Math.round(checked('discoveryEvery', settings.discoveryEvery, 300, (v) => v >= 0)),
    workers: Math.round(checked('workers', settings.workers, defaultWorkers(), (v) => v >= 1 && v <= 16)),
    matchThreshold: checked('matchThreshold', settings.matchThreshold, 0.55, (v) => v > 0 && v < 2),
    maxMissed: Math.round(checked('maxMissed', settings.maxMissed, 10, (v) => v >= 0)),
    minTrack: Math.round(checked('minTrack', settings.minTrack, 3, (v) => v >= 1)),
    minIou: 0.2,
    minDescribePx: 20,
    describeEvery: 15,
    descriptorsPerTrack: 1,
    bridgeGapS: 1,
    ...(settings.boxesOnly === true ? { boxesOnly: true as const } : {}),
  };
}
