import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { exportClips, type ExportClipsResult } from '../../export/export-clips.js';
import { readManifest } from '../../export/manifest.js';
import { readUploadEdits } from '../../export/upload-edits.js';
import { getPreset } from '../../export/presets.js';
import type { FaceTrack } from '../../faces/types.js';
import { fileIdentity, fingerprint } from '../../project/fingerprint.js';
import { projectDir } from '../../project/project-dir.js';
import type { ProjectClip, ProjectIdentity } from '../../project/project-schema.js';
import { createFollowCropPlanner } from '../../reframe/follow-crop-planner.js';
import { createFramedCropPlanner, tracksKey } from '../../reframe/framed-crop-planner.js';
import type { ReframeLayout } from '../../reframe/reframe-layouts.js';
import { readFraming, type FramingFile } from '../../reframe/framing.js';
import type { ClipPlan } from '../../export/clip-plan.js';
import { momentsToClip } from '../clip-windows.js';
import { telopsOfJob } from '../job-telops.js';
import { choosePeople, personLabel } from '../people-for-export.js';
import { uploadContextOf } from '../upload-context.js';
import type { PipelineStage } from '../pipeline-stage.js';
import { isPerPerson, type ClipSettings, type VideoJob } from '../video-job.js';

function settingsOf(job: VideoJob): ClipSettings {
  if (!job.clips || !job.video) throw new KirinukiError('INTERNAL', `The export of ${job.videoId} needs its video and settings first.`);
  return job.clips;
}

/** The export's folder: the project's, or a sub-folder of it. */
const exportDir = (job: VideoJob): string => join(projectDir(job.root, job.videoId), job.clips?.folder ?? '');

/** The people of a per-person export (labels and on-screen times), or undefined for a plain one. */
function peopleOf(job: VideoJob, clips: ClipSettings, identities: ProjectIdentity[]) {
  const timeline = job.found ? { tracks: job.found.tracks, cuts: job.found.cuts ?? [] } : undefined;
  return isPerPerson(clips) ? choosePeople(identities, job.videoId, { persons: clips.persons, named: clips.namedPeople, timeline }) : undefined;
}

/** The faces stage's tracks with the export's person labels, so a per-person clip follows its person. */
function labelledTracks(job: VideoJob, identities: ProjectIdentity[]): FaceTrack[] | undefined {
  const labels = new Map(identities.map((identity) => [identity.id, personLabel(identity, job.clips?.namedPeople === true)]));
  return job.found?.tracks.map((track) =>
    track.identityId ? { ...track, identityId: labels.get(track.identityId) ?? track.identityId } : track,
  );
}

const hasFraming = (framing: FramingFile): boolean => Object.keys(framing.moments).length > 0;

/**
 * The crop planner of a portrait export: the follow camera (`--crop follow`) and the user's
 * per-moment framing (`<project>/framing.json`, set on the Video screen's preview), the follow
 * plans shared with the preview through `<project>/framing-plans/`. None for a centre or blur
 * export without framing, as before.
 */
function cropPlannerOf(job: VideoJob, identities: ProjectIdentity[], framing: FramingFile) {
  const crop = job.clips?.crop ?? 'center';
  if (crop !== 'follow' && !hasFraming(framing)) return {};
  const tracks = labelledTracks(job, identities);
  const planner = createFramedCropPlanner({
    crop,
    framing,
    moments: momentsToClip(job),
    layout: job.clips?.layout,
    follow: (layout: ReframeLayout) => createFollowCropPlanner({ tracks: () => tracks, layout }),
    cacheDir: join(projectDir(job.root, job.videoId), 'framing-plans'),
    tracksKey: tracksKey(tracks),
  });
  return { cropPlanner: planner, cropKey: (plan: ClipPlan) => planner.keyOf(plan.moment) };
}

