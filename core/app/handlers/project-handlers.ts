import { existsSync } from 'node:fs';
import { readdir, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { watchUrl } from '../../acquire/video-for-source.js';
import { probeMedia } from '../../media/probe.js';
import { extractMentions } from '../../moments/extract-mentions.js';
import { formatTimestamp } from '../../moments/format-timestamp.js';
import { projectDir } from '../../project/project-dir.js';
import { localVideoId } from '../../project/local-video-id.js';
import { loadViewerSources, type LoadedViewerSources } from '../../pipeline/load-viewer-sources.js';
import { runExport } from '../../pipeline/run-export.js';
import { runMoments } from '../../pipeline/run-moments.js';
import { lockProjectRun } from '../../project/project-lock.js';
import { readProject, updateProject } from '../../project/project-store.js';
import { readCommentCache } from '../../youtube/comment-cache.js';
import { youtubeIdInName } from '../../youtube/load-comment-set.js';
import { parseSource } from '../../youtube/parse-source.js';
import type { AppContext } from '../app-context.js';
import { readAppState, updateAppState, type AppState } from '../app-state.js';
import type { AppService, CallContext } from '../contract.js';
import { linkIntoProject, PROJECT_VIDEO_EXTENSIONS } from '../link-into-project.js';
import { mentionDensity } from '../mention-density.js';
import { applyMomentChange, liveWindows, stepMomentHistory, type FoundWindow, type MomentChange } from '../moment-edits.js';
import { rewriteFraming, type FramingFile } from '../../reframe/framing.js';
import { followFraming, restampFraming } from '../../reframe/framing-moments.js';
import { timelineMedia } from '../timeline-media.js';
import { buildProjectView, requireProject } from '../project-view.js';
import { discardUpload } from '../project-subtitles.js';
import { loadViewerFile, shownName } from '../project-viewer-files.js';
import type { ProjectSummary } from '../views.js';

type ProjectHandlers = Pick<
  AppService,
  'openSource' | 'openProject' | 'listProjects' | 'attachVideo' | 'downloadVideo' | 'editMoment' | 'chooseVideoFile'
  | 'addMoment' | 'splitMoment' | 'deleteMoment' | 'undoMomentEdit' | 'getTimelineMedia'
  | 'detachVideo' | 'chooseViewerFile' | 'loadViewerFile'
>;

export function projectHandlers(app: AppContext): ProjectHandlers {
  return {
    async openSource({ source, refresh }, call) {
      const parsed = parseSource(source);
      if (parsed.kind === 'channel') return { kind: 'channel', channel: source };
      const root = await app.root();
      if (parsed.kind === 'file') return { kind: 'video', project: await openLocalFile(app, root, parsed.path, call) };
      const loaded = await loadViewerSources(source, {
        root,
        refresh: refresh ?? false,
        apiKey: await app.settings.apiKey(),
        apiRoot: app.apiRoot,
        signal: call.signal,
        onProgress: call.onProgress,
      });
      const videoId = loaded.comments.commentSet.video.id;
      await saveMoments(root, source, loaded);
      if (parsed.kind === 'info-json') await attachSibling(root, videoId, parsed.path);
      return { kind: 'video', project: await buildProjectView(root, videoId) };
    },

    async openProject({ videoId }) {
      const root = await app.root();
      await fillTimeline(root, videoId);
      return buildProjectView(root, videoId);
    },

    async listProjects() {
      return listProjects(await app.root());
    },

    async chooseVideoFile() {
      const path = app.host.chooseVideoFile ? await app.host.chooseVideoFile() : null;
      if (path) app.chosenFiles.add(await realOrResolved(path));
      return { path };
    },

    async attachVideo({ videoId, path, confirmMismatch }, call) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      if (!app.chosenFiles.has(await realOrResolved(path))) {
        throw new KirinukiError(
          'INVALID_ARGUMENT',
          `Attach ${path} by choosing it with "Choose…" (desktop app) or uploading it (browser): the app attaches only a file you chose, never a typed path.`,
        );
      }
      try {
        await attachVideo(root, videoId, path, call.signal, confirmMismatch ? undefined : project.video?.durationS);
      } catch (error) {
        // a refused browser upload (saved into `<project>/video/`) does not stay behind: confirming uploads it again
        const chosen = await realOrResolved(path);
        const attached = project.videoFile ? await realOrResolved(project.videoFile) : null;
        if ((error as { code?: unknown }).code === 'VIDEO_MISMATCH' && isProjectVideoCopy(root, videoId, chosen) && chosen !== attached) {
          await rm(chosen, { force: true });
          app.chosenFiles.delete(chosen);
        }
        throw error;
      }
      return buildProjectView(root, videoId);
    },

    async detachVideo({ videoId }) {
      const root = await app.root();
      await requireProject(root, videoId);
      await detachVideo(root, videoId);
      return buildProjectView(root, videoId);
    },

    async chooseViewerFile({ kind }) {
      const path = app.host.chooseViewerFile ? await app.host.chooseViewerFile(kind) : null;
      if (path) app.chosenFiles.add(await realOrResolved(path));
      return { path };
    },

    async loadViewerFile({ videoId, kind, file }, call) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const chosen = await realOrResolved(file);
      if (!app.chosenFiles.has(chosen)) {
        const button = kind === 'chat' ? 'Load chat…' : 'Load comments…';
        throw new KirinukiError(
          'INVALID_ARGUMENT',
          `Load ${basename(file)} with "${button}" (choose or upload it): the app loads only a file you chose, never a typed path.`,
        );
      }
      try {
        const loaded = await loadViewerFile(root, project, kind, chosen, call.signal);
        await saveMoments(root, project.source, loaded);
      } finally {
        app.chosenFiles.delete(chosen);
        await discardUpload(chosen);
      }
      return buildProjectView(root, videoId);
    },

    async downloadVideo({ videoId, url }, call) {
      const root = await app.root();
      await requireProject(root, videoId);
      const run = await runExport({
        root,
        videoId,
        input: { downloadUrl: url ?? watchUrl(videoId), fullDownload: true },
        what: 'a download in the app',
        refuseWhenBusy: true,
        signal: call.signal,
        onProgress: call.onProgress,
      });
      const file = run.project.videoFile;
      if (!file) throw new KirinukiError('DOWNLOAD_FAILED', `yt-dlp produced no video file for ${videoId}.`);
      await attachVideo(root, videoId, file, call.signal);
      return buildProjectView(root, videoId);
    },

    async editMoment({ videoId, rank, start, end, enabled, reset, merge }) {
      return changeMoments(await app.root(), videoId, { kind: 'edit', rank, start, end, enabled, reset, merge });
    },

    async addMoment({ videoId, start, end, merge }) {
      return changeMoments(await app.root(), videoId, { kind: 'add', start, end, merge });
    },

    async splitMoment({ videoId, rank, at }) {
      return changeMoments(await app.root(), videoId, { kind: 'split', rank, at });
    },

    async deleteMoment({ videoId, rank }) {
      return changeMoments(await app.root(), videoId, { kind: 'delete', rank });
    },

    async getTimelineMedia({ videoId }, call) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      if (!project.videoFile || !existsSync(project.videoFile)) return { waveform: null, strip: null, notes: [] };
      const durationS = project.video?.durationS || (await probeMedia(project.videoFile, { signal: call.signal })).durationS;
      return timelineMedia(root, videoId, project.videoFile, durationS, call.signal);
    },

    async undoMomentEdit({ videoId, redo }) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const state = await updateAppState(root, videoId, (s) => stepMomentHistory(s, redo ? 'redo' : 'undo'));
      await framingFollowsEdits(root, videoId, project.moments ?? [], state);
      return buildProjectView(root, videoId);
    },
  };
}

