import { stat } from 'node:fs/promises';
import { KirinukiError } from '../../errors.js';
import { exportClips } from '../../export/export-clips.js';
import { readManifest, type ClipRecord } from '../../export/manifest.js';
import type { Moment } from '../../moments/types.js';
import { projectDir } from '../../project/project-dir.js';
import type { AppContext } from '../app-context.js';
import type { AppProgress, AppService, CallContext } from '../contract.js';
import { mediaRefFor } from '../project-media.js';
import { buildProjectView, requireProject } from '../project-view.js';
import type { ClipView, ExportView, MomentView } from '../views.js';
import { peopleView, storedTracks } from './people-handlers.js';
import { createFollowCropPlanner } from '../../reframe/follow-crop-planner.js';
import type { PersonAppearances } from '../../export/clip-plan.js';

type ExportHandlers = Pick<AppService, 'exportClips' | 'listClips'>;

function toMoment(view: MomentView): Moment {
  const { rank, start, end, peak, score, mentions, comments } = view;
  return { rank, start, end, peak: Math.min(Math.max(peak, start), end), score, mentions, comments };
}

async function clipView(root: string, videoId: string, clip: ClipRecord): Promise<ClipView | null> {
  const file = mediaRefFor(root, videoId, clip.path);
  if (!file) return null;
  const size = await stat(clip.path).then((s) => s.size, () => -1);
  if (size < 0) return null;
  const { path, moment, person, start, end, width, height, durationS } = clip;
  return { file, path, moment, person, start, end, width, height, durationS, sizeBytes: size };
}

async function exportView(root: string, videoId: string, clips: ClipRecord[]): Promise<ExportView> {
  const names = new Map((await peopleView(root, videoId)).people.map((p) => [p.id, p.name ?? p.id]));
  const views = await Promise.all(clips.map((clip) => clipView(root, videoId, clip)));
  const shown = views.filter((v): v is ClipView => v !== null).map((v) => ({ ...v, person: v.person ? (names.get(v.person) ?? v.person) : null }));
  return { videoId, clips: shown, folder: projectDir(root, videoId) };
}

/**
 * Turns the exporter's two progress stages (`clip` for the file being made, `export` for the
 * whole job with "clip i/n") into one event carrying both, for the two bars of the Export screen.
 */
function exportProgress(call: CallContext): (p: { stage: string; fraction: number; message?: string }) => void {
  let item: NonNullable<AppProgress['item']> = { index: 0, count: 1, fraction: 0 };
  return (p) => {
    if (p.stage === 'clip') item = { ...item, fraction: p.fraction, label: p.message ?? '' };
    const counted = /clip (\d+)\/(\d+)/.exec(p.message ?? '');
    if (p.stage === 'export' && counted) item = { ...item, index: Number(counted[1]) - 1, count: Number(counted[2]) };
    if (p.stage === 'export' || p.stage === 'summary') {
      call.onProgress({ stage: p.stage, fraction: p.stage === 'summary' ? 0.99 : p.fraction, message: p.message, item });
    }
  };
}

async function personAppearances(root: string, videoId: string, personIds: string[]): Promise<PersonAppearances[]> {
  const people = await peopleView(root, videoId);
  const chosen = people.people.filter((p) => !p.hidden && (personIds.length === 0 || personIds.includes(p.id)));
  if (!people.analyzed || chosen.length === 0) {
    throw new KirinukiError('NO_FACES', `No visible person to export in ${videoId}; find people first or pick someone.`);
  }
  // by id, as the follow crop matches tracks by identity; the UI shows the names
  return chosen.map((p) => ({ person: p.id, appearances: p.appearances.map(([start, end]) => ({ start, end })) }));
}

export function exportHandlers(app: AppContext): ExportHandlers {
  return {
    async exportClips(args, call) {
      const root = await app.root();
      const project = await requireProject(root, args.videoId);
      if (!project.videoFile || !project.video) {
        throw new KirinukiError('FILE_NOT_FOUND', `The project ${args.videoId} has no video file yet; attach it on the Video screen.`);
      }
      const view = await buildProjectView(root, args.videoId);
      const moments = view.moments.filter((m) => m.enabled).map(toMoment);
      const tracks = args.crop === 'follow' ? await storedTracks(root, args.videoId) : undefined;
      if (moments.length === 0) throw new KirinukiError('INVALID_ARGUMENT', 'Every moment is switched off: turn at least one on.');
      const result = await exportClips({
        video: project.videoFile,
        videoMeta: { id: args.videoId, title: project.video.title, durationS: project.video.durationS },
        moments,
        projectDir: projectDir(root, args.videoId),
        preset: args.preset,
        ...(args.maxLengthS !== null ? { maxLength: args.maxLengthS } : {}),
        crop: args.crop,
        ...(args.crop === 'follow' ? { cropPlanner: createFollowCropPlanner({ tracks: () => tracks }) } : {}),
        ...(args.caption === 'top-comment' ? { caption: 'top-comment' as const } : {}),
        ...(args.perPerson ? { people: await personAppearances(root, args.videoId, args.personIds) } : {}),
        signal: call.signal,
        onProgress: exportProgress(call),
      });
      return exportView(root, args.videoId, result.clips);
    },

    async listClips({ videoId }) {
      const root = await app.root();
      const manifest = await readManifest(projectDir(root, videoId));
      return exportView(root, videoId, manifest?.clips ?? []);
    },
  };
}
