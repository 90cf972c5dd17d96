import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, realpath, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SOURCES_FOLDER } from '../acquire/fetch-viewer-files.js';
import { KirinukiError } from '../errors.js';
import { projectDir } from '../project/project-dir.js';
import { videoIdSchema } from './contract.js';
import { PROJECT_VIDEO_EXTENSIONS, projectVideoName, projectVideoTarget } from './link-into-project.js';
import { SUBTITLE_FILE_EXTENSIONS, UPLOAD_PREFIX } from './project-subtitles.js';
import { requireProject } from './project-view.js';

/**
 * A file the user picked in the browser's file chooser (`kirinuki serve` has no native dialog),
 * streamed through a `.part` file: a video into `<root>/<videoId>/video/<name>`, a subtitle file
 * (.json3/.vtt/.srt) into a hidden `<project>/sources/.upload-…` that `attachSubtitles` reads and
 * copies into place. Returns the file's real path, which the caller records as chosen so
 * `attachVideo` / `attachSubtitles` accept it.
 */
export async function saveUpload(root: string, videoId: string, name: string, body: Readable): Promise<string> {
  if (!videoIdSchema.safeParse(videoId).success) throw new KirinukiError('INVALID_ARGUMENT', `"${videoId}" is not a video id.`);
  const fileName = projectVideoName(name);
  const ext = extname(fileName).toLowerCase();
  // a comments file ({video, threads}, .info.json) or a .live_chat.json is kept hidden like a subtitle file until read
  const subtitle = SUBTITLE_FILE_EXTENSIONS.includes(ext) || ext === '.json';
  if ((!PROJECT_VIDEO_EXTENSIONS.includes(ext) && !subtitle) || fileName.startsWith('.')) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `"${name}" cannot be loaded here: choose a video file (${PROJECT_VIDEO_EXTENSIONS.join(', ')}), a subtitle file (${SUBTITLE_FILE_EXTENSIONS.join(', ')}), or a comments or live-chat file (.json).`,
    );
  }
  await requireProject(root, videoId);
  const target = subtitle ? await subtitleUploadTarget(root, videoId, fileName) : await freeVideoTarget(root, videoId, fileName);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    await pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return realpath(target);
}

/**
 * `<project>/video/<name>`, or `<name> (2)` … when that is taken: an upload never overwrites the
 * attached video before attachVideo has checked it (a file of another length may still be refused).
 */
async function freeVideoTarget(root: string, videoId: string, fileName: string): Promise<string> {
  const first = await projectVideoTarget(root, videoId, fileName);
  if (!existsSync(first)) return first;
  const ext = extname(first);
  const stem = first.slice(0, first.length - ext.length);
  for (let n = 2; n < 1000; n++) {
    const next = `${stem} (${n})${ext}`;
    if (!existsSync(next)) return next;
  }
  throw new KirinukiError('INVALID_ARGUMENT', `Too many uploads named "${fileName}" in this project; rename the file and upload it again.`);
}

/** `<project>/sources/.upload-<random>-<name>`: hidden, so it is never taken for the project's subtitles before it is read. */
async function subtitleUploadTarget(root: string, videoId: string, fileName: string): Promise<string> {
  const folder = join(projectDir(root, videoId), SOURCES_FOLDER);
  await mkdir(folder, { recursive: true });
  return join(folder, `${UPLOAD_PREFIX}${randomBytes(4).toString('hex')}-${fileName}`);
}
