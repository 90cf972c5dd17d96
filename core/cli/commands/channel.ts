import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { CROP_MODES, type CropOption } from '../../export/crop-modes.js';
import { getPreset, PRESET_NAMES } from '../../export/presets.js';
import { padToWidth, truncateToWidth } from '../../moments/display-width.js';
import { parseSignalList, SIGNAL_NAMES } from '../../moments/signal-names.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { runChannelBatch, type ChannelBatchOptions, type ChannelBatchResult } from '../../pipeline/channel-batch.js';
import { runQueuedChannel } from './channel-queue.js';
import { checkSubsLang } from '../../acquire/viewer-files-arguments.js';
import { SUBS_LANG_HELP } from '../caption-options.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';
import { CREDIT_HELP, GUIDELINES_HELP, guidelineSettings } from '../guidelines-option.js';

export interface ChannelCommandOptions extends CommonOptions {
  out: string;
  limit?: string;
  since?: string;
  videoDir?: string;
  momentsOnly?: boolean;
  concurrency?: string;
  quota?: string;
  top?: string;
  minLength?: string;
  maxLength?: string;
  clipsPerVideo?: string;
  preset?: string;
  crop?: string;
  perPerson?: boolean;
  faces?: boolean;
  maxComments?: string;
  signals?: string;
  subsLang?: string;
  refresh?: boolean;
  retryFailed?: boolean;
  guidelines?: string;
  credit?: boolean;
  queue?: string;
  status?: boolean;
}

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new KirinukiError('INVALID_ARGUMENT', `--${name} must be a whole number ≥ ${min}, got "${raw}".`);
  }
  return value;
}

function seconds(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new KirinukiError('INVALID_ARGUMENT', `--${name} must be a positive number of seconds, got "${raw}".`);
  }
  return value;
}

const CROPS: readonly CropOption[] = CROP_MODES;

