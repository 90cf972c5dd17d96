import { join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { showValue } from '../fs/show-value.js';

export const DEFAULT_PROJECTS_ROOT = 'kirinuki-projects';

/**
 * A project folder's name: a YouTube id or Kirinuki's own local id (a slug of the file name,
 * Japanese kept, and a hash); never a path: no separator, control character or leading dot.
 */
// eslint-disable-next-line no-control-regex
const PROJECT_ID = /^[^\\/\u0000-\u001f\u007f:*?"<>|.][^\\/\u0000-\u001f\u007f:*?"<>|]{0,119}$/u;

/** The last line of defence: every id is checked where it enters, and again before it becomes a folder. */
export function assertProjectId(videoId: string): void {
  if (!PROJECT_ID.test(videoId) || videoId.includes('..')) {
    throw new KirinukiError('INVALID_ARGUMENT', `${showValue(videoId)} is not a video id: a project folder's name has no path separator, control character or leading dot.`);
  }
}

/** `<root>/<videoId>/`: one folder per video, shared by every command and the app. */
export function projectDir(root: string | undefined, videoId: string): string {
  assertProjectId(videoId);
  return resolve(root ?? DEFAULT_PROJECTS_ROOT, videoId);
}

export function projectFile(root: string | undefined, videoId: string, ...parts: string[]): string {
  return join(projectDir(root, videoId), ...parts);
}
