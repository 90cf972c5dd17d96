import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { clipsForSource, type ClipsForSourceResult } from '../../export/clips-for-source.js';
import type { CropOption } from '../../export/export-clips.js';
import { PRESET_NAMES } from '../../export/presets.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface ClipsCommandOptions extends CommonOptions {
  video?: string;
  out: string;
  preset: string;
  crop: string;
  top: string;
  caption?: string;
  fast?: boolean;
  fullDownload?: boolean;
  maxLength?: string;
  comments?: string;
}

const CROPS: CropOption[] = ['center', 'blur'];
export const FAST_NOTE =
  '--fast: cutting with stream copy at keyframes: each clip starts at the keyframe before its moment and keeps the source size (no crop, no caption).';

function positiveNumber(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new KirinukiError('INVALID_ARGUMENT', `--${name} must be ${integer ? 'a whole number ≥ 1' : 'a number of seconds > 0'}, got "${raw}".`);
  }
  return value;
}

function cropOption(raw: string): CropOption {
  if ((CROPS as string[]).includes(raw)) return raw as CropOption;
  throw new KirinukiError('INVALID_ARGUMENT', `--crop "${raw}" is not one of ${CROPS.join(', ')}.`);
}

function captionOption(raw: string | undefined): 'top-comment' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'top-comment') return raw;
  throw new KirinukiError('INVALID_ARGUMENT', `--caption "${raw}" is not supported (use top-comment).`);
}

const seconds = (t: number): string => `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;

interface ClipsJson {
  video: ClipsForSourceResult['video'];
  clips: Omit<ClipsForSourceResult['clips'][number], 'key'>[];
  summary: Omit<NonNullable<ClipsForSourceResult['summary']>, 'key'> | null;
  manifest: string;
  skipped: number;
}

function render(result: ClipsJson): void {
  const lines = result.clips.map(
    (c) => `#${c.moment}  ${seconds(c.start)}–${seconds(c.end)}  ${c.width}x${c.height}  ${c.durationS.toFixed(2)} s  ${c.path}`,
  );
  if (result.summary) lines.push(`summary  ${result.summary.durationS.toFixed(2)} s  ${result.summary.path}`);
  const kept = result.skipped > 0 ? ` (${result.skipped} kept from an earlier run)` : '';
  lines.push(`${result.clips.length} clips for "${result.video.title}"${kept}; manifest: ${result.manifest}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The `clips` JSON: the DESIGN.md shape (`clips`), plus the reel and where the manifest is. */
function toJson(result: ClipsForSourceResult): ClipsJson {
  const strip = <T extends { key?: string }>({ key: _key, ...rest }: T): Omit<T, 'key'> => rest;
  return {
    video: result.video,
    clips: result.clips.map(strip),
    summary: result.summary ? strip(result.summary) : null,
    manifest: result.manifestPath,
    skipped: result.skipped,
  };
}

async function action(source: string, options: ClipsCommandOptions, context: CommandContext): Promise<ClipsJson> {
  if (options.fast) context.log(FAST_NOTE);
  const result = await clipsForSource(source, {
    root: options.out,
    video: options.video,
    commentsFile: options.comments,
    preset: options.preset,
    crop: cropOption(options.crop),
    caption: captionOption(options.caption),
    fast: options.fast === true,
    fullDownload: options.fullDownload === true,
    top: positiveNumber('top', options.top, true),
    maxLength: positiveNumber('max-length', options.maxLength, false),
    signal: context.signal,
    onProgress: context.progress.listener,
    log: context.log,
  });
  return toJson(result);
}

export function registerClipsCommand(program: Command): void {
  program
    .command('clips')
    .description('Export the top moments as clips for Shorts, TikTok, Reels or landscape, plus a summary reel.')
    .argument('<source>', 'a YouTube URL or video id, a local video, a yt-dlp .info.json or a comments file')
    .option('--video <file>', 'a local copy of the video (otherwise the source itself, or a yt-dlp download)')
    .option('--out <dir>', 'projects root: clips go to <dir>/<videoId>/', DEFAULT_PROJECTS_ROOT)
    .option('--preset <preset>', `output format: ${PRESET_NAMES.join(', ')}`, 'shorts')
    .option('--crop <mode>', `how a landscape frame becomes portrait: ${CROPS.join(', ')}`, 'center')
    .option('--top <n>', 'how many moments to export', '5')
    .option('--caption <kind>', 'draw a caption on each clip: top-comment (its most-liked comment)')
    .option('--fast', 'cut with stream copy at keyframes (quick, but no crop, caption or exact start)')
    .option('--full-download', 'download the whole video instead of only the sections to clip')
    .option('--max-length <s>', 'longest clip in seconds (shorts: 60 by default, up to 180)')
    .option('--comments <file>', 'read the comments from this file ({video, threads} or .info.json)')
    .option('--json', 'print the result as JSON on stdout')
    .action((source: string, options: ClipsCommandOptions) =>
      runCommand(options, (context) => action(source, options, context), render),
    );
}