function parseCrop(raw: string | undefined): CropOption | undefined {
  if (raw === undefined) return undefined;
  if (!(CROPS as readonly string[]).includes(raw)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--crop "${raw}" is not one of ${CROPS.join(', ')}.`);
  }
  return raw as CropOption;
}

function parsePreset(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : getPreset(raw).name;
}

function parseSince(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime())) {
    throw new KirinukiError('INVALID_ARGUMENT', `--since "${raw}" is not a date (use YYYY-MM-DD).`);
  }
  return date;
}

function render(result: ChannelBatchResult, context: CommandContext): void {
  const lines = [`${result.channel.title} (${result.channel.id})`];
  for (const video of result.videos) {
    const counts = [
      video.moments === undefined ? '' : `${video.moments} moment${video.moments === 1 ? '' : 's'}`,
      video.clips === undefined ? '' : `${video.clips} clip${video.clips === 1 ? '' : 's'}`,
    ].filter(Boolean).join(', ');
    const why = video.error ? `${video.error.code}: ${video.error.message}` : (video.reason ?? counts);
    lines.push(`  ${video.status.padEnd(8)} ${video.id}  ${padToWidth(truncateToWidth(video.title, 44), 44)}  ${why}`);
  }
  const budget = result.quota.budget === undefined ? '' : ` of a budget of ${result.quota.budget}`;
  lines.push(`quota: ${result.quota.units} units${budget} (${result.quota.requests} requests)`);
  lines.push(`manifest: ${result.manifest}`, `report: ${result.report}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  void context;
}

export function registerChannelCommand(program: Command): void {
  program
    .command('channel')
    .description("Batch a channel's uploads, newest first: moments (and clips) for every video, resumable and quota-aware.")
    .argument('<channel>', 'a channel URL, @handle or UC… channel id')
    .option('--out <dir>', 'projects root: channel.json, report.html and one folder per video', DEFAULT_PROJECTS_ROOT)
    .option('--limit <n>', 'only the newest N uploads')
    .option('--since <date>', 'only uploads published on or after this date (YYYY-MM-DD)')
    .option('--video-dir <dir>', 'use the videos in this folder, matched by the id in the name (yt-dlp "Title [id].ext" or "id.ext")')
    .option('--moments-only', 'stop after moments: no video, no faces, no clips')
    .option('--concurrency <n>', 'videos processed at the same time', '1')
    .option('--quota <units>', 'Data API quota units this run may spend')
    .option('--top <n>', 'moments kept per video')
    .option('--min-length <s>', 'shortest moment window in seconds (default 8)')
    .option('--max-length <s>', 'longest moment window in seconds (default 60)')
    .option('--clips-per-video <n>', 'clips exported per video (the best moments)')
    .option('--preset <name>', `export preset: ${PRESET_NAMES.join(', ')}`)
    .option('--crop <mode>', `portrait crop: ${CROP_MODES.join(', ')}`)
    .option('--per-person', 'one clip per person per moment')
    .option('--no-faces', 'skip face analysis (no people, no per-person clips)')
    .option('--max-comments <n>', 'comments fetched per video at most')
    .option('--signals <list>', `the signals moments come from, comma-separated: ${SIGNAL_NAMES.join(',')} (default all; chat, heatmap and captions are fetched per video with yt-dlp)`)
    .option('--subs-lang <lang>', SUBS_LANG_HELP)
    .option('--refresh', 'list the uploads again to pick up new videos')
    .option('--retry-failed', 'retry videos that failed for good last time (comments disabled, not found)')
    .option('--guidelines <file|name>', GUIDELINES_HELP)
    .option('--credit', CREDIT_HELP)
    .option('--json', 'print the channel result as JSON on stdout')
    .option('--queue <url>', 'enqueue one job per video on this Redis (redis://HOST:PORT[/DB]) for `kirinuki worker` processes instead of running them here')
    .option('--status', "with --queue: print each video's job state and rewrite channel.json and report.html from the jobs' results")
    .action(async (channel: string, options: ChannelCommandOptions) => {
      if (options.queue !== undefined || options.status === true) {
        await runQueuedChannel(channel, options, (context) => channelBatchOptions(options, context));
        return;
      }
      let stopped: ChannelBatchResult['stopped'];
      await runCommand(
        options,
        async (context) => {
          const result = await runChannelBatch(channel, await channelBatchOptions(options, context));
          stopped = result.stopped;
          return result;
        },
        render,
      );
      if (stopped) {
        process.stderr.write(`error ${stopped.code}: ${stopped.message}\n`);
        process.exitCode = stopped.code === 'CANCELLED' ? 130 : 1;
      }
    });
}

/** The channel batch's options from the command line. */
async function channelBatchOptions(options: ChannelCommandOptions, context: CommandContext): Promise<ChannelBatchOptions> {
  const preset = parsePreset(options.preset);
  const rules = await guidelineSettings(options.guidelines, { preset: preset ?? 'shorts' });
  for (const note of rules.notes) context.log(note.message);
  return {
    out: options.out,
    limit: wholeNumber('limit', options.limit, 1),
    since: parseSince(options.since),
    videoDir: options.videoDir,
    momentsOnly: options.momentsOnly === true,
    concurrency: wholeNumber('concurrency', options.concurrency, 1),
    quotaBudget: wholeNumber('quota', options.quota, 0),
    maxComments: wholeNumber('max-comments', options.maxComments, 1),
    signals: parseSignalList(options.signals),
    subsLang: checkSubsLang(options.subsLang),
    moments: {
      top: wholeNumber('top', options.top, 1),
      minLength: seconds('min-length', options.minLength),
      maxLength: seconds('max-length', options.maxLength),
    },
    clips: {
      preset,
      crop: parseCrop(options.crop),
      ...(rules.guidelines ? { guidelines: rules.guidelines, maxLength: rules.maxLength } : {}),
      ...(options.credit ? { credit: true } : {}),
      perPerson: options.perPerson === true,
      noFaces: options.faces === false,
      top: wholeNumber('clips-per-video', options.clipsPerVideo, 1),
    },
    refreshListing: options.refresh === true,
    retryFailed: options.retryFailed === true,
    signal: context.signal,
    onProgress: context.progress.listener,
    log: context.log,
  };
}
