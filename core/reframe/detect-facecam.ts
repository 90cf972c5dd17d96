import type { FaceBox, FaceTrack, TrackSample } from '../faces/types.js';
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

/** A face-cam found in one shot: its layout, its rectangle in the analysed frames' pixels, the face in it. */
interface FoundFacecam {
  shot: FacecamShot;
  camPixels: PixelRect;
  face: FaceBox;
}

/** The share of a shot's analysed times a face stays inside a face-cam found in another shot, at least. */
const MIN_INSIDE_SHARE = 0.5;

function overlap(a: FaceBox, b: FaceBox): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (w * h) / Math.max(1, a.w * a.h + b.w * b.h - w * h);
}

/**
 * The face-cam of the whole span: a webcam overlay does not move across the game's cuts, so the
 * rectangle most shots agree on (then the longest shot's) stands for the shots too short or too
 * still to show it themselves.
 */
function clipFacecam(found: FoundFacecam[]): FoundFacecam | undefined {
  const agreeing = (f: FoundFacecam): number => found.filter((g) => overlap(f.shot.box, g.shot.box) > 0.8).length;
  const length = (f: FoundFacecam): number => f.shot.end - f.shot.start;
  return [...found].sort((a, b) => agreeing(b) - agreeing(a) || length(b) - length(a))[0];
}

/**
 * The face that stays inside `box` (source pixels) for most of a shot's analysed times with a face
 * (its centre inside, its box no bigger: a detector's box may overshoot a face-cam cut at the chin),
 * the most present one; `fallback` when no face is seen at all (nothing says the overlay went away:
 * the detector misses a small face over busy content); else undefined.
 */
function faceStayingInside(bySubject: Map<string, TrackSample[]>, box: FaceBox, fallback: string): string | undefined {
  const times = new Set<number>();
  for (const samples of bySubject.values()) for (const s of samples) times.add(Math.round(s.t * 1000));
  if (times.size === 0) return fallback;
  const within = (face: FaceBox): boolean => {
    const cx = face.x + face.w / 2;
    const cy = face.y + face.h / 2;
    return cx >= box.x && cx < box.x + box.w && cy >= box.y && cy < box.y + box.h && face.w * face.h <= box.w * box.h;
  };
  const inside = [...bySubject.entries()].map(([subject, samples]) => ({ subject, count: samples.filter((s) => within(s.box)).length }));
  const best = inside.sort((a, b) => b.count - a.count)[0];
  return best && best.count > 0 && best.count >= MIN_INSIDE_SHARE * times.size ? best.subject : undefined;
}

/**
 * A shot laid out with the span's face-cam: its rectangle as found elsewhere, the content below
 * where this shot's own picture moves most (the found shot's content when this one has too few frames).
 */
async function reuseFacecam(
  path: string,
  use: { shot: Shot; subject: string; reference: FoundFacecam; size: FrameSize },
  options: DetectFacecamsOptions,
): Promise<FacecamShot> {
  const { shot, subject, reference, size } = use;
  const stats = new PixelStatsAccumulator(size.width, size.height);
  await readStats(path, shot, stats, options);
  const frame = stats.count >= 2
    ? planFacecam({ cam: reference.shot.box, face: reference.face, stats: stats.result(), camPixels: reference.camPixels }, options.info, options.output)
    : reference.shot.frame;
  return { ...shot, subject, box: reference.shot.box, frame };
}

/** Adds the frames of the middle of a candidate's shot to its statistics: one small, quick decode. */
async function readStats(path: string, shot: Shot, stats: PixelStatsAccumulator, options: DetectFacecamsOptions): Promise<void> {
  const { info, signal } = options;
  const { from, to } = lookWindow(shot, info.durationS);
  if (!(to > from)) return;
  // statistics of small frames: a decode with shortcuts, of the reference frames only, is enough
  const reading = { fps: ANALYSIS_FPS, maxWidth: ANALYSIS_WIDTH, from, to, info, signal, fastDecode: true, referenceFramesOnly: true };
  for await (const frame of readFrames(path, reading)) {
    if (frame.width === stats.width && frame.height === stats.height) stats.add(lumaOf(frame));
  }
}

/**
 * The shots of a span that show a streamer's face-cam: a face staying in one small place for most
 * of the shot (from the tracks), inside a rectangle with a border or a picture of its own over
 * content that moves (from the pixels of a few seconds of each such shot). The face-cam found
 * stands for the span's other shots where the face stays inside it or no face is seen (a short or
 * still shot of the game after a cut). Shots without a candidate face cost nothing in a span without a face-cam.
 */
export async function detectFacecams(path: string, options: DetectFacecamsOptions): Promise<FacecamShot[]> {
  const { info } = options;
  const size = { width: Math.min(info.width, ANALYSIS_WIDTH), height: 0 };
  size.height = Math.max(2, Math.round((info.height * size.width) / info.width));
  const shots = mergeShortShots(options.shots);
  const candidates: Candidate[] = shots.flatMap((shot) => {
    const face = facecamCandidate(samplesInShot(options.tracks, shot), info);
    return face ? [{ shot, face, stats: new PixelStatsAccumulator(size.width, size.height) }] : [];
  });
  for (const candidate of candidates) await readStats(path, candidate.shot, candidate.stats, options);
  const scale = info.width / size.width;
  const found = candidates.flatMap((candidate): FoundFacecam[] => {
    if (candidate.stats.count < MIN_FRAMES) return [];
    const stats = candidate.stats.result();
    const result = findFacecamBox(stats, facePixels(candidate.face.region, scale, size));
    if (!result.found) return [];
    const box = sourceBox(result.box, scale, info);
    const frame = planFacecam({ cam: box, face: candidate.face.region, stats, camPixels: result.box }, info, options.output);
    return [{ shot: { ...candidate.shot, subject: candidate.face.subject, box, frame }, camPixels: result.box, face: candidate.face.region }];
  });
  const reference = clipFacecam(found);
  if (!reference) return [];
  const reused: FacecamShot[] = [];
  for (const shot of shots) {
    if (found.some((f) => f.shot.start === shot.start)) continue;
    const subject = faceStayingInside(samplesInShot(options.tracks, shot), reference.shot.box, reference.shot.subject);
    if (subject === undefined) continue;
    reused.push(await reuseFacecam(path, { shot, subject, reference, size }, options));
  }
  return [...found.map((f) => f.shot), ...reused].sort((a, b) => a.start - b.start);
}
