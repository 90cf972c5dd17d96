import { join } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { readAhead } from '../media/read-ahead.js';
import { readFrames, type FrameStream, type VideoFrame } from '../media/read-frames.js';
import type { StageOptions } from '../progress.js';
import { scaleBox } from './box-geometry.js';
import { clusterIdentities, type Identity } from './cluster-identities.js';
import { FaceAnalysisRun, type BestCrop, type RunCounters } from './face-analysis-run.js';
import { normaliseFaceSettings, type FaceSettings, type NormalisedFaceSettings } from './face-options.js';
import { writeFaceThumbnail } from './face-thumbnail.js';
import { mergeSuggestions, type MergeSuggestion } from './merge-suggestions.js';
import { createFaceWorkerPool, type FaceWorkerPool } from './face-worker-pool.js';
import { splitChangedTracks } from './split-changed-tracks.js';
import type { TrackedFace } from './track-faces.js';

/** How much further than the match threshold two looks of one track must be to split it. */
const SPLIT_MARGIN = 0.15;
import type { FaceTrack } from './types.js';

export interface AnalyzeFacesOptions extends FaceSettings, StageOptions {
  /** Seconds in the source (default 0). */
  from?: number;
  /** Seconds in the source (default: the end). */
  to?: number;
  /** Where each identity's thumbnail goes (`<project>/faces/`); none are written without it. */
  thumbnailDir?: string;
  /** A probe of the same file, to skip probing it again. */
  info?: MediaInfo;
  /**
   * The frames of [from, to] decoded elsewhere (see faceFrameStream), e.g. beside the shot
   * detector's from one decode, instead of a decode of its own.
   */
  frames?: AsyncIterable<VideoFrame>;
}

export interface FacesIdentity extends Identity {
  /** The best face crop of this person (JPEG), or null when no thumbnail folder was given. */
  thumbnail: string | null;
}

/** The README's `faces --json` shape, plus the tracks (boxes in source pixels) for reframing. */
export interface FacesAnalysis {
  video: string;
  durationS: number;
  from: number;
  to: number;
  analyzedFrames: number;
  /** Source frame size, the pixels of every track box. */
  width: number;
  height: number;
  identities: FacesIdentity[];
  tracks: FaceTrack[];
  /** People who may be one person, for the user to merge (absent in files written before). */
  suggestions?: MergeSuggestion[];
  /** Shot cuts seen: the analysed frames' times just before and just after each (absent in files written before). */
  cuts?: Array<[number, number]>;
  stats: RunCounters & { wallS: number; tracks: number };
}

