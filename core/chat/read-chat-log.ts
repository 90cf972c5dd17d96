import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { ProgressListener, StageOptions } from '../progress.js';
import { applyChatAction } from './apply-chat-action.js';
import { ChatLogBuilder } from './chat-log-builder.js';
import type { ChatLog } from './chat-log.js';
import { parseChatLine } from './chat-line.js';
import { forEachLine, LINE_CHUNK_BYTES } from './for-each-line.js';

const PROGRESS_EVERY_MS = 250;
const MB = 1024 * 1024;
const BOM = '\ufeff';

async function openChatFile(path: string): Promise<{ file: FileHandle; size: number }> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KirinukiError('FILE_NOT_FOUND', `Live-chat file not found: ${resolve(path)}`);
    throw error;
  }
  const stats = await file.stat();
  if (stats.isDirectory()) {
    await file.close();
    throw new KirinukiError('INVALID_ARGUMENT', `${resolve(path)} is a folder, not a live-chat file.`);
  }
  return { file, size: stats.size };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One line: blank lines are counted and skipped, lines that are not chat actions counted as unreadable. */
function readLine(builder: ChatLogBuilder, text: string, ended: boolean): void {
  const { totals } = builder;
  totals.lines += 1;
  if (totals.lines === 1 && text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') return;
  const line = parseChatLine(text);
  if (!line) {
    totals.unreadable += 1;
    if (!ended && !isJson(text)) totals.truncated = true;
    return;
  }
  builder.chatLines += 1;
  for (const action of line.actions) applyChatAction(action, line.timeMs, builder);
}

/** Reports bytes read as the stage's fraction, at most every PROGRESS_EVERY_MS. */
function progressReporter(onProgress: ProgressListener | undefined, size: number): (bytes: number, force?: boolean) => void {
  let last = 0;
  return (bytes, force = false) => {
    const now = performance.now();
    if (!onProgress || (!force && now - last < PROGRESS_EVERY_MS)) return;
    last = now;
    const fraction = size > 0 ? Math.min(1, bytes / size) : 1;
    onProgress({ stage: 'chat', fraction, message: `Reading the live chat: ${(bytes / MB).toFixed(0)} of ${(size / MB).toFixed(0)} MB` });
  };
}

function notAChat(path: string, builder: ChatLogBuilder): KirinukiError {
  const { lines, unreadable } = builder.totals;
  const what = lines === 0 ? 'is empty' : `has no live-chat action in its ${lines} line${lines === 1 ? '' : 's'} (${unreadable} unreadable)`;
  return new KirinukiError(
    'CHAT_UNREADABLE',
    `${resolve(path)} ${what}, so it is not a live-chat replay. Download the chat again with yt-dlp --skip-download --write-subs --sub-langs live_chat <video URL>, or go on without it.`,
  );
}

/**
 * Reads a yt-dlp live-chat file (`<name>.live_chat.json`, one JSON action per line) into columns,
 * streaming: memory grows with the messages kept (18 bytes each), never with the file.
 */
export async function readChatLog(path: string, options: StageOptions = {}): Promise<ChatLog> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const { file, size } = await openChatFile(path);
  const report = progressReporter(onProgress, size);
  const builder = new ChatLogBuilder();
  const stream = file.createReadStream({ highWaterMark: LINE_CHUNK_BYTES });
  report(0, true);
  await forEachLine(
    stream as AsyncIterable<Buffer>,
    (text, ended) => readLine(builder, text, ended),
    () => {
      throwIfAborted(signal);
      report(stream.bytesRead);
    },
  );
  if (builder.chatLines === 0) throw notAChat(path, builder);
  const log = builder.finish();
  report(size, true);
  return log;
}
