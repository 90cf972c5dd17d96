import { boxIou } from './box-geometry.js';
import { nearestDistance } from './descriptor-distance.js';
import type { Detection } from './face-jobs.js';
import type { FaceBox, FaceTrack, TrackSample } from './types.js';

export interface TrackerOptions {
  /** Analysed frames a track survives without a detection (default 10). */
  maxMissed: number;
  /** Tracks with fewer detected frames are noise (default 3). */
  minTrack: number;
  /** Descriptor distance above which a detection is not the track's face (default 0.55). */
  matchThreshold: number;
  /** Box overlap needed to continue a track (default 0.2). */
  minIou: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = { maxMissed: 10, minTrack: 3, matchThreshold: 0.55, minIou: 0.2 };

export interface TrackedDetection extends Detection {
  descriptor?: number[];
}

export interface FrameDetections {
  t: number;
  detections: TrackedDetection[];
  /** A shot cut before this frame: no face continues across it. */
  cut?: boolean;
  /** Not looked at (detection runs on every other frame): tracks are interpolated over it, not missed. */
  skipped?: boolean;
}

export interface DescriptorSample {
  descriptor: number[];
  quality: number;
  t: number;
  /** 1 = looking at the camera (see frontalness); unknown for descriptors given with detections. */
  frontal?: number;
  /** False for a face cut by the frame's edge or turned away (see isClearLook): it may not found an identity. */
  clear?: boolean;
}

/** A finished track with the descriptors gathered for it (best first). */
export interface TrackedFace extends FaceTrack {
  descriptors: DescriptorSample[];
}

export interface Assignment {
  trackId: string;
  detectionIndex: number;
  started: boolean;
  /**
   * Taken up after missed frames, away from where the face was (no overlap with its last or
   * predicted box): maybe someone else's face that came in where it left; worth a look.
   */
  jumped?: boolean;
}

interface LiveTrack {
  id: string;
  samples: TrackSample[];
  descriptors: DescriptorSample[];
  /** Frames since the last detection (missed or skipped), to bridge them if it comes back. */
  missedTimes: Array<{ t: number; skipped: boolean }>;
  detected: number;
}

const realMisses = (track: LiveTrack): number => track.missedTimes.filter((m) => !m.skipped).length;

const MAX_DESCRIPTORS = 5;

function lastBox(track: LiveTrack): FaceBox {
  return track.samples[track.samples.length - 1]!.box;
}

/** Motion is carried forward at most this far past a track's last detection. */
const MAX_PREDICTION_S = 1;

/** A track's last two detected (not bridged) samples, newest first; searched from the end, as tracks grow long. */
function lastDetections(track: LiveTrack): [TrackSample | undefined, TrackSample | undefined] {
  const found: TrackSample[] = [];
  for (let i = track.samples.length - 1; i >= 0 && found.length < 2; i -= 1) {
    if (!track.samples[i]!.bridged) found.push(track.samples[i]!);
  }
  return [found[0], found[1]];
}

/**
 * Where a track's face should be at time `t`: its last detected box moved on at the speed
 * between its last two detections. A fast face leaves a box of where it was long ago behind.
 */
function predictedBox(track: LiveTrack, t: number): FaceBox {
  const [last, before] = lastDetections(track);
  if (!last) return lastBox(track);
  if (!before || last.t - before.t > MAX_PREDICTION_S || last.t <= before.t) return last.box;
  const ahead = Math.min(Math.max(0, t - last.t), MAX_PREDICTION_S);
  const f = ahead / (last.t - before.t);
  return { ...last.box, x: last.box.x + (last.box.x - before.box.x) * f, y: last.box.y + (last.box.y - before.box.y) * f };
}

/** How far (in face sizes a second) a face may travel between two detections and still be the same face. */
const MAX_FACE_SPEED = 4;
/** ...but never more than this many face sizes: further away is someone else. */
const MAX_JUMP = 2;

/**
 * Overlap of a detection with where the face was; a near, similar-sized box counts a little
 * (under 0.01, less the further it is). Near means within 0.75 face sizes, or as far as a face
 * moving at MAX_FACE_SPEED gets in `elapsedS` (a face crossing the frame can move past any
 * overlap between two detections), up to MAX_JUMP sizes.
 */
function overlapScore(previous: FaceBox, box: FaceBox, minIou: number, elapsedS = 0): number | undefined {
  const iou = boxIou(previous, box);
  if (iou >= minIou) return iou;
  const dx = previous.x + previous.w / 2 - (box.x + box.w / 2);
  const dy = previous.y + previous.h / 2 - (box.y + box.h / 2);
  const size = Math.max(previous.w, previous.h);
  const ratio = box.h / Math.max(1e-6, previous.h);
  const reach = size * Math.min(MAX_JUMP, Math.max(0.75, MAX_FACE_SPEED * elapsedS));
  const distance = Math.hypot(dx, dy);
  if (distance > reach || ratio < 0.6 || ratio > 1.6) return undefined;
  return 0.01 * (1 - distance / (reach + 1e-6));
}

/** Where a track's face can be at time `t`: its last box (seen `elapsedS` ago) and where its motion carries it. */
interface ExpectedFace {
  last: FaceBox;
  elapsedS: number;
  predicted: FaceBox;
}

function expectedFace(track: LiveTrack, t: number): ExpectedFace {
  const [last] = lastDetections(track);
  return { last: lastBox(track), elapsedS: last ? t - last.t : 0, predicted: predictedBox(track, t) };
}

/**
 * How well a detection continues a track; undefined when it cannot be the same face. It is
 * compared with the face's last box and with where its motion carries it (a face crossing the
 * frame moves more than its width between two detections), the better of the two counting.
 */
function matchScore(track: LiveTrack, expected: ExpectedFace, detection: TrackedDetection, options: TrackerOptions): number | undefined {
  const scores = [
    overlapScore(expected.last, detection.box, options.minIou, expected.elapsedS),
    overlapScore(expected.predicted, detection.box, options.minIou),
  ].filter((score): score is number => score !== undefined);
  if (scores.length === 0) return undefined;
  const score = Math.max(...scores);
  if (detection.descriptor && track.descriptors.length > 0) {
    const best = track.descriptors.slice(0, MAX_DESCRIPTORS).map((d) => d.descriptor);
    const distance = nearestDistance(best, [detection.descriptor]);
    if (distance > options.matchThreshold) return undefined;
  }
  return score;
}

function interpolate(a: FaceBox, b: FaceBox, f: number): FaceBox {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, w: a.w + (b.w - a.w) * f, h: a.h + (b.h - a.h) * f };
}

