import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readJsonIfExists } from '../fs/read-json.js';
import type { Source } from '../youtube/parse-source.js';

const SIBLING_EXTENSIONS = ['.mp4', '.mkv', '.webm', '.mov'];

/** yt-dlp writes `Title [id].info.json` next to `Title [id].mp4`: the video beside an info.json, if any. */
export function videoBesideInfoJson(path: string): string | undefined {
  const stem = basename(path).replace(/\.info\.json$/i, '').replace(/\.json$/i, '');
  return SIBLING_EXTENSIONS.map((ext) => join(dirname(path), `${stem}${ext}`)).find((p) => existsSync(p));
}

export const watchUrl = (videoId: string): string => `https://www.youtube.com/watch?v=${videoId}`;

/**
 * Where the pixels of a source come from: a local file (`--video`, the source itself, or the file
 * beside an info.json), else the URL yt-dlp should download.
 */
export async function videoForSource(
  source: Exclude<Source, { kind: 'channel' }>,
  videoId: string,
  videoOption?: string,
): Promise<{ videoFile?: string; downloadUrl?: string }> {
  if (videoOption) return { videoFile: videoOption };
  if (source.kind === 'file') return { videoFile: source.path };
  if (source.kind === 'info-json') {
    const beside = videoBesideInfoJson(source.path);
    if (beside) return { videoFile: beside };
    const info = (await readJsonIfExists(source.path)) as { webpage_url?: unknown } | undefined;
    if (typeof info?.webpage_url === 'string' && /^https?:\/\//.test(info.webpage_url)) return { downloadUrl: info.webpage_url };
  }
  return { downloadUrl: watchUrl(videoId) };
}
