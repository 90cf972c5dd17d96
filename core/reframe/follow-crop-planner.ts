import { analyzeFaces } from '../faces/analyze-faces.js';
import type { FaceSettings } from '../faces/face-options.js';
import type { FaceTrack } from '../faces/types.js';
import type { CropPlanner, CropRequest } from './crop-planner.js';
import type { ClipLayout } from '../media/clip-layout.js';
import { detectShots } from './detect-shots.js';
import { detectFacecams } from './detect-facecam.js';
import { planCropPath } from './plan-crop-path.js';
import { triesFacecam, type ReframeLayout } from './reframe-layouts.js';
import { reframeLayout } from './reframe-layout.js';
import { trackSubjectId } from './subject-series.js';
import { REFRAME_FACE_SETTINGS } from './reframe-face-settings.js';

export interface FollowCropPlannerOptions {
  /**
   * Face tracks in source seconds whose identities are the export's people (the per-person
   * analysis); read when each clip is planned. Without them each clip's span is analysed.
   */
  tracks?: () => FaceTrack[] | undefined;
  /** Default `auto`. */
  layout?: ReframeLayout;
  faces?: FaceSettings;
}

/** Source-time tracks moved onto the timeline of the file being read, kept to its span. */
function tracksInInput(tracks: FaceTrack[], offset: number, start: number, end: number): FaceTrack[] {
  return tracks
    .map((track) => ({
      ...track,
      samples: track.samples
        .map((s) => ({ ...s, t: s.t - offset }))
        .filter((s) => s.t >= start - 0.5 && s.t <= end + 0.5),
    }))
    .filter((track) => track.samples.length > 0);
}

async function segmentTracks(request: CropRequest, options: FollowCropPlannerOptions): Promise<FaceTrack[]> {
  const { input, segment, source, signal } = request;
  const known = options.tracks?.();
  if (known) return tracksInInput(known, segment.start - input.start, input.start, input.end);
  const analysis = await analyzeFaces(input.path, {
    ...REFRAME_FACE_SETTINGS, ...options.faces, from: input.start, to: input.end, info: source, signal,
  });
  return analysis.tracks;
}

/**
 * The clip's person when the tracks know them; a fresh analysis of the span has its own ids, and
 * then the camera frames whoever dominates the person's on-screen parts rather than blurring.
 */
function followedPerson(person: string | null, tracks: FaceTrack[]): string | undefined {
  if (person === null) return undefined;
  return tracks.some((track) => trackSubjectId(track) === person) ? person : undefined;
}

/**
 * The `follow` crop of `kirinuki clips`: for each clip segment, the shots of its span and the
 * faces in it give a crop path (following the clip's person in per-person exports), rendered
 * by core/media in the same single pass as any other crop.
 */
export function createFollowCropPlanner(options: FollowCropPlannerOptions = {}): CropPlanner {
  const planner = async (request: CropRequest): Promise<ClipLayout | undefined> => {
    const { input, source, signal } = request;
    const [detection, tracks] = await Promise.all([
      detectShots(input.path, { from: input.start, to: input.end, info: source, signal }),
      segmentTracks(request, options),
    ]);
    const person = followedPerson(request.person, tracks);
    const output = { width: request.width, height: request.height };
    // a per-person clip follows its person, even when the analysis did not know them
    const facecams = triesFacecam(options.layout, request.person ?? undefined)
      ? await detectFacecams(input.path, { shots: detection.shots, tracks, info: source, output, signal })
      : [];
    const plan = planCropPath({
      source: { width: source.width, height: source.height },
      output,
      shots: detection.shots,
      tracks,
      person,
      layout: request.person === null ? options.layout : 'single',
      facecams,
      origin: input.start,
    });
    return reframeLayout(plan, input.start);
  };
  // the exporter keys finished clips by the planner's name: a new camera makes them again
  Object.defineProperty(planner, 'name', { value: 'follow-v2' });
  return planner;
}
