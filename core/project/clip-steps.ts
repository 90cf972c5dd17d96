import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { acquireVideo } from '../acquire/acquire-video.js';
import { KirinukiError } from '../errors.js';
import type { AcquiredVideo } from '../acquire/video-sections.js';
import { facesForParts, type VideoFaces, type VideoFacesIdentity } from '../faces/faces-for-video.js';
import { readPeopleEdits } from '../faces/people-edits.js';
import { facesPartsFor } from '../faces/people-for-export.js';
import { selectMoments, type PersonAppearances } from '../export/clip-plan.js';
import { clipWindow } from '../export/clip-window.js';
import { exportClips, type CropOption, type CropPlanner } from '../export/export-clips.js';
import { getPreset, maxClipLength } from '../export/presets.js';
import { createFollowCropPlanner } from '../reframe/follow-crop-planner.js';
import { fileIdentity } from './fingerprint.js';
import { projectDir } from './project-dir.js';
import type { Project, ProjectClip, ProjectIdentity } from './project-schema.js';
import type { ProjectStore } from './project-store.js';
import type { PipelineContext, PipelineStep } from './run-video-pipeline.js';
import { runStage } from './run-stage.js';
import { syncChannelPeople } from './sync-channel-people.js';

/** Export settings shared by the clips of every video of a run. */
export interface ClipSettings {
  preset?: string;
  crop?: CropOption;
  perPerson?: boolean;
  /** How many of the best moments to export per video. */
  top?: number;
  /** Skip face analysis (no people, no per-person clips). */
  noFaces?: boolean;
}

export interface ClipStepOptions extends ClipSettings {
  /** Projects root, where the channel's people.json lives. */
  out: string;
  /** A local copy of the video (from --video-dir); without it yt-dlp fetches the clipped sections. */
  videoFile?: string;
  /** With --video-dir, a video without a file there fails (FILE_NOT_FOUND) instead of downloading. */
  videoDir?: string;
}

const inProject = (dir: string, path: string): string => relative(dir, path).split('\\').join('/');
const absolute = (dir: string, path: string): string => (isAbsolute(path) ? path : join(dir, path));

function windowsToClip(project: Project, options: ClipStepOptions): { start: number; end: number }[] {
  const maxS = maxClipLength(getPreset(options.preset ?? 'shorts'));
  const durationS = project.video?.durationS ?? Number.POSITIVE_INFINITY;
  return selectMoments(project.moments ?? [], options.top).map((m) => clipWindow(m, maxS, durationS));
}

async function acquire(store: ProjectStore, context: PipelineContext, options: ClipStepOptions): Promise<AcquiredVideo> {
  const project = store.project;
  if (options.videoDir && !options.videoFile) {
    throw new KirinukiError(
      'FILE_NOT_FOUND',
      `No file for video ${project.videoId} in ${options.videoDir} (name it "Title [${project.videoId}].mp4" or "${project.videoId}.mp4").`,
    );
  }
  const acquired = await acquireVideo({
    videoFile: options.videoFile,
    downloadUrl: `https://www.youtube.com/watch?v=${project.videoId}`,
    windows: windowsToClip(project, options),
    durationS: project.video?.durationS ?? 0,
    projectDir: projectDir(context.root, project.videoId),
    signal: context.signal,
    onProgress: context.onProgress,
  });
  const whole = acquired.sections.length === 1 && acquired.sections[0]?.start === 0 && acquired.sections[0].end === Infinity;
  const videoFile = whole ? acquired.sections[0]?.path : undefined;
  if (videoFile !== project.videoFile) await store.update({ videoFile });
  return acquired;
}

function toIdentity(identity: VideoFacesIdentity): ProjectIdentity {
  const result: ProjectIdentity = { id: identity.id, appearances: identity.appearances, totalS: identity.totalS, descriptor: identity.descriptor };
  // absolute, as the faces stage and the app keep them
  if (identity.thumbnail) result.thumbnail = identity.thumbnail;
  if (identity.name) result.name = identity.name;
  if (identity.hidden) result.hidden = true;
  return result;
}

/**
 * The people of the clip windows (not of the whole video: a three-hour stream would take longer
 * than every export), through the faces stage's cache (`faces.json`, so this costs nothing when
 * unchanged) and the user's per-video edits.
 */
