import { createHash } from 'node:crypto';
import { copyFile, mkdir, rename, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ffmpegPath, ffprobePath } from '../media/binaries.js';

const exe = process.platform === 'win32' ? '.exe' : '';

/**
 * A folder holding `ffmpeg` and `ffprobe` for yt-dlp's `--ffmpeg-location`, which wants both in one
 * folder: the binaries' own folder when they already share one, else a cached folder of links.
 */
export async function ffmpegLocation(): Promise<string> {
  const ffmpeg = ffmpegPath();
  const ffprobe = ffprobePath();
  if (dirname(ffmpeg) === dirname(ffprobe) && basename(ffmpeg) === `ffmpeg${exe}` && basename(ffprobe) === `ffprobe${exe}`) {
    return dirname(ffmpeg);
  }
  const key = createHash('sha256').update(`${ffmpeg}\0${ffprobe}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `kirinuki-ffmpeg-${key}`);
  if (existsSync(join(dir, `ffmpeg${exe}`)) && existsSync(join(dir, `ffprobe${exe}`))) return dir;
  // built under a temporary name and renamed, so a concurrent run never sees half a folder
  const building = `${dir}.${process.pid}.tmp`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  await linkOrCopy(ffmpeg, join(building, `ffmpeg${exe}`));
  await linkOrCopy(ffprobe, join(building, `ffprobe${exe}`));
  try {
    await rename(building, dir);
  } catch {
    await rm(building, { recursive: true, force: true }); // another run won the race
  }
  return dir;
}

async function linkOrCopy(target: string, path: string): Promise<void> {
  try {
    await symlink(target, path, 'file');
  } catch {
    await copyFile(target, path); // Windows without symlink rights
  }
}
