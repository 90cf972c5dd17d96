import { basename } from 'node:path';
import { VIDEO_ID_CHARS } from './video-id.js';

const ID_IN_NAME = new RegExp(`\\[(${VIDEO_ID_CHARS})\\]\\.[^.\\\\/]+$`);

/** yt-dlp names downloads `Title [videoId].ext`; the id in such a name, if any. */
export function youtubeIdInName(path: string): string | undefined {
  return ID_IN_NAME.exec(basename(path))?.[1];
}