/** One change to the moments (core/app/moment-edits), read-modify-written under the project's state lock. */
async function changeMoments(root: string, videoId: string, change: MomentChange) {
  const project = await requireProject(root, videoId);
  const durationS = project.video?.durationS ?? Number.POSITIVE_INFINITY;
  const state = await updateAppState(root, videoId, (s) => applyMomentChange(s, project.moments ?? [], durationS, change));
  await framingFollowsEdits(root, videoId, project.moments ?? [], state);
  return buildProjectView(root, videoId);
}

/** The framing overrides of edited moments take their new windows (core/reframe/framing-moments). */
function framingFollowsEdits(root: string, videoId: string, found: readonly FoundWindow[], state: AppState): Promise<void> {
  return moveFraming(root, videoId, (file) => restampFraming(file, liveWindows(found, state)));
}

/**
 * Moves the framing overrides with the moments, after the moments' own write (an override that
 * is not moved yet only stops applying, framingOf). A framing.json this build cannot read is left
 * as it is, for the preview and the export to report.
 */
async function moveFraming(root: string, videoId: string, move: (file: FramingFile) => FramingFile): Promise<void> {
  try {
    await rewriteFraming(projectDir(root, videoId), move);
  } catch (error) {
    const code = (error as KirinukiError).code;
    if (code !== 'PROJECT_CORRUPT' && code !== 'PROJECT_TOO_NEW') throw error;
  }
}