async function faces(store: ProjectStore, context: PipelineContext, video: AcquiredVideo, options: ClipStepOptions): Promise<VideoFaces | undefined> {
  const dir = projectDir(context.root, store.project.videoId);
  const parts = facesPartsFor(video, windowsToClip(store.project, options));
  if (parts.length === 0) return undefined;
  const files = await Promise.all(parts.map(async (p) => ({ ...(await fileIdentity(p.path)), from: p.from, to: p.to, offset: p.offset })));
  let found: VideoFaces | undefined;
  const analyse = async (): Promise<VideoFaces> => {
    found ??= await facesForParts(parts, {
      projectsRoot: context.root,
      videoId: store.project.videoId,
      signal: context.signal,
      onProgress: context.onProgress,
    });
    return found;
  };
  await runStage(store, {
    stage: 'faces',
    // the user's renames, merges and hides of this video (`<project>/people.json`) shape the identities too
    inputs: { parts: files, edits: await readPeopleEdits(dir) },
    compute: async () => ({ identities: (await analyse()).identities.map(toIdentity) }),
  });
  return options.crop === 'follow' ? analyse() : found;
}

/** What a person is called in file names and in the follow camera's tracks. */
const personLabel = (identity: ProjectIdentity): string => identity.name ?? identity.personId ?? identity.id;

/** The follow camera: tracks carry the export's person labels, so a per-person clip follows its person. */
function followPlanner(project: Project, found: VideoFaces | undefined): CropPlanner {
  const labels = new Map((project.identities ?? []).map((identity) => [identity.id, personLabel(identity)]));
  const tracks = found?.tracks.map((track) =>
    track.identityId ? { ...track, identityId: labels.get(track.identityId) ?? track.identityId } : track,
  );
  return createFollowCropPlanner({ tracks: () => tracks });
}

function peopleToExport(project: Project): PersonAppearances[] {
  return (project.identities ?? [])
    .filter((identity) => !identity.hidden)
    .map((identity) => ({
      person: personLabel(identity),
      appearances: identity.appearances.map(([start, end]) => ({ start, end })),
    }));
}

async function exportStage(
  store: ProjectStore,
  context: PipelineContext,
  video: AcquiredVideo,
  options: ClipStepOptions,
  found: VideoFaces | undefined,
): Promise<void> {
  const dir = projectDir(context.root, store.project.videoId);
  const project = store.project;
  const people = options.perPerson ? peopleToExport(project) : undefined;
  if (people?.length === 0) {
    throw new KirinukiError('NO_FACES', `Nobody was found on screen in the clips of video ${project.videoId}, so there are no per-person clips.`);
  }
  const files = await Promise.all(video.sections.map((s) => fileIdentity(s.path)));
  await runStage(store, {
    stage: 'export',
    inputs: { moments: project.stages.moments?.fingerprint, files, preset: options.preset, crop: options.crop, top: options.top, people },
    isValid: async (p) => (p.clips ?? []).every((clip) => existsSync(absolute(dir, clip.path))),
    compute: async () => {
      const meta = project.video ?? { id: project.videoId, title: project.videoId, durationS: 0 };
      const result = await exportClips({
        video,
        videoMeta: meta,
        moments: project.moments ?? [],
        projectDir: dir,
        preset: options.preset,
        crop: options.crop,
        top: options.top,
        people,
        ...(options.crop === 'follow' ? { cropPlanner: followPlanner(project, found) } : {}),
        signal: context.signal,
        onProgress: context.onProgress,
        log: context.log,
      });
      const clips: ProjectClip[] = result.clips.map((clip) => ({
        path: inProject(dir, clip.path),
        moment: clip.moment,
        person: clip.person,
        start: clip.start,
        end: clip.end,
        width: clip.width,
        height: clip.height,
        durationS: clip.durationS,
      }));
      return { clips };
    },
  });
}

/**
 * The stages after moments for a channel video: get the video (the local file, or yt-dlp
 * sections), find its people and match them with the channel's, export the clips. Each stage
 * is skipped when complete with the same inputs, so a different preset redoes only the export.
 */
export function clipSteps(options: ClipStepOptions): PipelineStep[] {
  return [
    async (store, context) => {
      if ((store.project.moments ?? []).length === 0) return;
      const video = await acquire(store, context, options);
      let found: VideoFaces | undefined;
      if (!options.noFaces) {
        found = await faces(store, context, video, options);
        await syncChannelPeople(options.out, store);
      }
      await exportStage(store, context, video, options, found);
    },
  ];
}
