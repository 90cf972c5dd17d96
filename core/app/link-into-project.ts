import { copyFile, link, lstat, mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { projectDir } from '../project/project-dir.js';

/**
 * Puts a local video inside its project folder (a hard link when the disk allows, else a copy to a
 * temporary name renamed at the end), so the media the UI plays is always served from a project
 * folder and never from an arbitrary path.
 */
export async function linkIntoProject(root: string, videoId: string, source: string): Promise<string> {
  const target = await projectVideoTarget(root, videoId, source);
  // the file itself: a hard link to a symlink is a symlink out of the project, which media refuses
  const file = await realpath(source);
  if (await sameFile(file, target)) return target;
  await rm(target, { force: true });
  try {
    await link(file, target);
  } catch {
    const temporary = `${target}.part`;
    try {
      await copyFile(file, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  return target;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), lstat(b)]);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** The extensions of the video files the app attaches (a yt-dlp download's sibling, an upload). */
export const PROJECT_VIDEO_EXTENSIONS: readonly string[] = ['.mp4', '.webm', '.mkv', '.mov', '.m4v'];

/** The name a video gets inside `<project>/video/`: its base name with unusual characters as `_`. */
export function projectVideoName(source: string): string {
  return basename(source).replace(/[^\p{L}\p{N}._ ()[\]-]/gu, '_');
}

/** `<project>/video/<name>` for a video named like `source`, the folder made. */
export async function projectVideoTarget(root: string, videoId: string, source: string): Promise<string> {
  const folder = join(projectDir(root, videoId), 'video');
  await mkdir(folder, { recursive: true });
  return join(folder, projectVideoName(source));
}
