import { KirinukiError } from '../../errors.js';
import type { FacesPart } from '../../faces/analyze-faces.js';
import { facesForParts, facesForVideo, type VideoFaces } from '../../faces/faces-for-video.js';
import { readPeopleEdits } from '../../faces/people-edits.js';
import { fileIdentity } from '../../project/fingerprint.js';
import { projectDir } from '../../project/project-dir.js';
import type { ProjectIdentity } from '../../project/project-schema.js';
import { clipWindowsOf } from '../clip-windows.js';
import { facesPartsFor } from '../people-for-export.js';
import type { PipelineStage, StageContext } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';

function toIdentity(identity: VideoFaces['identities'][number]): ProjectIdentity {
  const result: ProjectIdentity = { id: identity.id, appearances: identity.appearances, totalS: identity.totalS, descriptor: identity.descriptor };
  // absolute, as the faces stage and the app keep them
  if (identity.thumbnail) result.thumbnail = identity.thumbnail;
  if (identity.name) result.name = identity.name;
  if (identity.hidden) result.hidden = true;
  return result;
}

function requireVideo(job: VideoJob): NonNullable<VideoJob['video']> {
  if (!job.video) throw new KirinukiError('INTERNAL', `The faces of ${job.videoId} need its video first.`);
  return job.video;
}

/** The stretches looked at: the clip windows (not the whole video: a three-hour stream), or the asked range. */
type Where = { kind: 'range'; path: string; from?: number; to?: number } | { kind: 'parts'; parts: FacesPart[] };

async function where(job: VideoJob): Promise<Where> {
  const scope = job.faces?.scope ?? { kind: 'clips' };
  const video = requireVideo(job);
  if (scope.kind === 'range') return { kind: 'range', path: video.sections[0]?.path ?? '', from: scope.from, to: scope.to };
  return { kind: 'parts', parts: facesPartsFor(video, await clipWindowsOf(job)) };
}

/**
 * Analyses the faces (or reads `faces.json` when it was made from the same files and settings)
 * with the user's renames, merges and hides applied; the result goes on the job.
 */
async function analyse(job: VideoJob, context: StageContext, reuse: boolean): Promise<VideoFaces | undefined> {
  const { scope: _scope, reanalyse: _again, ...settings } = job.faces ?? { scope: { kind: 'clips' } };
  const common = { ...settings, projectsRoot: job.root, videoId: job.videoId, reuse, signal: context.signal, onProgress: context.onProgress };
  const looked = await where(job);
  if (looked.kind === 'range') return facesForVideo(looked.path, { ...common, from: looked.from, to: looked.to });
  if (looked.parts.length === 0) return undefined;
  return facesForParts(looked.parts, common);
}

/** Who is on screen: the identities of the clip windows, or of a stretch of the video. */
export const facesStage: PipelineStage<VideoJob> = {
  name: 'faces',
  inputs: async (job) => {
    const looked = await where(job);
    const { scope: _scope, reanalyse: _again, ...settings } = job.faces ?? { scope: { kind: 'clips' } };
    const files = looked.kind === 'range'
      ? [{ ...(await fileIdentity(looked.path)), from: looked.from, to: looked.to }]
      : await Promise.all(looked.parts.map(async (p) => ({ ...(await fileIdentity(p.path)), from: p.from, to: p.to, offset: p.offset })));
    // the user's renames, merges and hides (`<project>/people.json`) shape the identities too
    return { files, settings, edits: await readPeopleEdits(projectDir(job.root, job.videoId)) };
  },
  // --reanalyse: run, and look again instead of reading faces.json
  always: (job) => job.faces?.reanalyse === true,
  run: async (job, context) => {
    job.found = await analyse(job, context, job.faces?.reanalyse !== true);
    return { identities: (job.found?.identities ?? []).map(toIdentity) };
  },
  reuse: async (job, _project, context) => {
    job.found = await analyse(job, context, true);
    return true;
  },
};
