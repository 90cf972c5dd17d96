import { copyFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { KirinukiError } from '../../errors.js';
import { readManifest, type ClipRecord } from '../../export/manifest.js';
import type { Moment } from '../../moments/types.js';
import { projectDir } from '../../project/project-dir.js';
import type { AppContext } from '../app-context.js';
import type { AppProgress, AppService, CallContext } from '../contract.js';
import { mediaRefFor } from '../project-media.js';
import { buildProjectView, requireProject } from '../project-view.js';
import type { ClipView, CropMode, ExportLibraryView, ExportSettingsView, ExportView, MomentView, PeopleView, PresetName } from '../views.js';
import { CROP_MODES, PRESET_NAMES } from '../views.js';
import { readAppState, updateAppState, type AppState } from '../app-state.js';
import { deleteExportOutput, exportLibrary } from '../export-library.js';
import { saveClipUpload } from '../save-clip-upload.js';
import { presetClipCap } from '../../pipeline/preset-clip-cap.js';
import { resolveProjectMedia } from '../project-media.js';
import { appFaceSettings, peopleView } from './people-handlers.js';
import { runExport } from '../../pipeline/run-export.js';
import { findProjectSubtitles } from '../project-subtitles.js';
import { readFraming } from '../../reframe/framing.js';

type ExportHandlers = Pick<AppService, 'exportClips' | 'listClips' | 'listExports' | 'deleteExport' | 'saveClipUpload' | 'saveExportSettings' | 'saveExportAs'>;

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

async function exportView(root: string, videoId: string, clips: ClipRecord[], notes: ExportView['notes'] = []): Promise<ExportView> {
  const names = new Map((await peopleView(root, videoId)).people.map((p) => [p.id, p.name ?? p.id]));
  const views = await Promise.all(clips.map((clip) => clipView(root, videoId, clip)));
  const shown = views.filter((v): v is ClipView => v !== null).map((v) => ({ ...v, person: v.person ? (names.get(v.person) ?? v.person) : null }));
  return { videoId, clips: shown, folder: projectDir(root, videoId), notes };
}

/** The export's progress for the two bars of the Export screen: the whole job, and the clip being made (its item). */
function exportProgress(call: CallContext): (p: AppProgress) => void {
  return (p) => {
    if (p.stage === 'export' || p.stage === 'summary') {
      call.onProgress({ stage: p.stage, fraction: p.stage === 'summary' ? 0.99 : p.fraction, message: p.message, ...(p.item ? { item: p.item } : {}) });
    }
  };
}

/** The chosen people by id (the follow camera matches tracks by identity; the UI shows the names). */
function chosenPeople(people: PeopleView, personIds: string[]): string[] | undefined {
  if (!people.analyzed || people.people.every((p) => p.hidden)) {
    throw new KirinukiError('NO_FACES', `No visible person to export in ${people.videoId}; find people first or pick someone.`);
  }
  return personIds.length > 0 ? personIds : undefined;
}

/** True when a moment's framing (the Video screen's preview) has the follow camera on it: follow or split. */
async function framingFollowsFaces(root: string, videoId: string): Promise<boolean> {
  const framing = await readFraming(projectDir(root, videoId));
  return Object.values(framing.moments).some((o) => o.mode === 'follow' || o.mode === 'split');
}

const CAPTIONS = ['none', 'speech', 'top-comment', 'both'] as const;

/** The remembered settings, when they still name a preset, crop and caption mode the app knows. */
export function rememberedSettings(state: AppState): ExportSettingsView | null {
  const saved = state.exportSettings;
  if (!saved) return null;
  const preset = PRESET_NAMES.find((p) => p === saved.preset);
  const crop = CROP_MODES.find((c) => c === saved.crop);
  const caption = CAPTIONS.find((c) => c === saved.caption);
  if (!preset || !crop || !caption) return null;
  return { preset: preset as PresetName, crop: crop as CropMode, caption, perPerson: saved.perPerson, personIds: saved.personIds, maxLengthS: saved.maxLengthS };
}

/** The clip library of a project and its remembered export settings. */
async function libraryView(root: string, videoId: string): Promise<ExportLibraryView> {
  await requireProject(root, videoId);
  const names = new Map((await peopleView(root, videoId)).people.map((p) => [p.id, p.name ?? p.id]));
  const [exports, state] = await Promise.all([exportLibrary(root, videoId, names), readAppState(root, videoId).catch(() => ({}))]);
  return { videoId, folder: projectDir(root, videoId), exports, settings: rememberedSettings(state) };
}

export function exportHandlers(app: AppContext): ExportHandlers {
  return {
    async exportClips(args, call) {
      const root = await app.root();
      const project = await requireProject(root, args.videoId);
      const { videoId: _videoId, ...chosen } = args;
      // remembered before the run: a cancelled or failed export keeps what the user picked
      await updateAppState(root, args.videoId, (state) => ({ ...state, exportSettings: chosen }));
      if (!project.videoFile || !project.video) {
        throw new KirinukiError('FILE_NOT_FOUND', `The project ${args.videoId} has no video file yet; attach it on the Video screen.`);
      }
      const view = await buildProjectView(root, args.videoId);
      const moments = view.moments.filter((m) => m.enabled).map(toMoment);
      if (moments.length === 0) throw new KirinukiError('INVALID_ARGUMENT', 'Every moment is switched off: turn at least one on.');
      // the people found on the People screen (the whole video's analysis, read from faces.json)
      const people = await peopleView(root, args.videoId);
      const persons = args.perPerson ? chosenPeople(people, args.personIds) : undefined;
      // a follow camera (the export's, or a moment's framing on the preview) follows the People screen's tracks
      const needFaces = args.perPerson || (people.analyzed && (args.crop === 'follow' || (await framingFollowsFaces(root, args.videoId))));
      const faces = needFaces ? await appFaceSettings(app) : undefined;
      const subtitles = args.caption === 'speech' || args.caption === 'both' ? await findProjectSubtitles(root, project) : null;
      // the guidelines profile Settings chose for the video's channel, its maxClipS lowering the cap
      const guidelines = await app.settings.channelGuidelines(project.video);
      const cap = presetClipCap(guidelines, { preset: args.preset, maxLength: args.maxLengthS ?? undefined });
      const run = await runExport({
        root,
        videoId: args.videoId,
        clips: {
          preset: args.preset,
          crop: args.crop,
          moments,
          ...(cap.maxLength !== undefined ? { maxLength: cap.maxLength } : {}),
          ...(guidelines ? { guidelines } : {}),
          captions: args.caption,
          perPerson: args.perPerson,
          ...(persons ? { persons } : {}),
        },
        ...(faces ? { faces } : {}),
        ...(subtitles ? { subtitles } : {}),
        what: 'an export in the app',
        refuseWhenBusy: true,
        signal: call.signal,
        onProgress: exportProgress(call),
      });
      return exportView(root, args.videoId, run.exported?.clips ?? [], [...(cap.note ? [cap.note] : []), ...(run.exported?.notes ?? [])]);
    },

    async listClips({ videoId }) {
      const root = await app.root();
      const manifest = await readManifest(projectDir(root, videoId));
      return exportView(root, videoId, manifest?.clips ?? []);
    },

    async listExports({ videoId }) {
      return libraryView(await app.root(), videoId);
    },

    async saveExportSettings({ videoId, ...changed }) {
      const root = await app.root();
      await requireProject(root, videoId);
      const fallback: ExportSettingsView = {
        preset: (await app.settings.view()).defaultPreset, crop: 'follow', perPerson: false, personIds: [], caption: 'none', maxLengthS: null,
      };
      let saved: ExportSettingsView = fallback;
      await updateAppState(root, videoId, (state) => {
        saved = { ...(rememberedSettings(state) ?? fallback), ...changed };
        return { ...state, exportSettings: saved };
      });
      return saved;
    },

    async deleteExport({ file }) {
      const root = await app.root();
      await requireProject(root, file.videoId);
      await deleteExportOutput(root, file.videoId, await resolveProjectMedia(root, file));
      return libraryView(root, file.videoId);
    },

    async saveClipUpload({ file, upload }) {
      const root = await app.root();
      await requireProject(root, file.videoId);
      await saveClipUpload(root, file.videoId, await resolveProjectMedia(root, file), upload);
      return libraryView(root, file.videoId);
    },

    async saveExportAs({ file }) {
      const path = await resolveProjectMedia(await app.root(), file);
      if (!app.host.chooseSavePath || !['.mp4', '.mkv'].includes(extname(path).toLowerCase())) return { saved: false, path: null };
      const target = await app.host.chooseSavePath(basename(path));
      if (!target) return { saved: false, path: null };
      await copyFile(path, target);
      return { saved: true, path: target };
    },
  };
}
