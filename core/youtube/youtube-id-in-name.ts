import { basename } from 'node:path';

/** yt-dlp names downloads `Title [videoId].ext`; the id in such a name, if any. */
export function youtubeIdInName(path: string): string | undefined {
  return /\[([A-Za-z0-9_-]{11})\]\.[^.\\/]+$/.exec(basename(path))?.[1];
}
