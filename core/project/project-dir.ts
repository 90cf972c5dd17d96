import { join, resolve } from 'node:path';

export const DEFAULT_PROJECTS_ROOT = 'kirinuki-projects';

/** `<root>/<videoId>/`: one folder per video, shared by every command and the app. */
export function projectDir(root: string | undefined, videoId: string): string {
  return resolve(root ?? DEFAULT_PROJECTS_ROOT, videoId);
}

export function projectFile(root: string | undefined, videoId: string, ...parts: string[]): string {
  return join(projectDir(root, videoId), ...parts);
}
