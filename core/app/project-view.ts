import { existsSync } from 'node:fs';
import { KirinukiError } from '../errors.js';
import type { Moment } from '../moments/types.js';
import { readProject } from '../project/project-store.js';
import type { Project } from '../project/project-schema.js';
import { readAppState, type AppState, type MomentEdit } from './app-state.js';
import { projectVideoRef } from './project-media.js';
import { videoFrameRate } from './video-rate.js';
import { momentSignals, readSignalsForLanes, signalLanes, signalsView } from './signal-lanes.js';
import type { MomentView, ProjectView } from './views.js';

/** A moment as the UI shows it: the found window with the user's edits applied. */
export function applyMomentEdit(moment: Moment, edit: MomentEdit | undefined): MomentView {
  const start = edit?.start ?? moment.start;
  const end = edit?.end ?? moment.end;
  return {
    rank: moment.rank,
    start,
    end: Math.max(end, start + 0.1),
    peak: moment.peak,
    score: moment.score,
    mentions: moment.mentions,
    enabled: edit?.enabled ?? true,
    edited: edit?.start !== undefined || edit?.end !== undefined,
    comments: moment.comments,
    signals: momentSignals(moment.signals),
  };
}

/** The moments that stand: found ones with their edits (deleted ones left out), then those added by hand. */
export function momentViews(project: Project, state: AppState): MomentView[] {
  const edits = state.momentEdits ?? {};
  const found = (project.moments ?? [])
    .filter((m) => !edits[String(m.rank)]?.deleted)
    .map((m) => applyMomentEdit(m as Moment, edits[String(m.rank)]));
  const added = (state.addedMoments ?? []).map(
    (m): MomentView => ({
      rank: m.rank,
      start: m.start,
      end: m.end,
      peak: (m.start + m.end) / 2,
      score: 0,
      mentions: 0,
      enabled: m.enabled ?? true,
      edited: true,
      added: true,
      comments: [],
      signals: {},
    }),
  );
  return [...found, ...added];
}

export async function requireProject(root: string, videoId: string): Promise<Project> {
  const project = await readProject(root, videoId);
  if (!project) {
    throw new KirinukiError('FILE_NOT_FOUND', `There is no project for ${videoId} in ${root}; open the video first.`);
  }
  return project;
}

/** The project as the Video screen needs it. */
export async function buildProjectView(root: string, videoId: string): Promise<ProjectView> {
  const project = await requireProject(root, videoId);
  const [state, signals] = await Promise.all([readAppState(root, videoId), readSignalsForLanes(root, videoId)]);
  const video = project.videoFile && existsSync(project.videoFile) ? projectVideoRef(root, videoId, project.videoFile) : null;
  const durationS = project.video?.durationS ?? 0;
  return {
    videoId,
    source: project.source,
    title: project.video?.title ?? videoId,
    durationS,
    channelTitle: project.video?.channelTitle ?? null,
    commentsFetched: project.commentsFetched ?? 0,
    mentions: project.mentions ?? 0,
    density: state.density ?? { binS: Math.max(1, durationS / 200), counts: [] },
    heatmap: state.heatmap ?? [],
    lanes: signalLanes({ durationS, density: state.density, heatmap: state.heatmap, signals }),
    signals: signalsView(project, signals),
    moments: momentViews(project, state),
    momentHistory: { undo: state.momentHistory?.undo.length ?? 0, redo: state.momentHistory?.redo.length ?? 0 },
    video,
    fps: video && project.videoFile ? await videoFrameRate(project.videoFile) : null,
    notice: state.notice ?? null,
    hasPeople: (project.identities ?? []).length > 0,
  };
}
