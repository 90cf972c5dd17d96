import { relative } from 'node:path';
import type { ExportClipsResult } from '../export/export-clips.js';
import type { VideoFaces } from '../faces/faces-for-video.js';
import type { MomentsResult } from '../moments/types.js';
import { projectDir } from './project-dir.js';
import { ProjectStore } from './project-store.js';
import type { Project, ProjectIdentity, StageName } from './project-schema.js';

/**
 * For commands that run one stage on their own (`moments`, `clips`, `faces`): records its
 * result and input fingerprint in `<root>/<videoId>/project.json`, so the app, the report and
 * a later channel run see it. A corrupt or newer project.json is an error naming the file.
 */
export async function recordProjectStage(
  root: string | undefined,
  videoId: string,
  source: string,
  stage: StageName,
  inputs: unknown,
  patch: Partial<Project>,
): Promise<void> {
  const store = await ProjectStore.open(root, videoId, source);
  await store.completeStage(stage, inputs, patch);
}

/** `kirinuki moments`: the video, its comments count and the ranked moments. */
export function recordMoments(root: string | undefined, source: string, result: MomentsResult, inputs: unknown): Promise<void> {
  const { video, commentsFetched, mentions, moments } = result;
  return recordProjectStage(root, video.id, source, 'moments', inputs, { video, commentsFetched, mentions, moments });
}

/** `kirinuki clips`: the exported clips, paths relative to the project folder. */
export function recordClips(
  root: string | undefined,
  videoId: string,
  source: string,
  result: Pick<ExportClipsResult, 'clips'>,
  inputs: unknown,
): Promise<void> {
  const dir = projectDir(root, videoId);
  const clips = result.clips.map(({ key: _key, ...clip }) => ({ ...clip, path: relative(dir, clip.path).split('\\').join('/') }));
  return recordProjectStage(root, videoId, source, 'export', inputs, { clips });
}

/** `kirinuki faces`: the identities (with their descriptors, for matching across a channel). */
export function recordFaces(root: string | undefined, source: string, faces: VideoFaces, inputs: unknown): Promise<void> {
  const identities: ProjectIdentity[] = faces.identities.map((identity) => {
    const entry: ProjectIdentity = {
      id: identity.id,
      appearances: identity.appearances,
      totalS: identity.totalS,
      descriptor: identity.descriptor,
    };
    if (identity.thumbnail) entry.thumbnail = identity.thumbnail; // absolute, as the app reads it
    if (identity.name) entry.name = identity.name;
    if (identity.hidden) entry.hidden = true;
    return entry;
  });
  return recordProjectStage(root, faces.videoId, source, 'faces', inputs, { identities });
}
