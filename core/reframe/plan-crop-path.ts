import type { FaceTrack } from '../faces/types.js';
import type { CropSample } from '../media/crop-path.js';
import { chooseSubject } from './choose-subject.js';
import { cropSizeFor } from './crop-size.js';
import type { CameraLimits } from './follow-axis.js';
import { planAxis } from './plan-axis.js';
import { mergeDuplicateSubjects } from './merge-duplicate-subjects.js';
import { planSplit } from './plan-split.js';
import { boxAt, samplesInShot, subjectSeries } from './subject-series.js';
import type { FrameSize, Shot, ShotPlan } from './types.js';

export interface PlanCropPathInput {
  source: FrameSize;
  output: FrameSize;
  /** Shots covering the span to plan, in source seconds, in order. */
  shots: Shot[];
  tracks: FaceTrack[];
  /** Keep this identity (or track) in frame, as per-person exports do. */
  person?: string;
  layout?: 'single' | 'split';
  /** Source time of the output's first frame: samples are written as `t - origin` (default 0). */
  origin?: number;
  limits?: Partial<CameraLimits>;
  /** Simulation step of the camera, seconds (default 1/25). */
  stepS?: number;
  /** Spacing of the written samples while the camera moves, seconds (default: every step). */
  sampleEveryS?: number;
}

export interface CropPlan {
  /** Size of the crop in source pixels. */
  crop: FrameSize;
  /** Piecewise-linear crop path; a hard cut is two samples at the same time. */
  cropPath: CropSample[];
  shots: ShotPlan[];
}

/** Shots shorter than this (a flash, a cut just inside the span) join the shot before them. */
const MIN_SHOT_S = 0.3;

export function defaultLimits(cropWidth: number): CameraLimits {
  return {
    maxSpeed: 2 * cropWidth,
    maxAcceleration: 4 * cropWidth,
    responseS: 0.3,
    smoothingS: 0.3,
    holdRange: 0.08 * cropWidth,
    minHoldS: 1,
    lookAheadS: 0.25,
    maxLead: 0.1 * cropWidth,
  };
}

function stepTimes(shot: Shot, stepS: number): number[] {
  const count = Math.max(2, Math.ceil((shot.end - shot.start) / stepS) + 1);
  return Array.from({ length: count }, (_, i) => Math.min(shot.end, shot.start + i * stepS));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function sample(t: number, origin: number, x: number, y: number, crop: FrameSize): CropSample {
  return { t: round(t - origin, 3), x: round(x, 1), y: round(y, 1), w: crop.width, h: crop.height };
}

function heldSamples(shot: Shot, origin: number, region: CropSample): CropSample[] {
  return [shot.start, shot.end].map((t) => ({ ...region, t: round(t - origin, 3) }));
}

interface ShotPath {
  plan: Omit<ShotPlan, 'samples'>;
  samples: CropSample[];
}

function joinShots(paths: ShotPath[]): Pick<CropPlan, 'cropPath' | 'shots'> {
  const cropPath: CropSample[] = [];
  const shots = paths.map((path): ShotPlan => {
    const first = cropPath.length;
    cropPath.push(...path.samples);
    return { ...path.plan, samples: [first, cropPath.length - 1] };
  });
  return { cropPath, shots };
}

interface PlanContext {
  input: PlanCropPathInput;
  origin: number;
  stepS: number;
  sampleEveryS: number;
  crop: FrameSize;
  limits: CameraLimits;
}

function planFacesShot(
  shot: Shot,
  choice: { ids: string[]; reason: string },
  bySubject: ReturnType<typeof samplesInShot>,
  context: PlanContext,
): ShotPath {
  const { input, crop, limits, stepS } = context;
  const { ids, reason } = choice;
  const series = subjectSeries(ids.map((id) => bySubject.get(id) ?? []));
  const times = stepTimes(shot, stepS);
  const boxes = times.map((t) => boxAt(series, t));
  const xAxis = planAxis(
    { start: boxes.map((b) => b.x), end: boxes.map((b) => b.x + b.w) },
    crop.width, input.source.width, stepS, limits,
  );
  const yAxis = planAxis(
    { start: boxes.map((b) => b.y), end: boxes.map((b) => b.y + b.h) },
    crop.height, input.source.height, stepS, { ...limits, maxLead: 0 },
  );
  const mode = xAxis.mode === 'follow' || yAxis.mode === 'follow' ? 'follow' : 'still';
  const every = mode === 'still' ? times.length : Math.max(1, Math.round(context.sampleEveryS / stepS));
  const samples = times
    .map((t, i) => ({ t, i }))
    .filter(({ i }) => i % every === 0 || i === times.length - 1)
    .map(({ t, i }) => sample(t, context.origin, xAxis.positions[i]!, yAxis.positions[i]!, crop));
  return { plan: { ...shot, mode, subjects: ids, reason }, samples };
}

export function mergeShortShots(shots: Shot[]): Shot[] {
  const merged: Shot[] = [];
  for (const shot of shots) {
    const last = merged[merged.length - 1];
    if (last && (shot.end - shot.start < MIN_SHOT_S || last.end - last.start < MIN_SHOT_S)) last.end = shot.end;
    else merged.push({ ...shot });
  }
  return merged;
}

/**
 * Plans the virtual camera for a span of video: per shot, whom to show and whether to hold still,
 * follow, stack two people or fall back to the blurred fit. Pure: same input, same path.
 */
export function planCropPath(input: PlanCropPathInput): CropPlan {
  const crop = cropSizeFor(input.source, input.output);
  const context: PlanContext = {
    input,
    origin: input.origin ?? 0,
    stepS: input.stepS ?? 1 / 25,
    sampleEveryS: input.sampleEveryS ?? 1 / 25,
    crop,
    limits: { ...defaultLimits(crop.width), ...input.limits },
  };
  const whole: CropSample = { t: 0, x: 0, y: 0, w: input.source.width, h: input.source.height };
  const paths = mergeShortShots(input.shots).map((shot): ShotPath => {
    const seen = samplesInShot(input.tracks, shot);
    // a chosen person stays apart even when their box touches someone else's
    const bySubject = input.person === undefined ? mergeDuplicateSubjects(seen) : seen;
    const choice = chooseSubject(bySubject, {
      cropWidth: crop.width,
      person: input.person,
      layout: input.layout,
    });
    if (choice.kind === 'faces') return planFacesShot(shot, choice, bySubject, context);
    const samples = heldSamples(shot, context.origin, whole);
    if (choice.kind === 'split') {
      const groups = choice.ids.map((id) => bySubject.get(id) ?? []);
      const split = planSplit(groups, input.source, input.output);
      return { plan: { ...shot, mode: 'split', subjects: choice.ids, reason: choice.reason, split }, samples };
    }
    return { plan: { ...shot, mode: 'blur', subjects: [], reason: choice.reason }, samples };
  });
  return { crop, ...joinShots(paths) };
}