function bridgeMissed(track: LiveTrack, t: number, box: FaceBox): void {
  const from = track.samples[track.samples.length - 1]!;
  for (const missed of track.missedTimes) {
    const f = (missed.t - from.t) / Math.max(1e-9, t - from.t);
    track.samples.push({ t: missed.t, box: interpolate(from.box, box, f), score: 0, bridged: true });
  }
  track.missedTimes = [];
}

/**
 * Frame-to-frame face tracking: detections continue tracks by box overlap (gated by descriptor
 * distance where both have one), a track survives `maxMissed` frames without a detection and
 * the missed frames are bridged when it returns; shot cuts end every track.
 */
export class FaceTracker {
  private readonly options: TrackerOptions;
  private live: LiveTrack[] = [];
  private readonly ended: LiveTrack[] = [];
  private nextId = 1;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
  }

  /** Boxes of the tracks still alive (their last detected box), to search near in the next frame. */
  activeTracks(): Array<{ id: string; box: FaceBox; descriptors: number; missed: number; detected: number }> {
    return this.live.map((t) => ({
      id: t.id,
      box: lastBox(t),
      descriptors: t.descriptors.length,
      missed: realMisses(t),
      detected: t.detected,
    }));
  }

  /** Where the live tracks' faces should be at time `t` (see predictedBox), to search there. */
  predictedBoxes(t: number): FaceBox[] {
    return this.live.map((track) => predictedBox(track, t));
  }

  update(frame: FrameDetections): Assignment[] {
    if (frame.cut) this.endAll();
    if (frame.skipped) {
      for (const track of this.live) track.missedTimes.push({ t: frame.t, skipped: true });
      return [];
    }
    const pairs: Array<{ track: LiveTrack; index: number; score: number }> = [];
    for (const track of this.live) {
      const expected = expectedFace(track, frame.t);
      frame.detections.forEach((detection, index) => {
        const score = matchScore(track, expected, detection, this.options);
        if (score !== undefined) pairs.push({ track, index, score });
      });
    }
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<LiveTrack>();
    const assignments: Assignment[] = [];
    for (const pair of pairs) {
      if (usedTracks.has(pair.track) || assignments.some((a) => a.detectionIndex === pair.index)) continue;
      usedTracks.add(pair.track);
      const jumped = pair.score < this.options.minIou && realMisses(pair.track) > 0;
      this.extend(pair.track, frame.t, frame.detections[pair.index]!);
      assignments.push({ trackId: pair.track.id, detectionIndex: pair.index, started: false, ...(jumped ? { jumped } : {}) });
    }
    for (const track of this.live) if (!usedTracks.has(track)) track.missedTimes.push({ t: frame.t, skipped: false });
    this.retire();
    frame.detections.forEach((detection, index) => {
      if (assignments.some((a) => a.detectionIndex === index)) return;
      const track: LiveTrack = { id: `t${this.nextId++}`, samples: [], descriptors: [], missedTimes: [], detected: 0 };
      this.live.push(track);
      this.extend(track, frame.t, detection);
      assignments.push({ trackId: track.id, detectionIndex: index, started: true });
    });
    return assignments;
  }

  /** Adds a descriptor computed later for a track (alive or ended), kept best first. */
  addDescriptor(trackId: string, sample: DescriptorSample): void {
    const track = this.live.find((t) => t.id === trackId) ?? this.ended.find((t) => t.id === trackId);
    if (!track) return;
    track.descriptors.push(sample);
    track.descriptors.sort((a, b) => b.quality - a.quality);
  }

  /** Ends every track and returns those long enough to count, in order of their start. */
  finish(): TrackedFace[] {
    this.endAll();
    return this.ended
      .filter((t) => t.detected >= this.options.minTrack)
      .sort((a, b) => a.samples[0]!.t - b.samples[0]!.t)
      .map((t) => ({ id: t.id, samples: t.samples, descriptors: t.descriptors }));
  }

  private extend(track: LiveTrack, t: number, detection: TrackedDetection): void {
    if (track.samples.length > 0) bridgeMissed(track, t, detection.box);
    track.samples.push({ t, box: detection.box, score: detection.score, ...(detection.mouth === undefined ? {} : { mouth: detection.mouth }) });
    track.detected += 1;
    if (detection.descriptor) this.addDescriptor(track.id, { descriptor: detection.descriptor, quality: detection.score, t });
  }

  private retire(): void {
    const keep: LiveTrack[] = [];
    for (const track of this.live) {
      if (realMisses(track) > this.options.maxMissed) this.ended.push(track);
      else keep.push(track);
    }
    this.live = keep;
  }

  /** Ends the live tracks; frames skipped right after a track's last detection still show it. */
  private endAll(): void {
    for (const track of this.live) {
      if (realMisses(track) > 0) continue;
      const last = track.samples[track.samples.length - 1]!;
      for (const skipped of track.missedTimes) track.samples.push({ t: skipped.t, box: last.box, score: 0, bridged: true });
      track.missedTimes = [];
    }
    this.ended.push(...this.live);
    this.live = [];
  }
}

/** Tracks faces through a whole sequence of per-frame detections (see FaceTracker). */
export function trackFaces(frames: FrameDetections[], options: Partial<TrackerOptions> = {}): TrackedFace[] {
  const tracker = new FaceTracker(options);
  for (const frame of frames) tracker.update(frame);
  return tracker.finish();
}
