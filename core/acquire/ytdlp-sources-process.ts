import { open } from 'node:fs/promises';
import { KirinukiError } from '../errors.js';
import type { StageOptions } from '../progress.js';
import { parseSourcesLine, type SourcesEvent } from './parse-ytdlp-sources-line.js';
import { runYtDlpProcess } from './run-ytdlp-process.js';
import type { ViewerFilesRequest } from './viewer-files-arguments.js';
import { ytDlpFailure } from './ytdlp-failure.js';

export interface YtDlpSourcesRun extends StageOptions {
  ytdlp: string;
  args: string[];
  /** Named in errors. */
  url: string;
  request: ViewerFilesRequest;
  /** The video's length when known (the Data API said it): the chat's progress is then a true fraction. */
  durationS?: number;
}

const TAIL_BYTES = 16 * 1024;
const POLL_MS = 1000;
const OFFSET = /"videoOffsetTimeMsec":"?(\d+)/g;

/**
 * Runs yt-dlp, reporting progress as stage `sources`; an abort kills its process group. Resolves
 * with its last lines when it exits 0; otherwise rejects with the code its ERROR lines call for (VIDEO_UNAVAILABLE,
 * NETWORK, …) and its words as detail.
 */
export async function runYtDlpForSources(run: YtDlpSourcesRun): Promise<string[]> {
  const progress = sourcesProgress(run);
  let exit;
  try {
    exit = await runYtDlpProcess({
      ytdlp: run.ytdlp,
      args: run.args,
      env: { PYTHONIOENCODING: 'utf-8' },
      signal: run.signal,
      parseLine: parseSourcesLine,
      onEvent: (event) => progress.event(event),
      notStarted: (error) => new KirinukiError('YTDLP_MISSING', `yt-dlp at ${run.ytdlp} could not be started to read ${run.url}: install yt-dlp or set KIRINUKI_YTDLP to it. (${error.message})`),
    });
  } finally {
    progress.stop();
  }
  if (exit.code !== 0) throw ytDlpFailure(run.url, exit.code, exit.errors, exit.tail);
  progress.done();
  return exit.tail;
}

const clock = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  return (hms[0] ? [hms[0], String(hms[1]).padStart(2, '0')] : [hms[1]]).concat(String(hms[2]).padStart(2, '0')).join(':');
};

/**
 * One 0..1 figure over the parts of the call: extraction (5 %), the comments (45 % when asked,
 * counted from yt-dlp's "page N (done/total)" lines), the chat (the rest: yt-dlp cannot know the
 * number of chat pages, so the chat's own clock — the last `videoOffsetTimeMsec` in the growing
 * `.part` file — against the video's length says how far it is), then the captions and the info.
 */
function sourcesProgress(run: YtDlpSourcesRun) {
  const withComments = run.request.maxComments !== undefined;
  const chatFrom = withComments ? 0.5 : 0.05;
  const chatTo = run.request.chat ? 0.93 : chatFrom;
  let best = 0;
  let commentsTotal: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chatFrags = 0;
  let chatOffsetMs = 0;

  const report = (fraction: number, message: string): void => {
    best = Math.max(best, Math.min(1, fraction));
    run.onProgress?.({ stage: 'sources', fraction: best, message });
  };
  const chatFraction = (): number => {
    const within = run.durationS ? chatOffsetMs / (run.durationS * 1000) : 1 - 1 / (1 + chatFrags / 150);
    return chatFrom + (chatTo - chatFrom) * Math.min(0.99, within);
  };
  const chatMessage = (): string => `live chat${chatOffsetMs > 0 ? ` to ${clock(chatOffsetMs)}` : ''}${run.durationS ? ` of ${clock(run.durationS * 1000)}` : ''}`;
  const stopPolling = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const pollChat = (path: string): void => {
    stopPolling();
    timer = setInterval(() => {
      void lastChatOffset(`${path}.part`).then((ms) => {
        if (ms === undefined || ms <= chatOffsetMs || timer === undefined) return;
        chatOffsetMs = ms;
        report(chatFraction(), chatMessage());
      });
    }, POLL_MS);
    timer.unref();
  };

  report(0, 'asking yt-dlp');
  return {
    event(event: SourcesEvent): void {
      switch (event.kind) {
        case 'comments-total':
          commentsTotal = Math.min(event.total, run.request.maxComments ?? event.total);
          return report(0.05, `comments 0/${commentsTotal}`);
        case 'comments-page': {
          const total = Math.min(commentsTotal ?? event.total ?? Infinity, run.request.maxComments ?? Infinity);
          const within = Number.isFinite(total) && total > 0 ? Math.min(1, event.done / total) : 0;
          return report(0.05 + 0.45 * within, `comments ${event.done}${Number.isFinite(total) ? `/${total}` : ''}`);
        }
        case 'comments-done':
          return report(chatFrom, `${event.count} comments`);
        case 'subtitle':
          if (event.language === 'live_chat') {
            pollChat(event.path);
            return report(chatFrom, 'live chat');
          }
          stopPolling();
          return report(chatTo, `captions ${event.language}`);
        case 'fragment':
          chatFrags = Math.max(chatFrags, event.index);
          return report(chatFraction(), chatMessage());
        case 'info-json':
          stopPolling();
          return report(0.97, 'video info');
        case 'error':
          return;
      }
    },
    stop: stopPolling,
    done: (): void => report(1, 'done'),
  };
}

/** The video offset of the last chat action written so far (the tail of yt-dlp's `.part` file). */
async function lastChatOffset(path: string): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    let last: number | undefined;
    for (const match of buffer.toString('utf8').matchAll(OFFSET)) last = Number(match[1]);
    return last;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
