import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { exportClips, type ExportClipsResult } from '../../export/export-clips.js';
import { readManifest } from '../../export/manifest.js';
import { getPreset } from '../../export/presets.js';
import type { FaceTrack } from '../../faces/types.js';
import { fileIdentity, fingerprint } from '../../project/fingerprint.js';
import { projectDir } from '../../project/project-dir.js';
import type { ProjectClip, ProjectIdentity } from '../../project/project-schema.js';
import { createFollowCropPlanner } from '../../reframe/follow-crop-planner.js';
import { createFramedCropPlanner } from '../../reframe/framed-crop-planner.js';
import { readFraming, type FramingFile } from '../../reframe/framing.js';
import type { ClipPlan } from '../../export/clip-plan.js';
import { momentsToClip } from '../clip-windows.js';
import { telopsOfJob } from '../job-telops.js';
import { choosePeople, personLabel } from '../people-for-export.js';
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
  return isPerPerson(clips) ? choosePeople(identities, job.videoId, { persons: clips.persons, named: clips.namedPeople }) : undefined;
}

/** The follow camera: the faces stage's tracks carry the export's person labels, so a per-person clip follows its person. */
function followPlanner(job: VideoJob, identities: ProjectIdentity[], layout: 'single' | 'split' = 'single') {
  const labels = new Map(identities.map((identity) => [identity.id, personLabel(identity, job.clips?.namedPeople === true)]));
  const tracks: FaceTrack[] | undefined = job.found?.tracks.map((track) =>
    track.identityId ? { ...track, identityId: labels.get(track.identityId) ?? track.identityId } : track,
  );
  return createFollowCropPlanner({ tracks: () => tracks, layout });
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
  const planner = createFramedCropPlanner({
    crop,
    framing,
    follow: (layout) => followPlanner(job, identities, layout),
    cacheDir: join(projectDir(job.root, job.videoId), 'framing-plans'),
  });
  return { cropPlanner: planner, cropKey: (plan: ClipPlan) => planner.keyOf(plan.moment) };
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
