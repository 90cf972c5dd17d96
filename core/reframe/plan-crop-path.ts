import type { FaceTrack, TrackSample } from '../faces/types.js';
import type { CropSample } from '../media/crop-path.js';
import { roundTo } from '../math/round-to.js';
import type { SpeakerTurn } from './choose-speaker.js';
import { chooseSubject } from './choose-subject.js';
import { cropSizeFor } from './crop-size.js';
import { personCropSize } from './person-crop-size.js';
import type { FacecamShot } from './detect-facecam.js';
import type { CameraLimits } from './follow-axis.js';
import { keptSteps, planAxis } from './plan-axis.js';
import { mergeDuplicateSubjects } from './merge-duplicate-subjects.js';
import { planSplit } from './plan-split.js';
import { followSplit, type FollowSplitContext } from './follow-split.js';
import { stackingLayout } from './people-on-screen.js';
import type { ReframeLayout } from './reframe-layouts.js';
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
  /** Default `auto`: a face-cam on top of the content where `facecams` has one, two far-apart people stacked. */
  layout?: ReframeLayout;
  /** The shots with a face-cam (detect-facecam.ts), for `auto` and `facecam`. */
  facecams?: FacecamShot[];
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

function sample(t: number, origin: number, x: number, y: number, crop: FrameSize): CropSample {
  return { t: roundTo(t - origin, 3), x: roundTo(x, 1), y: roundTo(y, 1), w: crop.width, h: crop.height };
}

function heldSamples(shot: Shot, origin: number, region: CropSample): CropSample[] {
  return [shot.start, shot.end].map((t) => ({ ...region, t: roundTo(t - origin, 3) }));
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
  const samples = keptSteps(times.length, every)
    .map((i) => sample(times[i]!, context.origin, xAxis.positions[i]!, yAxis.positions[i]!, crop));
  return { plan: { ...shot, mode, subjects: ids, reason }, samples };
}

/** A per-person shot: the follow crop, tightened for the shot when someone else would share it. */
function planPersonShot(
  shot: Shot,
  choice: { ids: string[]; reason: string },
  bySubject: ReturnType<typeof samplesInShot>,
  context: PlanContext,
): ShotPath {
  const [id] = choice.ids;
  const others = [...bySubject.entries()].filter(([other]) => other !== id).map(([, samples]) => samples);
  const sized = personCropSize(bySubject.get(id!) ?? [], others, context.crop, context.input.source);
  if (!sized.reason) return planFacesShot(shot, choice, bySubject, context);
  const crop = sized.crop;
  const tight = { ...context, crop, limits: { ...defaultLimits(crop.width), ...context.input.limits } };
  return planFacesShot(shot, { ids: choice.ids, reason: `${choice.reason}, ${sized.reason}` }, bySubject, tight);
}

/** A shot that follows whoever speaks: each turn framed as a shot of its own, hard cuts between them. */
function planSpeakersShot(
  shot: Shot,
  choice: { ids: string[]; turns: SpeakerTurn[]; reason: string },
  bySubject: ReturnType<typeof samplesInShot>,
  context: PlanContext,
): ShotPath {
  const turns = choice.turns.map((turn) => planFacesShot({ start: turn.start, end: turn.end }, { ids: [turn.id], reason: choice.reason }, bySubject, context));
  const plan = { ...shot, mode: 'follow' as const, subjects: choice.ids, reason: choice.reason, speakers: choice.turns };
  return { plan, samples: turns.flatMap((turn) => turn.samples) };
}

function splitContext(shot: Shot, context: PlanContext): FollowSplitContext {
  const { stepS, sampleEveryS, origin, input } = context;
  return {
    source: input.source, times: stepTimes(shot, stepS), stepS, origin,
    every: Math.max(1, Math.round(sampleEveryS / stepS)),
    limits: (width) => ({ ...defaultLimits(width), ...input.limits }),
  };
}

/** The face-cam of a shot, when the layout uses one and none is asked to follow a person. */
function facecamOf(shot: Shot, input: PlanCropPathInput): FacecamShot | undefined {
  if (input.person !== undefined || input.layout === 'single' || input.layout === 'split') return undefined;
  return input.facecams?.find((f) => Math.abs(f.start - shot.start) < 1e-6);
}

function planFacecamShot(shot: Shot, facecam: FacecamShot, origin: number, whole: CropSample): ShotPath {
  const { x, y, w, h } = facecam.box;
  return {
    plan: {
      ...shot,
      mode: 'facecam',
      subjects: [facecam.subject],
      reason: `a face-cam at ${x},${y} (${w}x${h}) on top, the content where it moves most below`,
      facecam: facecam.frame,
    },
    samples: heldSamples(shot, origin, whole),
  };
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
    const facecam = facecamOf(shot, input);
    if (facecam) return planFacecamShot(shot, facecam, context.origin, whole);
    const choice = chooseSubject(bySubject, {
      cropWidth: crop.width,
      person: input.person,
      layout: input.person === undefined ? stackingLayout(input.layout, bySubject) : 'single',
      speakerShot: input.person === undefined && input.layout === 'single' ? shot : undefined,
    });
    if (choice.kind === 'faces' && input.person !== undefined) return planPersonShot(shot, choice, bySubject, context);
    if (choice.kind === 'faces') return planFacesShot(shot, choice, bySubject, context);
    if (choice.kind === 'speakers') return planSpeakersShot(shot, choice, bySubject, context);
    const samples = heldSamples(shot, context.origin, whole);
    if (choice.kind === 'split') {
      const groups = choice.ids.map((id) => bySubject.get(id) ?? []) as [TrackSample[], TrackSample[]];
      const split = planSplit(groups, input.source, input.output);
      const splitPaths = followSplit(groups, split, splitContext(shot, context));
      return { plan: { ...shot, mode: 'split', subjects: choice.ids, reason: choice.reason, split, splitPaths }, samples };
    }
    return { plan: { ...shot, mode: 'blur', subjects: [], reason: choice.reason }, samples };
  });
  return { crop, ...joinShots(paths) };
}
