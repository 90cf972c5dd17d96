import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { runClips, type ClipsRunResult } from '../../pipeline/run-clips.js';
import { CROP_MODES, type CropOption } from '../../export/crop-modes.js';
import { getPreset, PRESET_NAMES } from '../../export/presets.js';
import { parseSignalList, SIGNAL_NAMES } from '../../moments/signal-names.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { checkSubsLang } from '../../acquire/viewer-files-arguments.js';
import { addCaptionOptions, captionSettings, SUBS_LANG_HELP, type CaptionFlags } from '../caption-options.js';
import { LAYOUT_HELP, layoutOption } from '../layout-option.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';
import { CREDIT_HELP, GUIDELINES_HELP, guidelineSettings } from '../guidelines-option.js';

interface ClipsCommandOptions extends CommonOptions, CaptionFlags {
  video?: string;
  out: string;
  preset: string;
  crop?: string;
  layout?: string;
  top: string;
  fast?: boolean;
  fullDownload?: boolean;
  maxLength?: string;
  comments?: string;
  chat?: string;
  subs?: string;
  subsLang?: string;
  signals?: string;
  perPerson?: boolean;
  person?: string;
  guidelines?: string;
  credit?: boolean;
}

const CROPS: readonly CropOption[] = CROP_MODES;
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

/** `follow` (the reframe stage's camera) is the default for portrait presets. */
function cropOption(raw: string | undefined, preset: string): CropOption | undefined {
  if (raw === undefined) return getPreset(preset).size ? 'follow' : undefined;
  if ((CROPS as readonly string[]).includes(raw)) return raw as CropOption;
  throw new KirinukiError('INVALID_ARGUMENT', `--crop "${raw}" is not one of ${CROPS.join(', ')}.`);
}

