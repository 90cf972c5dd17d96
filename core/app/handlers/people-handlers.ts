import { join } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { readJsonIfExists } from '../../fs/read-json.js';
import type { FacesAnalysis } from '../../faces/analyze-faces.js';
import type { FaceSettings } from '../../faces/face-options.js';
import type { FaceTrack } from '../../faces/types.js';
import { FACES_FILE } from '../../faces/faces-for-video.js';
import { runFaces } from '../../pipeline/run-faces.js';
import type { FacesSettings } from '../../pipeline/video-job.js';
import {
  applyPeopleEdits,
  assertKnownIdentities,
  hideIdentity,
  mergeIdentity,
  readPeopleEdits,
  renameIdentity,
  type PeopleEdits,
} from '../../faces/people-edits.js';
import { readPeopleHistory, stepPeopleHistory, updatePeopleEditsWithHistory } from '../../faces/people-history.js';
import { openSuggestions } from '../../faces/merge-suggestions.js';
import { projectDir } from '../../project/project-dir.js';
import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';
import { mediaRefFor } from '../project-media.js';
import { requireProject } from '../project-view.js';
import type { AnalysisQuality, PeopleView, PersonView } from '../views.js';

type PeopleHandlers = Pick<AppService, 'getPeople' | 'analyzeFaces' | 'renamePerson' | 'mergePeople' | 'hidePerson' | 'undoPeopleEdit'>;

const QUALITY: Record<AnalysisQuality, FaceSettings> = {
  fast: { fps: 3 },
  balanced: {},
  accurate: { accurate: true, fps: 6 },
};

/** How the app looks for faces (the whole video, at the quality of the settings): "Find people" and an export that needs them. */
export async function appFaceSettings(app: AppContext): Promise<FacesSettings> {
  return { ...QUALITY[(await app.settings.view()).analysisQuality], scope: { kind: 'range' } };
}

/** The last analysis (`<project>/faces.json`), or undefined before any. */
async function storedAnalysis(root: string, videoId: string): Promise<FacesAnalysis | undefined> {
  const raw = (await readJsonIfExists(join(projectDir(root, videoId), FACES_FILE)).catch(() => undefined)) as
    | { analysis?: FacesAnalysis }
    | undefined;
  return Array.isArray(raw?.analysis?.identities) && Array.isArray(raw.analysis.tracks) ? raw.analysis : undefined;
}

/** The identities of the last analysis, or undefined before any. */
async function storedIdentities(root: string, videoId: string): Promise<FacesAnalysis['identities'] | undefined> {
  return (await storedAnalysis(root, videoId))?.identities;
}

/**
 * The face tracks of the last analysis (source seconds) labelled with the People screen's ids
 * (the user's merges applied), as the export's follow camera gets them; undefined before any.
 */
export async function peopleTracks(root: string, videoId: string): Promise<FaceTrack[] | undefined> {
  const raw = (await readJsonIfExists(join(projectDir(root, videoId), FACES_FILE)).catch(() => undefined)) as
    | { analysis?: FacesAnalysis }
    | undefined;
  const analysis = raw?.analysis;
  if (!Array.isArray(analysis?.identities) || !Array.isArray(analysis.tracks)) return undefined;
  const { idMap } = applyPeopleEdits(analysis.identities, await readPeopleEdits(projectDir(root, videoId)));
  return analysis.tracks.map((track) => (track.identityId ? { ...track, identityId: idMap.get(track.identityId) ?? track.identityId } : track));
}

/** The people of a video as the People screen shows them, with the user's names, merges and hides. */
export async function peopleView(root: string, videoId: string): Promise<PeopleView> {
  const analysis = await storedAnalysis(root, videoId);
  const dir = projectDir(root, videoId);
  const history = await readPeopleHistory(dir);
  const historyCounts = { undo: history.undo.length, redo: history.redo.length };
  if (!analysis) return { videoId, analyzed: false, people: [], suggestions: [], history: historyCounts };
  const edits = await readPeopleEdits(dir);
  const { identities: applied, idMap } = applyPeopleEdits(analysis.identities, edits);
  const people: PersonView[] = applied
    .map((identity) => ({
      id: identity.id,
      name: (identity as { name?: string }).name ?? null,
      hidden: (identity as { hidden?: boolean }).hidden === true,
      totalS: identity.totalS,
      appearances: identity.appearances,
      thumbnail: identity.thumbnail ? mediaRefFor(root, videoId, identity.thumbnail) : null,
    }))
    .sort((a, b) => b.totalS - a.totalS);
  const hidden = new Set(people.filter((p) => p.hidden).map((p) => p.id));
  const suggestions = openSuggestions(analysis.suggestions ?? [], idMap, hidden).map(({ from, into }) => ({ from, into }));
  return { videoId, analyzed: true, people, suggestions, history: historyCounts };
}

async function editPeople(
  root: string,
  videoId: string,
  ids: string[],
  change: (edits: PeopleEdits) => PeopleEdits,
): Promise<PeopleView> {
  const identities = await storedIdentities(root, videoId);
  if (!identities) throw new KirinukiError('PERSON_NOT_FOUND', `Nobody has been found in ${videoId} yet; run "Find people" first.`);
  assertKnownIdentities(ids, identities);
  await updatePeopleEditsWithHistory(projectDir(root, videoId), change);
  return peopleView(root, videoId);
}

export function peopleHandlers(app: AppContext): PeopleHandlers {
  return {
    async getPeople({ videoId }) {
      return peopleView(await app.root(), videoId);
    },

    async analyzeFaces({ videoId }, call) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      if (!project.videoFile) {
        throw new KirinukiError('FILE_NOT_FOUND', `The project ${videoId} has no video file yet; attach it on the Video screen.`);
      }
      // the faces stage records the identities (with descriptors, for matching across a channel)
      await runFaces(project.videoFile, {
        root,
        videoId,
        faces: await appFaceSettings(app),
        refuseWhenBusy: true,
        what: 'a face analysis in the app',
        signal: call.signal,
        onProgress: call.onProgress,
      });
      return peopleView(root, videoId);
    },

    async renamePerson({ videoId, personId, name }) {
      return editPeople(await app.root(), videoId, [personId], (edits) => renameIdentity(edits, personId, name));
    },

    async hidePerson({ videoId, personId, hidden }) {
      return editPeople(await app.root(), videoId, [personId], (edits) => hideIdentity(edits, personId, hidden));
    },

    async mergePeople({ videoId, into, from }) {
      return editPeople(await app.root(), videoId, [into, ...from], (edits) =>
        from.reduce((next, id) => mergeIdentity(next, id, into), edits),
      );
    },

    async undoPeopleEdit({ videoId, redo }) {
      const root = await app.root();
      await requireProject(root, videoId);
      await stepPeopleHistory(projectDir(root, videoId), redo ? 'redo' : 'undo');
      return peopleView(root, videoId);
    },
  };
}
