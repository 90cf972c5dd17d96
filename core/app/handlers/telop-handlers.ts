import { realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { CaptionCue, CaptionTrack } from '../../captions/caption-track.js';
import { readCaptions } from '../../captions/read-captions.js';
import { KirinukiError } from '../../errors.js';
import { projectDir } from '../../project/project-dir.js';
import type { Project } from '../../project/project-schema.js';
import { readTelopEdits, updateTelopEdits } from '../../telops/telop-edits.js';
import { telopBand } from '../../telops/telop-band.js';
import { DEFAULT_TELOP_STYLE, TELOP_STYLE_NAMES, telopStyle, type TelopStyle } from '../../telops/telop-style.js';
import type { TelopEdit, TelopEditsFile } from '../../telops/telop.js';
import { telopsForWindow } from '../../telops/telops-for-window.js';
import { editForCue } from '../../telops/apply-telop-edits.js';
import type { AppContext } from '../app-context.js';
import { readAppState } from '../app-state.js';
import type { AppService } from '../contract.js';
import { discardUpload, findProjectSubtitles, loadSubtitlesIntoProject, uploadedName } from '../project-subtitles.js';
import { momentViews, requireProject } from '../project-view.js';
import type { SubtitlesView, TelopEditsView, TelopRowView } from '../views.js';

type TelopHandlers = Pick<AppService, 'getTelops' | 'saveTelopEdit' | 'resetTelopEdit' | 'setTelopStyle' | 'chooseSubtitleFile' | 'attachSubtitles'>;

/** The short the editor previews: telops are broken for a 1080 × 1920 frame, as the shorts preset renders them. */
const FRAME = { width: 1080, height: 1920 };
/** A cue is named by its original start, ±0.05 s (TelopEdit). */
const sameCue = (a: number, b: number): boolean => editForCue([{ cueStart: a }], b) !== undefined;
/** The shortest cue an edit may leave. */
const MIN_CUE_S = 0.1;

const sameTime = (a: number, b: number): boolean => Math.abs(a - b) < 0.0005;
const showSeconds = (t: number): string => `${Math.round(t * 100) / 100} s`;

/** The telop editor of the Video screen: the cues of a moment, their edits, the style, and loading a subtitle file. */
export function telopHandlers(app: AppContext): TelopHandlers {
  const tracks = trackCache();
  return {
    async getTelops({ videoId, moment }) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const state = await readAppState(root, videoId);
      const edited = momentViews(project, state).find((m) => m.rank === moment);
      if (!edited) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${moment} does not exist in ${videoId}.`);
      const window = { start: edited.start, end: edited.end };
      const [file, edits] = await Promise.all([findProjectSubtitles(root, project), readTelopEdits(projectDir(root, videoId))]);
      const style = chosenStyle(edits);
      const base = { videoId, moment, window, style, styles: styleList(), frame: FRAME, band: telopBand(FRAME, style) };
      if (!file) return { ...base, subtitles: null, rows: [], telops: [] };
      const track = await tracks.read(file);
      return {
        ...base,
        subtitles: subtitlesView(file, track),
        rows: rowsInWindow(track, edits.edits, window),
        telops: telopsForWindow(track, window, { music: 'note', edits: edits.edits, frameWidth: FRAME.width, style }),
      };
    },

    async saveTelopEdit({ videoId, edit }) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const track = await requireTrack(root, project, tracks);
      const cue = cueAt(track, edit.cueStart);
      if (!cue) throw new KirinukiError('INVALID_ARGUMENT', `No cue of the subtitles of ${videoId} starts at ${showSeconds(edit.cueStart)}; open the moment again.`);
      const text = edit.text === undefined ? undefined : cleanText(edit.text);
      if (text === '') throw new KirinukiError('INVALID_ARGUMENT', `A telop needs text: hide the cue at ${showSeconds(cue.start)} instead of emptying it.`);
      const durationS = project.video?.durationS ?? Number.POSITIVE_INFINITY;
      const saved = await updateEdits(root, videoId, (file) => {
        const previous = file.edits.find((e) => sameTime(e.cueStart, cue.start)) ?? { cueStart: cue.start };
        const next: TelopEdit = { ...previous, cueStart: cue.start };
        if (text !== undefined) next.text = text;
        if (edit.start !== undefined) next.start = Math.min(edit.start, durationS);
        if (edit.end !== undefined) next.end = Math.min(edit.end, durationS);
        if (edit.hidden !== undefined) next.hidden = edit.hidden;
        const start = next.start ?? cue.start;
        const end = next.end ?? cue.end;
        if (end - start < MIN_CUE_S) {
          throw new KirinukiError('INVALID_ARGUMENT', `The cue at ${showSeconds(cue.start)} must stay at least ${MIN_CUE_S} s long (in ${showSeconds(start)}, out ${showSeconds(end)}).`);
        }
        const kept = normalizeEdit(next, cue);
        const others = file.edits.filter((e) => !sameTime(e.cueStart, cue.start));
        return { ...file, edits: kept ? [...others, kept].sort((a, b) => a.cueStart - b.cueStart) : others };
      });
      return editsView(videoId, saved);
    },

    async resetTelopEdit({ videoId, cueStart }) {
      const root = await app.root();
      await requireProject(root, videoId);
      const saved = await updateEdits(root, videoId, (file) => ({ ...file, edits: file.edits.filter((e) => !sameCue(e.cueStart, cueStart)) }));
      return editsView(videoId, saved);
    },

    async setTelopStyle({ videoId, style }) {
      const root = await app.root();
      await requireProject(root, videoId);
      const name = telopStyle(style).name;
      return editsView(videoId, await updateEdits(root, videoId, (file) => ({ ...file, style: name })));
    },

    async chooseSubtitleFile() {
      const path = app.host.chooseSubtitleFile ? await app.host.chooseSubtitleFile() : null;
      if (path) app.chosenFiles.add(await realOrResolved(path));
      return { path };
    },

    async attachSubtitles({ videoId, file }) {
      const root = await app.root();
      const project = await requireProject(root, videoId);
      const chosen = await realOrResolved(file);
      if (!app.chosenFiles.has(chosen)) {
        throw new KirinukiError(
          'INVALID_ARGUMENT',
          `Load ${basename(file)} by choosing it with "Load subtitles…" (desktop app) or uploading it (browser): the app loads only a file you chose, never a typed path.`,
        );
      }
      try {
        const loaded = await loadSubtitlesIntoProject(root, project, chosen);
        tracks.forget(loaded.file);
        return subtitlesView(loaded.file, loaded.track);
      } catch (error) {
        throw namedAsChosen(error, chosen);
      } finally {
        app.chosenFiles.delete(chosen);
        await discardUpload(chosen);
      }
    },
  };
}

/** Parsed tracks by path, read again when the file changes (a getTelops after every save must not re-parse hours of captions). */
function trackCache() {
  const cache = new Map<string, { stamp: string; track: CaptionTrack }>();
  return {
    async read(path: string): Promise<CaptionTrack> {
      const info = await stat(path).catch(() => undefined);
      const stamp = info ? `${info.size}:${info.mtimeMs}` : '';
      const hit = cache.get(path);
      if (hit && stamp && hit.stamp === stamp) return hit.track;
      const track = await readCaptions(path);
      if (cache.size > 8) cache.clear();
      cache.set(path, { stamp, track });
      return track;
    },
    forget(path: string): void {
      cache.delete(path);
    },
  };
}

async function requireTrack(root: string, project: Project, tracks: ReturnType<typeof trackCache>): Promise<CaptionTrack> {
  const file = await findProjectSubtitles(root, project);
  if (!file) throw new KirinukiError('FILE_NOT_FOUND', `The project ${project.videoId} has no subtitles to edit; load a .json3, .vtt or .srt file on the Video screen first.`);
  return tracks.read(file);
}

function updateEdits(root: string, videoId: string, change: (file: TelopEditsFile) => TelopEditsFile): Promise<TelopEditsFile> {
  return updateTelopEdits(projectDir(root, videoId), change);
}

/** The project's style; one no longer in telop-styles.json falls back to the default. */
function chosenStyle(file: TelopEditsFile): TelopStyle {
  const name = file.style !== undefined && TELOP_STYLE_NAMES.includes(file.style) ? file.style : DEFAULT_TELOP_STYLE;
  return telopStyle(name);
}

function styleList(): { name: string; label: string }[] {
  return TELOP_STYLE_NAMES.map((name) => ({ name, label: telopStyle(name).label }));
}

function editsView(videoId: string, file: TelopEditsFile): TelopEditsView {
  return { videoId, style: chosenStyle(file).name, edits: file.edits };
}

function subtitlesView(file: string, track: CaptionTrack): SubtitlesView {
  return { name: basename(file), lang: track.lang ?? null, wordTimed: track.wordTimed, cues: track.cues.length };
}

/** The cue whose original start is within ±0.05 s of `t` (the nearest one). */
function cueAt(track: CaptionTrack, t: number): CaptionCue | undefined {
  let best: CaptionCue | undefined;
  for (const cue of track.cues) {
    const off = Math.abs(cue.start - t);
    if (sameCue(cue.start, t) && (!best || off < Math.abs(best.start - t))) best = cue;
  }
  return best;
}

/** Line ends trimmed, blank lines dropped, at most two lines kept as the user wrote them. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Only what differs from the cue is kept; an edit that changes nothing is no edit. */
function normalizeEdit(edit: TelopEdit, cue: CaptionCue): TelopEdit | undefined {
  const kept: TelopEdit = { cueStart: cue.start };
  if (edit.text !== undefined && edit.text !== cue.text) kept.text = edit.text;
  if (edit.start !== undefined && !sameTime(edit.start, cue.start)) kept.start = edit.start;
  if (edit.end !== undefined && !sameTime(edit.end, cue.end)) kept.end = edit.end;
  if (edit.hidden) kept.hidden = true;
  return Object.keys(kept).length > 1 ? kept : undefined;
}

/** The cues shown in the window (as found or as edited), with their edits applied. */
function rowsInWindow(track: CaptionTrack, edits: TelopEdit[], window: { start: number; end: number }): TelopRowView[] {
  const rows: TelopRowView[] = [];
  for (const cue of track.cues) {
    const edit = editForCue(edits, cue.start);
    const start = edit?.start ?? cue.start;
    const end = edit?.end ?? cue.end;
    const overlaps = (s: number, e: number) => s < window.end && e > window.start;
    if (!overlaps(start, end) && !overlaps(cue.start, cue.end)) continue;
    rows.push({ cueStart: cue.start, start, end, text: edit?.text ?? cue.text, hidden: edit?.hidden ?? false, edited: edit !== undefined });
  }
  return rows;
}

/** An upload's error names the file the user picked (`broken.srt`), not the hidden copy the server made of it. */
function namedAsChosen(error: unknown, chosen: string): unknown {
  const name = uploadedName(chosen);
  if (name === undefined || !(error instanceof KirinukiError)) return error;
  return new KirinukiError(error.code, error.message.split(chosen).join(name), { cause: error });
}

/** The real path of a file (symlinks followed), or its resolved path when it does not exist. */
async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}
