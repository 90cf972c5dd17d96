import { resolve } from 'node:path';

/**
 * A local path as ffmpeg/ffprobe should see it: absolute and behind `file:`, so a name with a
 * colon (`a:b.mp4`) is not taken for a protocol and a name starting with `-` not for an option.
 */
export function ffmpegInputUrl(path: string): string {
  return `file:${resolve(path)}`;
}
