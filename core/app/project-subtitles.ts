import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, extname, isAbsolute, join } from 'node:path';
import { SOURCES_FOLDER, SOURCES_RECORD } from '../acquire/fetch-viewer-files.js';
import { findSidecarFiles, pickSubtitle, SUBTITLE_EXTENSIONS } from '../acquire/sidecar-files.js';
import { captionReactions } from '../captions/caption-reactions.js';
import type { CaptionTrack } from '../captions/caption-track.js';
import { langFromName, readCaptions } from '../captions/read-captions.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { projectDir } from '../project/project-dir.js';
import type { Project } from '../project/project-schema.js';
import { updateProject } from '../project/project-store.js';

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The project's caption track file, or null when it has none. Looked for in this order:
 * 1. project.json's `signals.captions.file` (the signals stage records the file it read — a
 *    `--subs FILE`, a sidecar or yt-dlp's — and the app records a file the user loaded);
 * 2. `<project>/sources/`: the subtitle yt-dlp's fetch named in `fetch.json`, else the best
 *    `<videoId>.<lang>.json3|vtt|srt` there (projects made before the signals stage recorded it);
 * 3. the sidecar beside the project's source when it is a local `.info.json` or video
 *    (`Title [id].<lang>.json3|vtt|srt`).
 */
export async function findProjectSubtitles(root: string, project: Project): Promise<string | null> {
  const recorded = project.signals?.captions?.file;
  if (typeof recorded === 'string' && isAbsolute(recorded) && isFile(recorded)) return recorded;
  const sources = join(projectDir(root, project.videoId), SOURCES_FOLDER);
  const fetched = await fetchedSubtitle(sources);
  if (fetched) return fetched;
  const names = await readdir(sources).catch(() => [] as string[]);
  const picked = pickSubtitle(names, project.videoId);
  if (picked && isFile(join(sources, picked))) return join(sources, picked);
  if (isAbsolute(project.source) && isFile(project.source)) {
    const beside = await findSidecarFiles(project.source);
    if (beside.subs && isFile(beside.subs)) return beside.subs;
  }
  return null;
}

async function fetchedSubtitle(sources: string): Promise<string | null> {
  const record = (await readJsonIfExists(join(sources, SOURCES_RECORD)).catch(() => undefined)) as { files?: { subs?: unknown } } | undefined;
  const name = record?.files?.subs;
  if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) return null;
  return isFile(join(sources, name)) ? join(sources, name) : null;
}

/** The extensions of the subtitle files the app loads, with their dot. */
export const SUBTITLE_FILE_EXTENSIONS: readonly string[] = SUBTITLE_EXTENSIONS.map((ext) => `.${ext}`);

export interface LoadedSubtitles {
  file: string;
  track: CaptionTrack;
}

/**
 * Makes a subtitle file the user chose the project's caption track: read first (a file Kirinuki
 * cannot read is SUBTITLES_UNREADABLE and changes nothing), then copied into
 * `<project>/subtitles/<videoId>.<lang>.<ext>` (not `sources/`, which a later yt-dlp fetch replaces
 * whole) and named in project.json's `signals.captions`, so the app and every later export find it.
 */
export async function loadSubtitlesIntoProject(root: string, project: Project, chosen: string): Promise<LoadedSubtitles> {
  const track = await readCaptions(chosen);
  const ext = extname(chosen).toLowerCase();
  const lang = sanitizeLang(track.lang ?? langFromName(chosen) ?? 'und');
  const folder = join(projectDir(root, project.videoId), CHOSEN_SUBTITLES_FOLDER);
  await mkdir(folder, { recursive: true });
  const target = join(folder, `${project.videoId}.${lang}${ext}`);
  if (chosen !== target) {
    const temporary = join(folder, `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
    try {
      await copyFile(chosen, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  const tags = captionReactions(track).length;
  await updateProject(root, project.videoId, project.source, (current) => ({
    signals: { ...(current.signals ?? { notes: [] }), captions: { tags, file: target } },
  }));
  return { file: target, track };
}

/** Subtitle files the user loaded in the app. */
const CHOSEN_SUBTITLES_FOLDER = 'subtitles';

/** `ja`, `en-US`, `ja-orig` as they are; anything else (a long or odd tag) becomes `und`. */
function sanitizeLang(lang: string): string {
  return /^[A-Za-z0-9_-]{1,20}$/.test(lang) && lang !== 'live_chat' ? lang : 'und';
}

/** The prefix of a subtitle file uploaded from the browser, kept hidden in `sources/` until it is read (core/app/save-upload.ts). */
export const UPLOAD_PREFIX = '.upload-';

/** `.upload-1a2b3c4d-panel.ja.vtt` → `panel.ja.vtt`; undefined for a file that is not an upload. */
export function uploadedName(path: string): string | undefined {
  const name = basename(path);
  if (!name.startsWith(UPLOAD_PREFIX)) return undefined;
  return /^[0-9a-f]+-(.+)$/.exec(name.slice(UPLOAD_PREFIX.length))?.[1];
}

/** Removes an upload once it was read (copied into place, or unreadable): the project keeps no junk. */
export async function discardUpload(path: string): Promise<void> {
  if (uploadedName(path) !== undefined && existsSync(path)) await rm(path, { force: true });
}
