import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { formatMomentsTable } from '../../moments/format-moments-table.js';
import { parseSignalList, SIGNAL_NAMES } from '../../moments/signal-names.js';
import type { MomentsResult } from '../../moments/types.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { runMoments } from '../../pipeline/run-moments.js';
import { checkSubsLang } from '../../acquire/viewer-files-arguments.js';
import { SUBS_LANG_HELP } from '../caption-options.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface MomentsCommandOptions extends CommonOptions {
  comments?: string;
  chat?: string;
  subs?: string;
  subsLang?: string;
  signals?: string;
  top: string;
  out: string;
  refresh?: boolean;
  maxComments?: string;
  minLength?: string;
  maxLength?: string;
}

function numberOption(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number ≥ 1' : 'a number of seconds > 0';
    throw new KirinukiError('INVALID_ARGUMENT', `--${name} must be ${kind}, got "${raw}".`);
  }
  return value;
}

function render(result: MomentsResult): void {
  process.stdout.write(`${formatMomentsTable(result, process.stdout.columns ?? 120)}\n`);
}

async function action(source: string, options: MomentsCommandOptions, context: CommandContext): Promise<MomentsResult> {
  const minLength = numberOption('min-length', options.minLength, false);
  const maxLength = numberOption('max-length', options.maxLength, false);
  if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
    throw new KirinukiError('INVALID_ARGUMENT', `--min-length (${minLength}) must not exceed --max-length (${maxLength}).`);
  }
  const top = numberOption('top', options.top, true);
  const subsLang = checkSubsLang(options.subsLang);
  return runMoments(source, {
    root: options.out,
    commentsFile: options.comments,
    chatFile: options.chat,
    subsFile: options.subs,
    subsLang,
    signals: parseSignalList(options.signals),
    refresh: options.refresh === true,
    maxComments: numberOption('max-comments', options.maxComments, true),
    top,
    minLength,
    maxLength,
    signal: context.signal,
    onProgress: context.progress.listener,
    onLoaded: (loaded) => {
      const how = loaded.via === 'yt-dlp'
        ? `read by yt-dlp${loaded.fromCache ? ', kept in the project' : ''}`
        : loaded.fromCache ? 'from the cache' : loaded.apiRequests > 0 ? `${loaded.apiRequests} API requests` : 'offline';
      context.log(`${loaded.commentsFetched} comments (${how})`);
    },
    log: context.log,
  });
}

export function registerMomentsCommand(program: Command): void {
  program
    .command('moments')
    .description('Rank the highlight moments that viewers point at with timestamps in the comments.')
    .argument('<source>', 'a YouTube URL or video id, a local video, a yt-dlp .info.json or a comments file')
    .option('--comments <file>', 'read the comments from this file ({video, threads} or .info.json) instead of the API')
    .option('--chat <file>', 'the live-chat replay (yt-dlp\'s .live_chat.json) instead of the one beside the .info.json or fetched by yt-dlp')
    .option('--subs <file>', 'subtitles (.json3, .vtt or .srt) whose reaction tags ([笑い], [Laughter]) count as a signal')
    .option('--subs-lang <lang>', SUBS_LANG_HELP)
    .option('--signals <list>', `the signals moments come from, comma-separated: ${SIGNAL_NAMES.join(',')} (default all)`)
    .option('--top <n>', 'how many moments to list', '10')
    .option('--out <dir>', 'projects root: the cache and moments.json go to <dir>/<videoId>/', DEFAULT_PROJECTS_ROOT)
    .option('--refresh', 'fetch the comments again instead of using the cache')
    .option('--max-comments <n>', 'fetch at most this many comments (default 10000)')
    .option('--min-length <s>', 'shortest moment window in seconds (default 8)')
    .option('--max-length <s>', 'longest moment window in seconds (default 60)')
    .option('--json', 'print the moments as JSON on stdout')
    .action((source: string, options: MomentsCommandOptions) =>
      runCommand(options, (context) => action(source, options, context), render),
    );
}
