import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { TimeWindow } from '../media/time-window.js';
import type { StageOptions } from '../progress.js';
import { downloadWithYtDlp } from './ytdlp-download.js';
import { locateWindow, planSections, wholeFile, type AcquiredVideo, type VideoSection } from './video-sections.js';
import { isProcessRunning } from '../is-process-running.js';

export interface AcquireOptions extends StageOptions {
  /** A local copy of the video (`--video FILE`, or the source itself when it is a file). */
  videoFile?: string;
  /** What yt-dlp downloads when there is no local file (a watch URL, or any URL yt-dlp reads). */
  downloadUrl?: string;
  /** The windows that will be clipped, in source seconds. */
  windows: TimeWindow[];
  durationS: number;
  /** The project folder; downloads go to its `downloads/`. */
  projectDir: string;
  /** Download the whole video instead of only the sections to clip. */
  fullDownload?: boolean;
  marginS?: number;
  ytdlp?: string;
}

const SECTION_FILE = /^section-(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\.(?:mp4|mkv|webm|mov)$/;
const WHOLE_FILE = /^source\.(?:mp4|mkv|webm|mov)$/;

/**
 * The video for the export: the local file when there is one, else what was downloaded before
 * (whole or sections that cover every window), else a yt-dlp download of the missing sections
 * (with a margin) or of the whole video with `fullDownload`.
 */
export async function acquireVideo(options: AcquireOptions): Promise<AcquiredVideo> {
  throwIfAborted(options.signal);
  if (options.videoFile) return wholeFile(await existingFile(options.videoFile));
  if (!options.downloadUrl) {
    throw new KirinukiError('INVALID_ARGUMENT', 'No video to cut: give --video FILE, a local video as the source, or a YouTube source to download.');
  }
  const dir = join(options.projectDir, 'downloads');
  await mkdir(dir, { recursive: true });
  await removeAbandonedWork(dir);
  const cached = await cachedDownloads(dir);
  if (cached.whole) return wholeFile(cached.whole, 'download');
  if (options.fullDownload) {
    const [whole] = await downloadWithYtDlp({ ...common(options, dir) });
    return wholeFile(requireFile(whole), 'download');
  }
  const have: AcquiredVideo = { sections: cached.sections, origin: 'download-sections' };
  const missing = options.windows.filter((w) => !covers(have, w));
  const plan = planSections(missing, options.durationS, options.marginS);
  const fresh = plan.length > 0 ? await downloadWithYtDlp({ ...common(options, dir), sections: plan }) : [];
  options.onProgress?.({ stage: 'download', fraction: 1, message: `${plan.length} new section(s)` });
  return { sections: [...cached.sections, ...fresh].sort((a, b) => a.start - b.start), origin: 'download-sections' };
}

function common(options: AcquireOptions, dir: string): { url: string; dir: string; signal?: AbortSignal; onProgress?: StageOptions['onProgress']; ytdlp?: string } {
  return { url: options.downloadUrl ?? '', dir, signal: options.signal, onProgress: options.onProgress, ytdlp: options.ytdlp };
}

function covers(video: AcquiredVideo, window: TimeWindow): boolean {
  try {
    locateWindow(video, window);
    return true;
  } catch {
    return false;
  }
}

function requireFile(section: VideoSection | undefined): string {
  if (!section) throw new KirinukiError('DOWNLOAD_FAILED', 'yt-dlp wrote no video file.');
  return section.path;
}

async function existingFile(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    if ((await stat(absolute)).isFile()) return absolute;
  } catch {
    // reported below
  }
  throw new KirinukiError('FILE_NOT_FOUND', `Video file not found: ${absolute}`);
}

const WORK_DIR = /^\.download-(\d+)-\d+\.part$/;

/** Work folders of downloads whose process is gone (killed): never complete, so removed. */
async function removeAbandonedWork(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = Number(WORK_DIR.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isProcessRunning(pid)) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Files a previous run finished (yt-dlp's and our own partial names never match these patterns). */
async function cachedDownloads(dir: string): Promise<{ whole?: string; sections: VideoSection[] }> {
  const sections: VideoSection[] = [];
  let whole: string | undefined;
  for (const name of (await readdir(dir)).sort()) {
    if (WHOLE_FILE.test(name)) whole = join(dir, name);
    const match = SECTION_FILE.exec(name);
    if (match) sections.push({ path: join(dir, name), start: Number(match[1]), end: Number(match[2]) });
  }
  return { whole, sections };
}