/** The moments added by hand, kept when the found moments change, renumbered above them when a rank is taken. */
function keptAddedMoments(state: AppState, found: { rank: number }[]): Pick<AppState, 'addedMoments' | 'lastAddedRank'> {
  const top = Math.max(0, ...found.map((m) => m.rank));
  const added = state.addedMoments ?? [];
  if (added.length === 0) return { addedMoments: [], lastAddedRank: undefined };
  if (added.every((m) => m.rank > top)) return { addedMoments: added, lastAddedRank: Math.max(state.lastAddedRank ?? 0, ...added.map((m) => m.rank)) };
  const renumbered = added.map((m, i) => ({ ...m, rank: top + i + 1 }));
  return { addedMoments: renumbered, lastAddedRank: top + renumbered.length };
}

/** The moments of loaded comments, through the pipeline's moments stage, and the app's timeline of them. */
async function saveMoments(root: string, source: string, loaded: LoadedViewerSources): Promise<void> {
  const set = loaded.comments.commentSet;
  const videoId = set.video.id;
  const before = (await readProject(root, videoId))?.moments;
  const found = await runMoments(source, { root, comments: loaded.comments, sources: loaded.sources, refuseWhenBusy: true });
  const times = extractMentions(set.comments, set.video.durationS).map((m) => m.t);
  const windows = (moments: { rank: number; start: number; end: number }[] = []) => JSON.stringify(moments.map((m) => [m.rank, m.start, m.end]));
  // the user's edits of found moments are keyed by rank: when the moments themselves change, they no
  // longer apply; the moments added by hand stay (above the new ranks)
  const changed = windows(before) !== windows(found.moments);
  let stateBefore: AppState = {};
  const state = await updateAppState(root, videoId, (current) => {
    stateBefore = current;
    return {
      ...current,
      ...(changed ? { momentEdits: {}, ...keptAddedMoments(current, found.moments), momentHistory: undefined } : {}),
      density: mentionDensity(times, set.video.durationS),
      heatmap: set.heatmap ?? [],
      notice: found.moments.length === 0 ? 'No comment points at a time in this video, so there are no moments yet.' : null,
    };
  });
  // the framing overrides go with their moments (to a new rank, or away when no moment covers their time any more)
  if (changed && before) {
    const [from, to] = [liveWindows(before, stateBefore), liveWindows(found.moments, state)];
    await moveFraming(root, videoId, (file) => followFraming(file, from, to));
  }
}

/**
 * A project made by the channel batch or the CLI has moments but no timeline yet: build it from
 * the comment cache in the project folder (never a request; no cache leaves it empty).
 */
async function fillTimeline(root: string, videoId: string): Promise<void> {
  const [project, state] = await Promise.all([readProject(root, videoId), readAppState(root, videoId)]);
  if (!project?.moments?.length || state.density) return;
  const cache = await readCommentCache(root, videoId).catch(() => undefined);
  if (!cache) return;
  const times = extractMentions(cache.comments, cache.video.durationS).map((m) => m.t);
  await updateAppState(root, videoId, (s) => ({ ...s, density: mentionDensity(times, cache.video.durationS) }));
}

/** The real path of a file (symlinks followed), or its resolved path when it does not exist. */
async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Makes `path` the project's video: linked into `video/` and named in project.json. It holds the
 * project's run lock while it swaps them, so a run of the CLI never has its video replaced midway
 * (and the app never waits for one: PROJECT_BUSY names it).
 */
async function attachVideo(root: string, videoId: string, path: string, signal: AbortSignal, expectedS?: number): Promise<void> {
  const probed = await probeMedia(path, { signal });
  if (expectedS !== undefined && expectedS > 0 && Math.abs(probed.durationS - expectedS) > MISMATCH_S) {
    throw new KirinukiError(
      'VIDEO_MISMATCH',
      `${shownName(path)} is ${formatTimestamp(probed.durationS)} long, but this video is ${formatTimestamp(expectedS)}: it may be a different video or only part of it.`,
    );
  }
  const lock = await lockProjectRun(root, videoId, { what: 'attaching a video in the app', wait: false, signal });
  try {
    const previous = (await readProject(root, videoId))?.videoFile;
    const target = await linkIntoProject(root, videoId, path);
    await updateProject(root, videoId, path, { videoFile: target });
    // a replaced video: the project's own copy of the old one goes (a file outside video/ is the user's)
    if (previous && previous !== target && isProjectVideoCopy(root, videoId, previous)) await rm(previous, { force: true });
  } finally {
    await lock.release();
  }
}

