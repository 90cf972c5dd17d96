import { analyzeFaces, faceFrameStream } from '../faces/analyze-faces.js';
import type { FaceTrack } from '../faces/types.js';
import type { FaceSettings } from '../faces/face-options.js';
import { KirinukiError } from '../errors.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { readFrameStreams } from '../media/read-frames.js';
import type { Progress, StageOptions } from '../progress.js';
import { detectShots, shotFrameStream, type ShotDetection } from './detect-shots.js';
import { detectFacecams } from './detect-facecam.js';
import { planCropPath, type CropPlan } from './plan-crop-path.js';
import { triesFacecam, type ReframeLayout } from './reframe-layouts.js';
import type { FrameSize } from './types.js';

export interface PlanReframeOptions extends StageOptions {
  output: FrameSize;
  /** Seconds in the source (default the whole video). */
  from?: number;
  to?: number;
  person?: string;
  /** Default `auto`. */
  layout?: ReframeLayout;
  /** Face analysis settings (fps, accurate…) when the faces are analysed here. */
  faces?: FaceSettings;
  /**
   * Where the tracks come from instead of a fresh analysis of the range, e.g. the project's cached
   * analysis with the user's merges applied (so `--person` means who `kirinuki faces` listed).
   */
  loadFaces?: (options: StageOptions) => Promise<FacesTracks>;
  info?: MediaInfo;
}

/** The part of a face analysis the camera needs. */
export interface FacesTracks {
  identities: Array<{ id: string; name?: string }>;
  tracks: FaceTrack[];
}

export interface ReframePlan extends CropPlan {
  info: MediaInfo;
  from: number;
  to: number;
  detection: ShotDetection;
  analysis: FacesTracks;
  /** The identity followed, when a person was asked for (a name is resolved to its id). */
  person?: string;
}

/** The identity id for `--person`, given as an id or as the name the user gave it. */
function resolvePerson(analysis: FacesTracks, person: string | undefined, path: string): string | undefined {
  if (person === undefined) return undefined;
  const match = analysis.identities.find((identity) => identity.id === person) ??
    analysis.identities.find((identity) => identity.name === person);
  if (match) return match.id;
  if (analysis.tracks.some((track) => track.id === person)) return person;
  const known = analysis.identities.map((identity) => identity.id);
  throw new KirinukiError(
    'PERSON_NOT_FOUND',
    `--person ${person} is not among the people found in ${path} (${known.join(', ') || 'nobody'}).`,
  );
}

/**
 * Without `--person` the camera needs where the faces are, not who they are: the descriptors
 * (and the recognition model's load) are skipped, each track being its own subject.
 */
function boxesOnlyFor(person: string | undefined): FaceSettings {
  return person === undefined ? { boxesOnly: true } : {};
}

/**
 * The shot cuts and the face tracks of one stretch from one decode: the two passes read their
 * own frame streams of it side by side. Either failing stops the decode for both.
 */
async function shotsAndFaces(
  path: string,
  range: { from: number; to: number; signal?: AbortSignal; info: MediaInfo; faces: FaceSettings },
  report: (part: 'shots' | 'faces') => (p: Progress) => void,
): Promise<[ShotDetection, FacesTracks]> {
  const stop = new AbortController();
  const signal = range.signal ? AbortSignal.any([range.signal, stop.signal]) : stop.signal;
  const { from, to, info } = range;
  const [shotFrames, faceFrames] = await readFrameStreams(path, [shotFrameStream(info), faceFrameStream(range.faces)], {
    from, to, signal, info, fastDecode: true, decodeThreads: 1,
  });
  const stopOnError = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      stop.abort();
      throw error;
    });
  return Promise.all([
    stopOnError(detectShots(path, { from, to, info, signal: range.signal, frames: shotFrames, onProgress: report('shots') })),
    stopOnError(analyzeFaces(path, { ...range.faces, from, to, info, signal: range.signal, frames: faceFrames, onProgress: report('faces') })),
  ]);
}

/**
 * Everything the virtual camera needs, analysed side by side: the shot cuts (a cheap pass on tiny
 * frames) and the face tracks (the face stage, on its worker threads); then the crop path.
 */
export async function planReframe(path: string, options: PlanReframeOptions): Promise<ReframePlan> {
  const { signal, onProgress } = options;
  const info = options.info ?? (await probeMedia(path, { signal }));
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? info.durationS, info.durationS);
  const range = { from, to, signal, info };
  // both passes run at once, so the figure is a weighted sum rather than consecutive slices
  const done = { shots: 0, faces: 0 };
  const report = (part: keyof typeof done) => (p: Progress): void => {
    done[part] = p.fraction;
    onProgress?.({ stage: 'analyse', fraction: 0.2 * done.shots + 0.8 * done.faces });
  };
  const [detection, analysis] = options.loadFaces
    ? await Promise.all([
        detectShots(path, { ...range, onProgress: report('shots') }),
        options.loadFaces({ signal, onProgress: report('faces') }),
      ])
    : await shotsAndFaces(path, { ...range, faces: { ...boxesOnlyFor(options.person), ...options.faces } }, report);
  const person = resolvePerson(analysis, options.person, path);
  const facecams = triesFacecam(options.layout, person)
    ? await detectFacecams(path, { shots: detection.shots, tracks: analysis.tracks, info, output: options.output, signal })
    : [];
  const plan = planCropPath({
    source: { width: info.width, height: info.height },
    output: options.output,
    shots: detection.shots,
    tracks: analysis.tracks,
    person,
    layout: options.layout,
    facecams,
    origin: from,
  });
  return { ...plan, info, from, to, detection, analysis, person };
}