/** The user's upload texts as an input (none: no key, so older fingerprints still match). */
async function uploadEditsOf(job: VideoJob): Promise<{ uploadEdits?: unknown }> {
  const edits = await readUploadEdits(exportDir(job));
  return Object.keys(edits).length > 0 ? { uploadEdits: edits } : {};
}

const withNotes = (result: ExportClipsResult, notes: ExportClipsResult['notes']): ExportClipsResult =>
  notes && notes.length > 0 ? { ...result, notes } : result;

/** The clips, the reels and the manifest of the chosen moments (and people), in the project folder. */
export const exportStage: PipelineStage<VideoJob> = {
  name: 'export',
  inputs: async (job, project) => {
    const clips = settingsOf(job);
    return {
      moments: fingerprint(momentsToClip(job)),
      files: await Promise.all((job.video?.sections ?? []).map((s) => fileIdentity(s.path))),
      settings: { ...clips, moments: undefined },
      people: peopleOf(job, clips, project.identities ?? []) ?? null,
      tracks: clips.crop === 'follow' && job.found ? fingerprint(job.found.tracks) : null,
      // the subtitle file, the style, the music option and the user's telop edits (speech and both)
      telops: (await telopsOfJob(job)).identity,
      // the user's framing of each moment (the Video screen's portrait preview)
      framing: (await readFraming(projectDir(job.root, job.videoId))).moments,
      // the user's upload texts: an edit rewrites the manifest and the .upload.txt (the clips are kept)
      ...(await uploadEditsOf(job)),
    };
  },
  run: async (job, context, project) => {
    const clips = settingsOf(job);
    const identities = project.identities ?? [];
    const people = peopleOf(job, clips, identities);
    const moments = momentsToClip(job);
    if (moments.length === 0) throw new KirinukiError('INVALID_ARGUMENT', `No moment of ${job.videoId} to export: turn at least one on.`);
    const meta = job.moments?.video ?? { id: job.videoId, title: job.videoId, durationS: 0 };
    const preset = getPreset(clips.preset);
    const dir = exportDir(job);
    const telops = await telopsOfJob(job);
    for (const note of telops.notes) context.log(note.message);
    const result = await exportClips({
      video: job.video!,
      videoMeta: { ...meta, id: job.videoId },
      moments,
      projectDir: dir,
      preset,
      maxLength: clips.maxLength,
      crop: clips.crop,
      captions: telops.mode,
      ...(telops.telops ? { telops: telops.telops } : {}),
      fast: clips.fast,
      top: clips.top,
      people,
      upload: uploadContextOf(job, project),
      burnCredit: clips.credit === true,
      ...(clips.guidelines ? { guidelines: clips.guidelines } : {}),
      ...(preset.size ? cropPlannerOf(job, identities, await readFraming(projectDir(job.root, job.videoId))) : {}),
      signal: context.signal,
      onProgress: context.onProgress,
      log: context.log,
    });
    job.exported = withNotes(result, telops.notes);
    const root = projectDir(job.root, job.videoId);
    const recorded: ProjectClip[] = result.clips.map(({ key: _key, ...clip }) => ({ ...clip, path: relative(root, clip.path).split('\\').join('/') }));
    return { clips: recorded };
  },
  reuse: async (job, project, context) => {
    const root = projectDir(job.root, job.videoId);
    const clips = project.clips ?? [];
    const there = clips.length > 0 && clips.every((clip) => existsSync(isAbsolute(clip.path) ? clip.path : join(root, clip.path)));
    const manifest = there ? await readManifest(exportDir(job)).catch(() => undefined) : undefined;
    if (!manifest?.complete) return false;
    const manifestPath = join(exportDir(job), 'manifest.json');
    const exported = { clips: manifest.clips, summary: manifest.summary, reels: manifest.reels ?? [], manifestPath, skipped: manifest.clips.length };
    const { notes } = await telopsOfJob(job);
    for (const note of notes) context.log(note.message);
    job.exported = withNotes(exported, notes);
    return true;
  },
};
