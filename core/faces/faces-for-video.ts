import { join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { fileIdentity, fingerprint } from '../project/fingerprint.js';
import { localVideoId } from '../project/local-video-id.js';
import { projectDir } from '../project/project-dir.js';
import { probeMedia } from '../media/probe.js';
import {
  analyzeFaces,
  analyzeFacesInParts,
  type AnalyzeFacesOptions,
  type FacesAnalysis,
  type FacesIdentity,
  type FacesPart,
} from './analyze-faces.js';
import { normaliseFaceSettings } from './face-options.js';
import { openSuggestions } from './merge-suggestions.js';
import { applyPeopleEdits, readPeopleEdits } from './people-edits.js';

export const FACES_FILE = 'faces.json';

export interface VideoFacesOptions extends AnalyzeFacesOptions {
  /** The projects root (default ./kirinuki-projects). */
  projectsRoot?: string;
  /** The project id; derived from the file when not given. */
  videoId?: string;
  /** Reuse `<project>/faces.json` when it was made from the same file and settings (default true). */
  reuse?: boolean;
}

export interface VideoFacesIdentity extends FacesIdentity {
  name?: string;
  hidden?: boolean;
}

export interface VideoFaces extends Omit<FacesAnalysis, 'identities'> {
  videoId: string;
  projectDir: string;
  identities: VideoFacesIdentity[];
  /** True when the analysis came from `<project>/faces.json`. */
  cached: boolean;
}

interface FacesFile {
  fingerprint: string;
  analysis: FacesAnalysis;
}

function cacheKey(options: VideoFacesOptions, what: unknown): string {
  const { workers: _workers, ...settings } = normaliseFaceSettings(options);
  return fingerprint({ what, settings });
}

async function readCache(file: string, key: string): Promise<FacesAnalysis | undefined> {
  const raw = (await readJsonIfExists(file).catch(() => undefined)) as FacesFile | undefined;
  return raw?.fingerprint === key && Array.isArray(raw.analysis?.identities) ? raw.analysis : undefined;
}

async function inProject(
  videoId: string,
  options: VideoFacesOptions,
  key: string,
  analyse: (thumbnailDir: string) => Promise<FacesAnalysis>,
): Promise<VideoFaces> {
  const dir = projectDir(options.projectsRoot, videoId);
  const cacheFile = join(dir, FACES_FILE);
  let analysis = options.reuse === false ? undefined : await readCache(cacheFile, key);
  const cached = analysis !== undefined;
  if (!analysis) {
    analysis = await analyse(join(dir, 'faces'));
    await writeJsonAtomic(cacheFile, { fingerprint: key, analysis } satisfies FacesFile);
  }
  const edits = await readPeopleEdits(dir);
  const { identities, idMap } = applyPeopleEdits(analysis.identities, edits);
  const tracks = analysis.tracks.map((t) => (t.identityId ? { ...t, identityId: idMap.get(t.identityId) ?? t.identityId } : t));
  const hidden = new Set(identities.filter((i) => i.hidden).map((i) => i.id));
  const suggestions = openSuggestions(analysis.suggestions ?? [], idMap, hidden);
  return { ...analysis, identities, tracks, suggestions, videoId, projectDir: dir, cached };
}

/**
 * The faces of a video inside its project: analyses it (or reuses `<project>/faces.json`),
 * writes thumbnails to `<project>/faces/`, and applies the user's names, merges and hides
 * from `<project>/people.json` to the identities, the tracks and the merge suggestions.
 */
export async function facesForVideo(path: string, options: VideoFacesOptions = {}): Promise<VideoFaces> {
  const videoPath = resolve(path);
  const videoId = options.videoId ?? (await localVideoId(videoPath));
  const key = cacheKey(options, { file: await fileIdentity(videoPath), from: options.from ?? 0, to: options.to ?? null });
  return inProject(videoId, options, key, (thumbnailDir) => analyzeFaces(videoPath, { ...options, thumbnailDir }));
}

/** Like facesForVideo for several stretches of one video (its clips), clustered together. */
export async function facesForParts(
  parts: FacesPart[],
  options: VideoFacesOptions & { videoId: string },
): Promise<VideoFaces> {
  if (parts.length === 0) throw new KirinukiError('INVALID_ARGUMENT', `No part of video ${options.videoId} to look for faces in.`);
  const files = await Promise.all(parts.map(async (p) => ({ file: await fileIdentity(resolve(p.path)), from: p.from, to: p.to, offset: p.offset ?? 0 })));
  const key = cacheKey(options, files);
  return inProject(options.videoId, options, key, async (thumbnailDir) => {
    const info = await probeMedia(parts[0]!.path, { signal: options.signal });
    return analyzeFacesInParts(parts, { ...options, thumbnailDir, durationS: info.durationS, width: info.width, height: info.height });
  });
}
