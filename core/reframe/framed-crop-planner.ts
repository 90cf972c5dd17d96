import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import type { FaceTrack } from '../faces/types.js';
import type { ClipLayout } from '../media/clip-layout.js';
import { fileIdentity, fingerprint } from '../project/fingerprint.js';
import type { CropPlanner, CropRequest } from './crop-planner.js';
import { cropSizeFor } from './crop-size.js';
import { framingOf, type FramingFile, type MomentWindow } from './framing.js';
import type { FramingOverride } from './framing-modes.js';
import type { ReframeLayout } from './reframe-layouts.js';

export interface FramedCropPlannerOptions {
  /** The export's `crop` option: what a moment without an override gets. */
  crop: 'follow' | 'center' | 'blur';
  /** The user's per-moment overrides (`<project>/framing.json`). */
  framing: FramingFile;
  /**
   * The moments the clips are made of (rank and window): an override applies to the moment with its
   * rank only while that is still the moment it was made for (framingOf).
   */
  moments: readonly MomentWindow[];
  /** The face-following camera (core/reframe/follow-crop-planner.ts) with a layout. */
  follow: (layout: ReframeLayout) => CropPlanner;
  /** The export's `--layout` (default `auto`): what a moment without an override gets. */
  layout?: ReframeLayout;
  /**
   * Where planned follow/split layouts are kept (`<project>/framing-plans/`): the preview plans a
   * moment once and the export of the same window and size renders exactly that plan.
   */
  cacheDir?: string;
  /** What the follow camera's face tracks are (tracksKey()): a plan made from other tracks is made again. */
  tracksKey?: string;
}

/** Bumped when the camera changes, so cached plans are made again. */
const PLAN_VERSION = 2;

/**
 * A short summary of face tracks for the plan cache's key: who each track is and where it runs,
 * so a plan made before "Find people" or before a merge is not reused (cheap on hours of tracks).
 */
export function tracksKey(tracks: readonly FaceTrack[] | undefined): string {
  if (!tracks) return 'none';
  return fingerprint(tracks.map((track) => {
    const first = track.samples[0];
    const last = track.samples[track.samples.length - 1];
    return [track.identityId ?? track.id, track.samples.length, first?.t, last?.t, first?.box?.x, last?.box?.x];
  }));
}

/** The crop a user dragged: the largest crop of the output's aspect, its left edge at `x` (0–1) of its travel. */
export function fixedLayout(x: number, request: Pick<CropRequest, 'source' | 'width' | 'height'>): ClipLayout {
  const size = cropSizeFor(request.source, { width: request.width, height: request.height });
  const left = Math.round(Math.min(1, Math.max(0, x)) * (request.source.width - size.width));
  const top = Math.round((request.source.height - size.height) / 2);
  return { mode: 'path', path: [{ t: 0, x: left, y: top, w: size.width, h: size.height }] };
}

/**
 * The export's crop planner with the user's framing: each clip's moment gets its override (centre,
 * blur, a dragged crop, the follow camera on a chosen person, a split, the face-cam layout) or else
 * the export's crop and layout.
 * The follow and split plans are cached in the project, keyed by the file, window, size and
 * subject, so the Video screen's preview and the export render the same path.
 */
export function createFramedCropPlanner(options: FramedCropPlannerOptions): CropPlanner & { keyOf: (moment: number) => unknown } {
  const planned = new Map<string, Promise<ClipLayout | undefined>>();
  const camera = (layout: ReframeLayout, request: CropRequest): Promise<ClipLayout | undefined> =>
    cachedPlan(options, planned, layout, request);
  const overrideOf = (rank: number | undefined): FramingOverride | undefined => {
    const moment = rank === undefined ? undefined : options.moments.find((m) => m.rank === rank);
    return moment ? framingOf(options.framing, moment) : undefined;
  };
  const planner = async (request: CropRequest): Promise<ClipLayout | undefined> =>
    decide(overrideOf(request.moment), options.crop, request, camera, options.layout);
  Object.defineProperty(planner, 'name', { value: `framed-v${PLAN_VERSION}` });
  return Object.assign(planner, {
    keyOf: (moment: number): unknown => overrideOf(moment) ?? null,
  });
}

/** What one moment's clip is framed with; undefined leaves the export's fallback (centre or blur). */
export function decide(
  override: FramingOverride | undefined,
  crop: FramedCropPlannerOptions['crop'],
  request: CropRequest,
  camera: (layout: ReframeLayout, request: CropRequest) => Promise<ClipLayout | undefined>,
  layout: ReframeLayout = 'auto',
): Promise<ClipLayout | undefined> {
  switch (override?.mode) {
    case 'center':
      return Promise.resolve({ mode: 'center' });
    case 'blur':
      return Promise.resolve({ mode: 'blur' });
    case 'fixed':
      return Promise.resolve(fixedLayout(override.x ?? 0.5, request));
    case 'split':
      return camera('split', request);
    case 'facecam':
      return camera('facecam', request);
    case 'follow':
      return camera('single', override.person ? { ...request, person: override.person } : request);
    default:
      if (crop === 'follow') return camera(layout, request);
      return Promise.resolve(crop === 'blur' ? { mode: 'blur' } : { mode: 'center' });
  }
}

async function cachedPlan(
  options: FramedCropPlannerOptions,
  planned: Map<string, Promise<ClipLayout | undefined>>,
  layout: ReframeLayout,
  request: CropRequest,
): Promise<ClipLayout | undefined> {
  const { input } = request;
  const key = fingerprint({
    v: PLAN_VERSION,
    file: await fileIdentity(input.path),
    start: input.start,
    end: input.end,
    width: request.width,
    height: request.height,
    person: request.person,
    layout,
    tracks: options.tracksKey,
  });
  const path = options.cacheDir ? join(options.cacheDir, `${key}.json`) : undefined;
  let plan = planned.get(key);
  if (!plan) {
    plan = (async () => {
      const stored = path ? await readPlan(path) : undefined;
      if (stored) return stored;
      const made = await options.follow(layout)(request);
      if (made && path && options.cacheDir) {
        await mkdir(options.cacheDir, { recursive: true });
        await writeJsonAtomic(path, { layout: made });
      }
      return made;
    })();
    planned.set(key, plan);
    plan.catch(() => planned.delete(key));
  }
  return plan;
}

async function readPlan(path: string): Promise<ClipLayout | undefined> {
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as { layout?: ClipLayout };
    return raw.layout && typeof raw.layout.mode === 'string' ? raw.layout : undefined;
  } catch {
    return undefined;
  }
}
