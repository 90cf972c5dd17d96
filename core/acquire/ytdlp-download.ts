import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { TimeWindow } from '../media/time-window.js';
import type { StageOptions } from '../progress.js';
import { ffmpegLocation } from './ffmpeg-location.js';
import { findYtDlp } from './find-ytdlp.js';
import { parseYtDlpLine, type YtDlpEvent } from './parse-ytdlp-progress.js';
import { runYtDlpProcess } from './run-ytdlp-process.js';
import type { VideoSection } from './video-sections.js';

export interface YtDlpDownloadOptions extends StageOptions {
  url: string;
  /** Only these parts of the video (`--download-sections`); the whole video when undefined. */
  sections?: TimeWindow[];
  /** Folder the finished files are moved into. */
  dir: string;
  /** yt-dlp executable; found with `findYtDlp()` when not given. */
  ytdlp?: string;
}

const FORMAT = 'bv*[height<=1080][ext=mp4]+ba[ext=m4a]/b[height<=1080][ext=mp4]/bv*[height<=1080]+ba/b[height<=1080]/b';
const SECTION_NAME = /^section-(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\.[A-Za-z0-9]+$/;

export const sectionArgument = (s: TimeWindow): string => `*${s.start}-${s.end}`;

/** The yt-dlp command line (an argument array, never a shell string). */
export function ytDlpArguments(url: string, workDir: string, ffmpegDir: string, sections?: TimeWindow[]): string[] {
  const args = [
    '--ignore-config', '--no-playlist', '--newline', '--no-colors', '--no-mtime',
    '--ffmpeg-location', ffmpegDir,
    '-f', FORMAT, '--merge-output-format', 'mp4',
    '-P', workDir,
  ];
  if (sections) {
    for (const s of sections) args.push('--download-sections', sectionArgument(s));
    args.push('-o', 'section-%(section_start)s-%(section_end)s.%(ext)s');
  } else {
    args.push('-o', 'source.%(ext)s');
  }
  args.push('--', url);
  return args;
}

/**
 * Downloads the video (or only `sections` of it) with yt-dlp into a hidden work folder, reporting
 * progress from yt-dlp's and ffmpeg's output, then moves the finished files into `dir`. A cancel
 * kills yt-dlp and its ffmpeg and removes the work folder, so nothing half-done is left to reuse.
 */
export async function downloadWithYtDlp(options: YtDlpDownloadOptions): Promise<VideoSection[]> {
  throwIfAborted(options.signal);
  const ytdlp = options.ytdlp ?? findYtDlp();
  const workDir = join(options.dir, `.download-${process.pid}-${Date.now()}.part`);
  await mkdir(workDir, { recursive: true });
  try {
    const args = ytDlpArguments(options.url, workDir, await ffmpegLocation(), options.sections);
    await runYtDlp(ytdlp, args, options);
    return await collectOutputs(workDir, options.dir, options.sections);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function runYtDlp(ytdlp: string, args: string[], options: YtDlpDownloadOptions): Promise<void> {
  const exit = await runYtDlpProcess({
    ytdlp,
    args,
    signal: options.signal,
    parseLine: parseYtDlpLine,
    onEvent: progressTracker(options),
    notStarted: (error) => new KirinukiError('YTDLP_MISSING', `yt-dlp at ${ytdlp} could not be started: ${error.message}`),
  });
  if (exit.code === 0) return;
  const detail = (exit.errors.length > 0 ? exit.errors : exit.tail).join(' | ');
  throw new KirinukiError('DOWNLOAD_FAILED', `yt-dlp could not download ${options.url} (exit ${exit.code}): ${detail}`);
}

/** Weighs each section by its length into one 0..1 figure. */
function progressTracker(options: YtDlpDownloadOptions): (event: YtDlpEvent) => void {
  const sections = options.sections;
  const total = sections ? sections.reduce((sum, s) => sum + (s.end - s.start), 0) : 1;
  let part = -1;
  let best = 0;
  return (event) => {
    if (event.kind === 'destination') part += 1;
    let fraction: number;
    const index = Math.max(0, part);
    if (sections) {
      const done = sections.slice(0, index).reduce((sum, s) => sum + (s.end - s.start), 0);
      const current = sections[index];
      const length = current ? current.end - current.start : 0;
      const within = event.kind === 'ffmpeg-time' ? Math.min(1, event.seconds / Math.max(length, 1e-3)) : event.kind === 'percent' ? event.fraction : 0;
      fraction = (done + within * length) / total;
    } else {
      // video then audio: the video is most of the bytes
      const within = event.kind === 'percent' ? event.fraction : 0;
      fraction = index === 0 ? 0.95 * within : 0.95 + 0.05 * within;
    }
    best = Math.max(best, Math.min(1, fraction));
    options.onProgress?.({ stage: 'download', fraction: best, message: sections ? `${sections.length} section(s)` : 'whole video' });
  };
}

/** Moves yt-dlp's finished files into `dir` and names the section each holds. */
async function collectOutputs(workDir: string, dir: string, sections: TimeWindow[] | undefined): Promise<VideoSection[]> {
  const names = (await readdir(workDir)).filter((n) => !n.endsWith('.part') && !n.endsWith('.ytdl') && !n.includes('.temp.'));
  const result: VideoSection[] = [];
  for (const name of names) {
    const match = SECTION_NAME.exec(name);
    if (sections && !match) continue;
    if (!sections && !name.startsWith('source.')) continue;
    const final = join(dir, name);
    await rename(join(workDir, name), final);
    const start = match ? nearestStart(sections ?? [], Number(match[1])) : 0;
    const requested = sections?.find((s) => s.start === start);
    result.push({ path: final, start, end: requested?.end ?? Number.POSITIVE_INFINITY });
  }
  if (result.length === 0 || (sections && result.length < sections.length)) {
    throw new KirinukiError('DOWNLOAD_FAILED', `yt-dlp finished but wrote ${result.length} of ${sections?.length ?? 1} expected file(s) in ${workDir}.`);
  }
  return result.sort((a, b) => a.start - b.start);
}

function nearestStart(sections: TimeWindow[], start: number): number {
  let best = sections[0]?.start ?? start;
  for (const s of sections) if (Math.abs(s.start - start) < Math.abs(best - start)) best = s.start;
  return best;
}
