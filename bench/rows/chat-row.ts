import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { forEachLine, LINE_CHUNK_BYTES } from '../../core/chat/for-each-line.js';
import { readChatLog } from '../../core/chat/read-chat-log.js';
import { chatSignal, type ChatSignal } from '../../core/chat/chat-signal.js';
import { median } from '../../core/math/median.js';
import type { ChatLog } from '../../core/chat/chat-log.js';
import type { BenchRow } from '../bench-row.js';
import { measure } from '../measure.js';
import { writeChatFile } from './chat-3h-file.js';

const MESSAGES = 500_000;
const DURATION_MS = 3 * 3600 * 1000;
const ROUNDS = 5;
const KB_PER_MB = 1024;

type Side = 'reader' | 'parse';

/** The floor of any reader: every line split off and parsed, nothing kept. */
export async function parseEveryLine(path: string): Promise<number> {
  let parsed = 0;
  await forEachLine(
    createReadStream(path, { highWaterMark: LINE_CHUNK_BYTES }) as AsyncIterable<Buffer>,
    (text) => {
      JSON.parse(text);
      parsed += 1;
    },
    () => {},
  );
  return parsed;
}

/** The chat file read and ranked: what `kirinuki moments --chat` spends on a chat. */
export async function rankChatFile(path: string): Promise<ChatSignal> {
  return chatSignal(await readChatLog(path), DURATION_MS / 1000);
}

/** What a ChatLog holds: its columns (typed arrays live outside the JS heap) and its texts (UTF-16). */
function chatLogMB(log: ChatLog): number {
  const columns = [log.timeMs, log.author, log.kind, log.tone, log.textId].reduce((sum, column) => sum + column.byteLength, 0);
  const texts = log.texts.reduce((sum, text) => sum + text.length * 2, 0);
  return (columns + texts) / (1024 * 1024);
}

/**
 * One side alone in a fresh Node, so the peak resident set is its own (writing the file leaves
 * this process's peak at about 180 MB). maxRSS is in kB on Linux and macOS.
 */
async function freshPeakMB(side: Side, path: string): Promise<number> {
  const module = new URL(import.meta.url);
  const call = side === 'reader' ? 'rankChatFile' : 'parseEveryLine';
  const script = `const m = await import(${JSON.stringify(module.href)}); await m.${call}(process.argv[1]); console.log(process.resourceUsage().maxRSS);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, path]);
  return Number(stdout.trim()) / KB_PER_MB;
}

/**
 * Reader and bare parse side by side, the order swapped each round; the ratio is the median of
 * the rounds' own ratios (other tenants of the machine slow single runs by 10 % and more).
 */
async function compare(path: string): Promise<{ reader: number; parse: number; ratios: number[] }> {
  let reader = Number.POSITIVE_INFINITY;
  let parse = Number.POSITIVE_INFINITY;
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: Side[] = round % 2 === 0 ? ['reader', 'parse'] : ['parse', 'reader'];
    const seconds: Record<Side, number> = { reader: 0, parse: 0 };
    for (const side of order) seconds[side] = (await measure<unknown>(side === 'reader' ? () => rankChatFile(path) : () => parseEveryLine(path))).seconds;
    reader = Math.min(reader, seconds.reader);
    parse = Math.min(parse, seconds.parse);
    ratios.push(seconds.reader / seconds.parse);
  }
  return { reader, parse, ratios };
}

export const chatRow: BenchRow = {
  id: 'chat-3h',
  title: `read and rank a 3-hour live chat (${MESSAGES.toLocaleString('en-US')} messages, yt-dlp .live_chat.json)`,
  baseline: 'the same file split into lines and JSON.parse on each line, nothing kept',
  run: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-bench-chat-'));
    try {
      const path = join(dir, 'stream [Chat3hBench].live_chat.json');
      const made = await writeChatFile(path, { messages: MESSAGES, durationMs: DURATION_MS, seed: 7 });
      const log = await readChatLog(path);
      if (log.count !== made.messages - made.deleted) throw new Error(`read ${log.count} messages, the file holds ${made.messages - made.deleted}`);

      const ranking = await measure(async () => chatSignal(log, DURATION_MS / 1000));

      const { reader, parse, ratios } = await compare(path);
      const peak = { reader: await freshPeakMB('reader', path), parse: await freshPeakMB('parse', path) };
      const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
      return [
        { name: 'throughput', value: MESSAGES / reader, unit: 'messages/s', baseline: MESSAGES / parse },
        { name: `time (best of ${ROUNDS})`, value: reader * 1000, unit: 'ms', baseline: parse * 1000 },
        { name: 'reader / bare parse', value: median(ratios), unit: `x, median of ${ROUNDS} paired rounds (${spread}; goal ≤ 2)` },
        { name: 'peak rss (fresh process)', value: peak.reader, unit: 'MB (goal ≤ 300)', baseline: peak.parse },
        { name: 'ranking alone', value: ranking.seconds * 1000, unit: `ms, ${ranking.result.candidates.length} bursts` },
        { name: 'ChatLog size', value: chatLogMB(log), unit: 'MB (columns and kept texts)' },
        { name: 'file', value: made.bytes / (1024 * 1024), unit: `MB, ${made.lines.toLocaleString('en-US')} lines` },
        { name: 'kept texts', value: log.texts.length, unit: `distinct, ${log.authors.toLocaleString('en-US')} chatters, ${log.totals.deleted} deleted` },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
