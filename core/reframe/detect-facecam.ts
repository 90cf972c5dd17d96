import type { FaceBox, FaceTrack } from '../faces/types.js';
import type { MediaInfo } from '../media/probe.js';
import { readFrames } from '../media/read-frames.js';
import { facecamCandidate, type FacecamCandidate } from './facecam-candidate.js';
import { lumaOf, PixelStatsAccumulator } from './facecam-stats.js';
import { findFacecamBox, type PixelRect } from './find-facecam-box.js';
import { mergeShortShots } from './plan-crop-path.js';
import { planFacecam } from './plan-facecam.js';
import { samplesInShot } from './subject-series.js';
import type { FacecamFrame, FrameSize, Shot } from './types.js';

/** A shot with a face-cam: whose face it shows and how the portrait frame lays it out. */
export interface FacecamShot extends Shot {
  subject: string;
  /** The face-cam's rectangle in the source, source pixels. */
  box: FaceBox;
  frame: FacecamFrame;
}

export interface DetectFacecamsOptions {
  /** The shots of the span (merged as the camera merges them), source seconds. */
  shots: Shot[];
  tracks: FaceTrack[];
  info: MediaInfo;
  output: FrameSize;
  signal?: AbortSignal;
}

/** The frames the rectangle is found on: small, a few a second. */
const ANALYSIS_FPS = 4;
const ANALYSIS_WIDTH = 640;
/** Fewer frames than this in a shot say too little about what moves. */
const MIN_FRAMES = 4;
/** Seconds of a shot looked at (its middle): a face-cam and the content's movement show in a few seconds. */
const LOOK_S = 8;

interface Candidate {
  shot: Shot;
  face: FacecamCandidate;
  stats: PixelStatsAccumulator;
}

function facePixels(region: FaceBox, scale: number, size: { width: number; height: number }): PixelRect {
  return {
    left: Math.max(0, Math.floor(region.x / scale)),
    top: Math.max(0, Math.floor(region.y / scale)),
    right: Math.min(size.width, Math.ceil((region.x + region.w) / scale)),
    bottom: Math.min(size.height, Math.ceil((region.y + region.h) / scale)),
  };
}

/** The rectangle in source pixels, its even edges rounded inwards (no sliver of what is around it). */
function sourceBox(box: PixelRect, scale: number, source: FrameSize): FaceBox {
  const evenUp = (v: number): number => Math.ceil(v / 2) * 2;
  const evenDown = (v: number): number => Math.floor(v / 2) * 2;
  const x = evenUp(Math.max(0, box.left * scale));
  const y = evenUp(Math.max(0, box.top * scale));
  return { x, y, w: evenDown(Math.min(source.width, box.right * scale) - x), h: evenDown(Math.min(source.height, box.bottom * scale) - y) };
}

/** The stretch of a shot its statistics are taken from: its middle, at most LOOK_S long. */
function lookWindow(shot: Shot, durationS: number): { from: number; to: number } {
  const end = Math.min(durationS, shot.end);
  const middle = (shot.start + end) / 2;
  return { from: Math.max(shot.start, middle - LOOK_S / 2), to: Math.min(end, middle + LOOK_S / 2) };
}

/** Adds the frames of the middle of a candidate's shot to its statistics: one small, quick decode. */
async function readStats(path: string, candidate: Candidate, options: DetectFacecamsOptions): Promise<void> {
  const { info, signal } = options;
  const { from, to } = lookWindow(candidate.shot, info.durationS);
  if (!(to > from)) return;
  // statistics of small frames: a decode with shortcuts, of the reference frames only, is enough
  const reading = { fps: ANALYSIS_FPS, maxWidth: ANALYSIS_WIDTH, from, to, info, signal, fastDecode: true, referenceFramesOnly: true };
  for await (const frame of readFrames(path, reading)) {
    if (frame.width === candidate.stats.width && frame.height === candidate.stats.height) candidate.stats.add(lumaOf(frame));
  }
}

/**
 * The shots of a span that show a streamer's face-cam: a face staying in one small place for most
 * of the shot (from the tracks), inside a rectangle with a border or a picture of its own over
 * content that moves (from the pixels of a few seconds of each such shot). Shots without a
 * candidate face cost nothing.
 */
export async function detectFacecams(path: string, options: DetectFacecamsOptions): Promise<FacecamShot[]> {
  const { info } = options;
  const size = { width: Math.min(info.width, ANALYSIS_WIDTH), height: 0 };
  size.height = Math.max(2, Math.round((info.height * size.width) / info.width));
  const candidates: Candidate[] = mergeShortShots(options.shots).flatMap((shot) => {
    const face = facecamCandidate(samplesInShot(options.tracks, shot), info);
    return face ? [{ shot, face, stats: new PixelStatsAccumulator(size.width, size.height) }] : [];
  });
  for (const candidate of candidates) await readStats(path, candidate, options);
  const scale = info.width / size.width;
  return candidates.flatMap((candidate): FacecamShot[] => {
    if (candidate.stats.count < MIN_FRAMES) return [];
    const stats = candidate.stats.result();
    const found = findFacecamBox(stats, facePixels(candidate.face.region, scale, size));
    if (!found.found) return [];
    const box = sourceBox(found.box, scale, info);
    const frame = planFacecam({ cam: box, face: candidate.face.region, stats, camPixels: found.box }, info, options.output);
    return [{ ...candidate.shot, subject: candidate.face.subject, box, frame }];
  });
}