function analysedRange(path: string, info: MediaInfo, options: AnalyzeFacesOptions): { from: number; to: number } {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? info.durationS, info.durationS);
  if (!(from >= 0) || !(from < info.durationS)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--from ${from} is outside ${path} (0 to ${info.durationS.toFixed(2)} s).`);
  }
  if (!(to > from)) throw new KirinukiError('INVALID_ARGUMENT', `--to ${options.to} must be after --from ${from} for ${path}.`);
  return { from, to };
}

function sourceTracks(tracks: TrackedFace[], identities: Identity[], scale: number): FaceTrack[] {
  const owner = new Map(identities.flatMap((identity) => identity.trackIds.map((id) => [id, identity.id] as const)));
  return tracks.map((track) => ({
    id: track.id,
    identityId: owner.get(track.id),
    samples: track.samples.map((s) => ({ ...s, box: scaleBox(s.box, scale) })),
  }));
}

async function writeThumbnails(identities: Identity[], crops: Map<string, BestCrop>, dir: string | undefined): Promise<FacesIdentity[]> {
  const out: FacesIdentity[] = [];
  for (const identity of identities) {
    const best = identity.trackIds
      .map((id) => crops.get(id) ?? crops.get(id.split('.')[0]!))
      .filter((c): c is BestCrop => c !== undefined)
      .sort((a, b) => Number(b.clear) - Number(a.clear) || b.quality - a.quality)[0];
    let thumbnail: string | null = null;
    if (dir && best) {
      thumbnail = join(dir, `${identity.id}.jpg`);
      await writeFaceThumbnail(best.crop, thumbnail);
    }
    out.push({ ...identity, thumbnail });
  }
  return out;
}

/** A stretch of video to analyse: `[from, to]` of the file `path`, whose t = 0 is source time `offset`. */
export interface FacesPart {
  path: string;
  from: number;
  to: number;
  offset?: number;
  info?: MediaInfo;
  frames?: AsyncIterable<VideoFrame>;
}

const ANALYSIS_WIDTH = 640;

/**
 * Frames for the detectors: 640 px wide, decoded with every shortcut (no deblocking, only the
 * reference frames, one thread): a sample may show the picture a few source frames early,
 * which at 5 fps nobody sees, and the decode takes half the CPU it would (measured on panel.mp4:
 * 2.0 s to 1.05 s), CPU the workers need.
 */
const ANALYSIS_DECODE = { maxWidth: ANALYSIS_WIDTH, fastDecode: true, referenceFramesOnly: true, decodeThreads: 1 };

/** The frames the face stage looks at, for a decode shared with another pass. */
export function faceFrameStream(settings: FaceSettings = {}): FrameStream {
  return { fps: normaliseFaceSettings(settings).fps, maxWidth: ANALYSIS_WIDTH };
}

/**
 * Frames decoded ahead of the tracker (5 s at 5 fps, about 17 MB at 640x360), so ffmpeg works
 * while the tracker waits for a result. A decode shared with the shot detector stops for both
 * when this buffer is full: the first detector pass of a run (which touches the worker's fresh
 * memory) then held back the shot frames too.
 */
const READ_AHEAD = 25;

async function analyseParts(run: FaceAnalysisRun, parts: FacesPart[], fps: number, options: StageOptions): Promise<number> {
  const total = parts.reduce((sum, p) => sum + (p.to - p.from), 0);
  let done = 0;
  let frameWidth = 0;
  let index = 0;
  for (const part of parts) {
    const offset = part.offset ?? 0;
    let first = true;
    const frames = part.frames ?? readFrames(part.path, { ...ANALYSIS_DECODE, fps, from: part.from, to: part.to, signal: options.signal, info: part.info });
    for await (const frame of readAhead(frames, READ_AHEAD)) {
      frameWidth = frame.width;
      // parts are separate clips: nobody's track runs from one into the next
      await run.push({ ...frame, t: frame.t + offset, index: index++ }, first);
      first = false;
      options.onProgress?.({ stage: 'faces', fraction: (done + frame.t - part.from) / total, message: `${(frame.t + offset).toFixed(1)} s` });
    }
    done += part.to - part.from;
  }
  return frameWidth;
}

/**
 * Faces in several stretches of a video at once (the clips of one video): identities are
 * clustered across all of them, so a person seen in two clips is one identity.
 */
export async function analyzeFacesInParts(
  parts: FacesPart[],
  options: Omit<AnalyzeFacesOptions, 'from' | 'to'> & { durationS: number; width: number; height: number },
): Promise<FacesAnalysis> {
  const started = performance.now();
  const settings = normaliseFaceSettings(options);
  throwIfAborted(options.signal);
  const pool = startPool(settings, options.signal);
  try {
    return await analyseWithPool(pool, settings, parts, { ...options, started });
  } finally {
    await pool.close();
  }
}

function startPool(settings: NormalisedFaceSettings, signal: AbortSignal | undefined): FaceWorkerPool {
  return createFaceWorkerPool({ size: settings.workers, signal, describe: !settings.boxesOnly });
}

async function analyseWithPool(
  pool: FaceWorkerPool,
  settings: NormalisedFaceSettings,
  parts: FacesPart[],
  options: Omit<AnalyzeFacesOptions, 'from' | 'to'> & { durationS: number; width: number; height: number; started: number },
): Promise<FacesAnalysis> {
  const { started } = options;
  const run = new FaceAnalysisRun(pool, settings);
  options.onProgress?.({ stage: 'faces', fraction: 0 });
  const frameWidth = (await analyseParts(run, parts, settings.fps, options)) || options.width;
  const tracks = splitChangedTracks(await run.finish(), settings.matchThreshold + SPLIT_MARGIN);
  throwIfAborted(options.signal);
  const from = Math.min(...parts.map((p) => p.from + (p.offset ?? 0)));
  const to = Math.max(...parts.map((p) => p.to + (p.offset ?? 0)));
  const identities = clusterIdentities(tracks, {
    matchThreshold: settings.matchThreshold,
    bridgeGapS: settings.bridgeGapS,
    frameS: 1 / settings.fps,
    rangeStart: from,
    rangeEnd: to,
    cuts: run.cuts,
  });
  const withThumbnails = await writeThumbnails(identities, run.crops, options.thumbnailDir);
  options.onProgress?.({ stage: 'faces', fraction: 1 });
  return {
    video: parts[0]?.path ?? '',
    durationS: options.durationS,
    from,
    to,
    analyzedFrames: run.counters.frames,
    width: options.width,
    height: options.height,
    identities: withThumbnails,
    tracks: sourceTracks(tracks, identities, options.width / frameWidth),
    suggestions: mergeSuggestions(identities, 1 / settings.fps),
    cuts: run.cuts,
    stats: { ...run.counters, wallS: (performance.now() - started) / 1000, tracks: tracks.length },
  };
}

/**
 * Finds, follows and recognises the people on screen in a video (or a range of it): frames are
 * streamed from ffmpeg at analysis size, detected and described on worker threads, tracked and
 * clustered into identities here. A video without faces gives no identities, not an error.
 */
export async function analyzeFaces(path: string, options: AnalyzeFacesOptions = {}): Promise<FacesAnalysis> {
  const started = performance.now();
  throwIfAborted(options.signal);
  const settings = normaliseFaceSettings(options);
  // the workers load their models while the file is probed and ffmpeg starts
  const pool = startPool(settings, options.signal);
  try {
    const info = options.info ?? (await probeMedia(path, { signal: options.signal }));
    const { from, to } = analysedRange(path, info, options);
    const size = { durationS: info.durationS, width: info.width, height: info.height };
    return await analyseWithPool(pool, settings, [{ path, from, to, info, frames: options.frames }], { ...options, ...size, started });
  } finally {
    await pool.close();
  }
}