const seconds = (t: number): string => `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;

interface ClipsJson {
  video: ClipsRunResult['video'];
  clips: Omit<ClipsRunResult['clips'][number], 'key'>[];
  summary: Omit<NonNullable<ClipsRunResult['summary']>, 'key'> | null;
  /** Per-person exports: one reel per person. */
  reels?: Omit<ClipsRunResult['reels'][number], 'key'>[];
  manifest: string;
  skipped: number;
  /** The pipeline's stages this run ran, and those it skipped as unchanged since the last run. */
  stages: ClipsRunResult['stages'];
  /** What is worth saying but is not a failure, e.g. NO_SUBTITLES: telops were asked for and the video has no subtitles. */
  notes?: { code: string; message: string }[];
}

function captionsNote(captions: ClipsJson['clips'][number]['captions']): string {
  if (!captions) return '';
  return captions.mode === 'top-comment' ? '  title card' : `  ${captions.telops} telops${captions.mode === 'both' ? ' + title card' : ''}`;
}

function render(result: ClipsJson): void {
  const lines = result.clips.map(
    (c) => `#${c.moment}${c.person ? `  ${c.person}` : ''}  ${seconds(c.start)}–${seconds(c.end)}  ${c.width}x${c.height}  ${c.durationS.toFixed(2)} s${captionsNote(c.captions)}  ${c.path}`,
  );
  if (result.summary) lines.push(`summary  ${result.summary.durationS.toFixed(2)} s  ${result.summary.path}`);
  for (const reel of result.reels ?? []) lines.push(`reel  ${reel.person}  ${reel.durationS.toFixed(2)} s  ${reel.path}`);
  const kept = result.skipped > 0 ? ` (${result.skipped} kept from an earlier run)` : '';
  lines.push(`${result.clips.length} clips for "${result.video.title}"${kept}; manifest: ${result.manifest}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The `clips` JSON: the README's `clips --json` shape, plus the reel and where the manifest is. */
function toJson(result: ClipsRunResult): ClipsJson {
  const strip = <T extends { key?: string }>({ key: _key, ...rest }: T): Omit<T, 'key'> => rest;
  return {
    video: result.video,
    clips: result.clips.map(strip),
    summary: result.summary ? strip(result.summary) : null,
    ...(result.reels.length > 0 ? { reels: result.reels.map(strip) } : {}),
    manifest: result.manifestPath,
    skipped: result.skipped,
    stages: result.stages,
    ...(result.notes && result.notes.length > 0 ? { notes: result.notes } : {}),
  };
}

async function action(source: string, options: ClipsCommandOptions, context: CommandContext): Promise<ClipsJson> {
  if (options.fast) context.log(FAST_NOTE);
  const crop = cropOption(options.crop, options.preset);
  const layout = layoutOption(options.layout);
  const captions = captionSettings(options);
  const subsLang = checkSubsLang(options.subsLang);
  const preset = getPreset(options.preset).name;
  const rules = await guidelineSettings(options.guidelines, { preset, maxLength: positiveNumber('max-length', options.maxLength, false) });
  for (const note of rules.notes) context.log(note.message);
  const result = await runClips(source, {
    root: options.out,
    video: options.video,
    commentsFile: options.comments,
    chatFile: options.chat,
    subsFile: options.subs,
    subsLang,
    signals: parseSignalList(options.signals),
    fullDownload: options.fullDownload === true,
    clips: {
      preset,
      crop,
      ...(layout !== undefined ? { layout } : {}),
      ...captions,
      fast: options.fast === true,
      top: positiveNumber('top', options.top, true),
      maxLength: rules.maxLength,
      ...(rules.guidelines ? { guidelines: rules.guidelines } : {}),
      ...(options.credit ? { credit: true } : {}),
      perPerson: options.perPerson === true,
      ...(options.person !== undefined ? { persons: [options.person] } : {}),
    },
    signal: context.signal,
    onProgress: context.progress.listener,
    log: context.log,
  });
  const json = toJson(result);
  return rules.notes.length > 0 ? { ...json, notes: [...rules.notes, ...(json.notes ?? [])] } : json;
}

export function registerClipsCommand(program: Command): void {
  const command = program
    .command('clips')
    .description('Export the top moments as clips for Shorts, TikTok, Reels or landscape, plus a summary reel.')
    .argument('<source>', 'a YouTube URL or video id, a local video, a yt-dlp .info.json or a comments file')
    .option('--video <file>', 'a local copy of the video (otherwise the source itself, or a yt-dlp download)')
    .option('--out <dir>', 'projects root: clips go to <dir>/<videoId>/', DEFAULT_PROJECTS_ROOT)
    .option('--preset <preset>', `output format: ${PRESET_NAMES.join(', ')}`, 'shorts')
    .option('--crop <mode>', `how a landscape frame becomes portrait: ${CROPS.join(', ')} (default follow: a camera that keeps the subject in frame)`)
    .option('--layout <layout>', `with --crop follow: ${LAYOUT_HELP}`)
    .option('--top <n>', 'how many moments to export', '5');
  addCaptionOptions(command)
    .option('--fast', 'cut with stream copy at keyframes (quick, but no crop, caption or exact start)')
    .option('--full-download', 'download the whole video instead of only the sections to clip')
    .option('--max-length <s>', 'longest clip in seconds (shorts: 60 by default, up to 180)')
    .option('--comments <file>', 'read the comments from this file ({video, threads} or .info.json)')
    .option('--chat <file>', 'the live-chat replay (yt-dlp\'s .live_chat.json) instead of the one beside the .info.json or fetched by yt-dlp')
    .option('--subs <file>', 'subtitles (.json3, .vtt or .srt): the telops of --captions speech, and their reaction tags ([笑い], [Laughter]) count as a signal')
    .option('--subs-lang <lang>', `${SUBS_LANG_HELP}; also the telops' language`)
    .option('--signals <list>', `the signals moments come from, comma-separated: ${SIGNAL_NAMES.join(',')} (default all)`)
    .option('--per-person', 'per person on screen: one clip per moment they are in (only their part) and a reel each')
    .option('--person <id>', 'only this person (an id from `kirinuki faces`, or their name); implies --per-person')
    .option('--guidelines <file|name>', GUIDELINES_HELP)
    .option('--credit', CREDIT_HELP)
    .option('--json', 'print the result as JSON on stdout')
    .action((source: string, options: ClipsCommandOptions) =>
      runCommand(options, (context) => action(source, options, context), render),
    );
}
