import { existsSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { watchUrl } from '../../acquire/video-for-source.js';
import { probeMedia } from '../../media/probe.js';
import { extractMentions } from '../../moments/extract-mentions.js';
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
import { readAppState, updateAppState } from '../app-state.js';
import type { AppService, CallContext } from '../contract.js';
import { linkIntoProject, PROJECT_VIDEO_EXTENSIONS } from '../link-into-project.js';
import { mentionDensity } from '../mention-density.js';
import { buildProjectView, requireProject } from '../project-view.js';
import type { ProjectSummary } from '../views.js';

type ProjectHandlers = Pick<
  AppService,
  'openSource' | 'openProject' | 'listProjects' | 'attachVideo' | 'downloadVideo' | 'editMoment' | 'chooseVideoFile'
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

    async attachVideo({ videoId, path }, call) {
      const root = await app.root();
      await requireProject(root, videoId);
      if (!app.chosenFiles.has(await realOrResolved(path))) {
        throw new KirinukiError(
          'INVALID_ARGUMENT',
          `Attach ${path} by choosing it with "Choose…" (desktop app) or uploading it (browser): the app attaches only a file you chose, never a typed path.`,
        );
      }
      await attachVideo(root, videoId, path, call.signal);
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

    async editMoment({ videoId, rank, start, end, enabled, reset }) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const moment = project.moments?.find((m) => m.rank === rank);
      if (!moment) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${rank} does not exist in ${videoId}.`);
      const durationS = project.video?.durationS ?? Number.POSITIVE_INFINITY;
      await updateAppState(root, videoId, (state) => {
        const edits = { ...(state.momentEdits ?? {}) };
        const previous = reset ? {} : (edits[String(rank)] ?? {});
        const next = { ...previous };
        if (start !== undefined) next.start = Math.min(start, durationS);
        if (end !== undefined) next.end = Math.min(end, durationS);
        if (enabled !== undefined) next.enabled = enabled;
        const s = next.start ?? moment.start;
        const e = next.end ?? moment.end;
        if (e - s < 0.5) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${rank} must be at least 0.5 s long.`);
        edits[String(rank)] = next;
        return { ...state, momentEdits: edits };
      });
      return buildProjectView(root, videoId);
    },
  };
}

/** The moments of loaded comments, through the pipeline's moments stage, and the app's timeline of them. */
async function saveMoments(root: string, source: string, loaded: LoadedViewerSources): Promise<void> {
  const set = loaded.comments.commentSet;
  const videoId = set.video.id;
  const before = (await readProject(root, videoId))?.moments;
  const found = await runMoments(source, { root, comments: loaded.comments, sources: loaded.sources, refuseWhenBusy: true });
  const times = extractMentions(set.comments, set.video.durationS).map((m) => m.t);
  const windows = (moments: { rank: number; start: number; end: number }[] = []) => JSON.stringify(moments.map((m) => [m.rank, m.start, m.end]));
  // the user's edits are keyed by rank: when the moments themselves change, they no longer apply
  const changed = windows(before) !== windows(found.moments);
  await updateAppState(root, videoId, (state) => ({
    ...state,
    ...(changed ? { momentEdits: {} } : {}),
    density: mentionDensity(times, set.video.durationS),
    heatmap: set.heatmap ?? [],
    notice: found.moments.length === 0 ? 'No comment points at a time in this video, so there are no moments yet.' : null,
  }));
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
async function attachVideo(root: string, videoId: string, path: string, signal: AbortSignal): Promise<void> {
  await probeMedia(path, { signal });
  const lock = await lockProjectRun(root, videoId, { what: 'attaching a video in the app', wait: false, signal });
  try {
    const target = await linkIntoProject(root, videoId, path);
    await updateProject(root, videoId, path, { videoFile: target });
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
  const notice = why
    ? `Comments could not be loaded (${why}). Set an API key in Settings or open the video's .info.json.`
    : 'A video file alone has no comments: open its YouTube URL or yt-dlp .info.json to find moments.';
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