/** A file in `<project>/video/`: the project's own copy (a hard link or a copy), never the user's original. */
function isProjectVideoCopy(root: string, videoId: string, file: string): boolean {
  return resolve(dirname(file)) === resolve(join(projectDir(root, videoId), 'video'));
}

/** How far a file's duration may be from the video's before attaching it asks first. */
const MISMATCH_S = 2;

/**
 * The project forgets its video: project.json names none and the copy (or hard link) in
 * `<project>/video/` is removed; the moments, edits and people stay. Under the run lock, like attaching.
 */
async function detachVideo(root: string, videoId: string): Promise<void> {
  const lock = await lockProjectRun(root, videoId, { what: 'detaching the video in the app', wait: false });
  try {
    const project = await requireProject(root, videoId);
    const file = project.videoFile;
    await updateProject(root, videoId, project.source, { videoFile: undefined });
    // only the project's own copy: a file outside `<project>/video/` is the user's and stays
    if (file && isProjectVideoCopy(root, videoId, file)) await rm(file, { force: true });
  } finally {
    await lock.release();
  }
}

/** yt-dlp writes `Title [id].mp4` beside `Title [id].info.json`: use that video when it is there. */
async function attachSibling(root: string, videoId: string, infoJson: string): Promise<void> {
  const stem = infoJson.replace(/\.info\.json$/i, '');
  const sibling = PROJECT_VIDEO_EXTENSIONS.map((ext) => `${stem}${ext}`).find((p) => existsSync(p));
  if (sibling) await attachVideo(root, videoId, sibling, new AbortController().signal);
}

async function openLocalFile(app: AppContext, root: string, path: string, call: CallContext) {
  const probed = await probeMedia(path, { signal: call.signal });
  const videoId = youtubeIdInName(path) ?? (await localVideoId(path));
  const existing = await readProject(root, videoId);
  if (!existing?.moments && youtubeIdInName(path)) {
    try {
      const loaded = await loadViewerSources(path, {
        root,
        apiKey: await app.settings.apiKey(),
        apiRoot: app.apiRoot,
        signal: call.signal,
        onProgress: call.onProgress,
      });
      await saveMoments(root, path, loaded);
    } catch (error) {
      if ((error as KirinukiError).code === 'CANCELLED') throw error;
      await noComments(root, videoId, path, probed.durationS, (error as Error).message);
    }
  } else if (!existing?.moments) {
    await noComments(root, videoId, path, probed.durationS, null);
  }
  await attachVideo(root, videoId, path, call.signal);
  return buildProjectView(root, videoId);
}

async function noComments(root: string, videoId: string, path: string, durationS: number, why: string | null): Promise<void> {
  const title = basename(path);
  await updateProject(root, videoId, path, { video: { id: videoId, title, durationS }, moments: [], commentsFetched: 0, mentions: 0 });
  // `why` is the core's own wording (a file name, a flag): the user is told what to do instead
  const notice = why
    ? "This video's comments could not be loaded, so there are no moments yet. Add a YouTube API key in Settings, or load its comments, chat or subtitles file."
    : 'This video file has no comments yet, so there are no moments. Load its comments, chat or subtitles file to find them.';
  await updateAppState(root, videoId, (state) => ({ ...state, notice }));
}

async function listProjects(root: string): Promise<ProjectSummary[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const summaries: ProjectSummary[] = [];
  for (const name of names) {
    if (!existsSync(join(root, name, 'project.json'))) continue;
    try {
      const project = await readProject(root, name);
      if (!project?.video) continue;
      summaries.push({
        videoId: project.videoId,
        title: project.video.title,
        durationS: project.video.durationS,
        moments: project.moments?.length ?? 0,
        hasVideo: Boolean(project.videoFile && existsSync(project.videoFile)),
        updatedAt: project.updatedAt,
      });
    } catch {
      // a damaged project is reported when opened, not in the recent list
    }
  }
  return summaries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 20);
}
