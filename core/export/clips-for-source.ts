import { throwIfAborted } from '../cancel.js';
import { acquireVideo } from '../acquire/acquire-video.js';
import { videoForSource } from '../acquire/video-for-source.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { MOMENTS_FILE, momentsForSource } from '../moments/moments-for-source.js';
import { MOMENTS_DEFAULTS } from '../moments/moments-options.js';
import type { MomentsResult } from '../moments/types.js';
import { localVideoId } from '../project/local-video-id.js';
import { projectDir as projectDirOf } from '../project/project-dir.js';
import { recordClips, recordMoments } from '../project/record-stage.js';
import type { StageOptions } from '../progress.js';
import { parseVideoSource } from '../youtube/parse-source.js';
import type { AcquiredVideo } from '../acquire/video-sections.js';
import { planClips, type PersonAppearances } from './clip-plan.js';
import type { TimeWindow } from './clip-window.js';
import { exportClips, type CropOption, type CropPlanner, type ExportClipsResult } from './export-clips.js';
import { getPreset, maxClipLength } from './presets.js';

export interface ClipsForSourceOptions extends StageOptions {
  /** Projects root (`--out`). */
  root?: string;
  /** A local copy of the video (`--video FILE`). */
  video?: string;
  commentsFile?: string;
  preset?: string;
  crop?: CropOption;
  caption?: 'top-comment';
  fast?: boolean;
  fullDownload?: boolean;
  top?: number;
  maxLength?: number;
  cropPlanner?: CropPlanner;
  /**
   * Per-person exports: given the acquired video and the windows to clip, the people and their
   * on-screen times (the faces stage); the export then makes one clip per person and moment.
   */
  peopleFor?: (
    video: AcquiredVideo,
    windows: TimeWindow[],
    stage: StageOptions,
    project: { id: string; root?: string },
  ) => Promise<PersonAppearances[]>;
  /** Overrides what yt-dlp downloads (any URL yt-dlp reads; tests use a local server). */
  downloadUrl?: string;
  log?: (line: string) => void;
}

export interface ClipsForSourceResult extends ExportClipsResult {
  video: MomentsResult['video'];
  projectDir: string;
}

/**
 * `kirinuki clips` as a function: source → moments → the video (local, or yt-dlp sections) →
 * clips, summary and manifest in `<root>/<projectId>/`, where a local file without a YouTube id
 * gets an id from its name and content.
 */
export async function clipsForSource(source: string, options: ClipsForSourceOptions = {}): Promise<ClipsForSourceResult> {
  const parsed = parseVideoSource(source);
  const preset = getPreset(options.preset ?? 'shorts');
  const maxS = maxClipLength(preset, options.maxLength);
  const moments = await momentsForSource(source, {
    root: options.root,
    commentsFile: options.commentsFile,
    top: options.top,
    // a short cap trims the clip around the peak; only a cap above the moments' own longest window widens them
    maxLength: options.maxLength !== undefined && options.maxLength > MOMENTS_DEFAULTS.maxLength ? options.maxLength : undefined,
    save: false,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  throwIfAborted(options.signal);
  const projectId = parsed.kind === 'file' ? await localVideoId(parsed.path) : moments.video.id;
  const projectDir = projectDirOf(options.root, projectId);
  await writeJsonAtomic(`${projectDir}/${MOMENTS_FILE}`, moments);
  const plans = planClips(moments.moments, { title: moments.video.title, preset: preset.name, maxS, durationS: moments.video.durationS, top: options.top });
  const windows = plans.flatMap((p) => p.segments);
  const where = await videoForSource(parsed, moments.video.id, options.video);
  const video = await acquireVideo({
    videoFile: where.videoFile,
    downloadUrl: options.downloadUrl ?? where.downloadUrl,
    windows,
    durationS: moments.video.durationS,
    projectDir,
    fullDownload: options.fullDownload,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (video.origin !== 'local') options.log?.(`video from yt-dlp (${video.sections.length} file(s) in ${projectDir}/downloads)`);
  const stage = { signal: options.signal, onProgress: options.onProgress };
  const people = options.peopleFor ? await options.peopleFor(video, windows, stage, { id: projectId, root: options.root }) : undefined;
  const result = await exportClips({
    video,
    videoMeta: { ...moments.video, id: projectId },
    moments: moments.moments,
    projectDir,
    preset,
    maxLength: options.maxLength,
    crop: options.crop,
    caption: options.caption,
    fast: options.fast,
    top: options.top,
    cropPlanner: options.cropPlanner,
    people,
    signal: options.signal,
    onProgress: options.onProgress,
    log: options.log,
  });
  const settings = { preset: preset.name, crop: options.crop, top: options.top, maxLength: options.maxLength, fast: options.fast };
  await recordMoments(options.root, source, { ...moments, video: { ...moments.video, id: projectId } }, { top: options.top });
  await recordClips(options.root, projectId, source, result, settings);
  return { ...result, video: { ...moments.video, id: projectId }, projectDir };
}

