import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_KINDS, CHAT_TONES, type ChatLog } from '../../core/chat/chat-log.js';
import { readChatLog } from '../../core/chat/read-chat-log.js';
import type { Progress } from '../../core/progress.js';
import {
  add,
  deleteAuthor,
  deleteMessage,
  engagementItem,
  giftPurchaseItem,
  giftRedemptionItem,
  joy,
  kusa,
  liveLine,
  membershipItem,
  modeChangeItem,
  paidItem,
  placeholderItem,
  replace,
  replayLine,
  stickerItem,
  textItem,
  ticker,
} from './chat-lines.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-chat-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function chatFile(name: string, lines: string[], end = '\n'): Promise<string> {
  const path = join(dir, `${name}.live_chat.json`);
  await writeFile(path, lines.join('\n') + end);
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: unknown) => error as { code?: string; message: string },
  );
}

/** The rows as plain objects, for readable expectations. */
function rowsOf(log: ChatLog): { timeMs: number; author: number; kind: string; tone: string; text?: string }[] {
  return Array.from({ length: log.count }, (_, i) => {
    const textId = log.textId[i]!;
    return {
      timeMs: log.timeMs[i]!,
      author: log.author[i]!,
      kind: CHAT_KINDS[log.kind[i]!]!,
      tone: CHAT_TONES[log.tone[i]!]!,
      ...(textId >= 0 ? { text: log.texts[textId] } : {}),
    };
  });
}

describe('reading a live-chat replay', () => {
  it('reads every kind of item: text, super chat, sticker, membership, gifts and system messages', async () => {
    const path = await chatFile('kinds', [
      replayLine(1000, add(engagementItem('sys1'))),
      replayLine(2000, add(textItem('m1', 'UCa', 'こんばんは'))),
      replayLine(3000, add(paidItem('p1', 'UCb', 'いつも楽しい配信ありがとう')), ticker('p1', 'UCb')),
      replayLine(4000, add(stickerItem('s1', 'UCc'))),
      replayLine(5000, add(membershipItem('j1', 'UCd'))),
      replayLine(5500, add(membershipItem('j2', 'UCe', '草'))),
      replayLine(6000, add(giftPurchaseItem('g1', 'UCf'))),
      replayLine(6500, add(giftRedemptionItem('g2', 'UCa'))),
      replayLine(7000, add(modeChangeItem('sys2'))),
      replayLine(8000, add({ liveChatSomethingNewRenderer: { id: 'new1', timestampUsec: '1' } })),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log)).toEqual([
      { timeMs: 1000, author: -1, kind: 'system', tone: 'none' },
      { timeMs: 2000, author: 0, kind: 'text', tone: 'greeting' },
      { timeMs: 3000, author: 1, kind: 'paid', tone: 'thanks', text: 'いつも楽しい配信ありがとう' },
      { timeMs: 4000, author: 2, kind: 'sticker', tone: 'none' },
      { timeMs: 5000, author: 3, kind: 'membership', tone: 'none' },
      { timeMs: 5500, author: 4, kind: 'membership', tone: 'laugh', text: '草' },
      { timeMs: 6000, author: 5, kind: 'gift', tone: 'none' },
      { timeMs: 6500, author: 0, kind: 'gift', tone: 'none' },
      { timeMs: 7000, author: -1, kind: 'system', tone: 'none' },
      { timeMs: 8000, author: -1, kind: 'system', tone: 'none' },
    ]);
    expect(log.authors).toBe(6);
    expect(log.totals).toEqual({ lines: 10, deleted: 0, tickers: 1, unreadable: 0, truncated: false });
  });

  it('keeps the text of reactions and super chats only, custom emoji as their shortcut', async () => {
    const path = await chatFile('texts', [
      replayLine(1000, add(textItem('m1', 'UCa', [kusa, kusa]))),
      replayLine(1100, add(textItem('m2', 'UCb', [{ text: 'www' }, joy]))),
      replayLine(1200, add(textItem('m3', 'UCc', [joy]))),
      replayLine(1300, add(textItem('m4', 'UCd', 'たしかに'))),
      replayLine(1400, add(textItem('m5', 'UCe', 'こんばんは'))),
      replayLine(1500, add(textItem('m6', 'UCf', [kusa, kusa]))),
      replayLine(1600, add(paidItem('p1', 'UCg'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => [r.tone, r.text])).toEqual([
      ['laugh', ':_kusa::_kusa:'],
      ['laugh', 'www😂'],
      ['laugh', '😂'],
      ['none', undefined],
      ['greeting', undefined],
      ['laugh', ':_kusa::_kusa:'],
      ['none', undefined],
    ]);
    expect(log.texts).toEqual([':_kusa::_kusa:', 'www😂', '😂']);
  });

  it('reads lines recorded while the stream was live, with the offset beside the action', async () => {
    const path = await chatFile('live', [
      liveLine(-1500, add(textItem('m1', 'UCa', 'こん'))),
      liveLine(0, add(textItem('m2', 'UCb', '8888'))),
      liveLine(2500, add(textItem('m3', 'UCa', 'www'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => [r.timeMs, r.author, r.tone])).toEqual([
      [-1500, 0, 'greeting'],
      [0, 1, 'hype'],
      [2500, 0, 'laugh'],
    ]);
  });

  it('puts rows in time order when the file is not, keeping the file order within a millisecond', async () => {
    const path = await chatFile('order', [
      replayLine(5000, add(textItem('m1', 'UCa', '草'))),
      replayLine(1000, add(textItem('m2', 'UCb', 'えっ'))),
      replayLine(3000, add(textItem('m3', 'UCc', '8888'))),
      replayLine(1000, add(textItem('m4', 'UCd', 'こん'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => [r.timeMs, r.tone])).toEqual([
      [1000, 'surprise'],
      [1000, 'greeting'],
      [3000, 'hype'],
      [5000, 'laugh'],
    ]);
  });

  it('drops deleted messages, also when the deletion comes first, and counts them once', async () => {
    const path = await chatFile('deleted', [
      replayLine(500, deleteMessage('m3')),
      replayLine(1000, add(textItem('m1', 'UCa', '草'))),
      replayLine(2000, add(textItem('m2', 'UCb', 'www'))),
      replayLine(2500, deleteMessage('m1')),
      replayLine(2600, deleteMessage('m1')),
      replayLine(2700, deleteMessage('never-seen')),
      replayLine(3000, add(textItem('m3', 'UCc', 'lol'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => [r.timeMs, r.text])).toEqual([[2000, 'www']]);
    expect(log.totals.deleted).toBe(2);
  });

  it("clears an author's messages up to a ban or time-out, and keeps what they write after it", async () => {
    const path = await chatFile('banned', [
      replayLine(1000, add(textItem('m1', 'UCspam', '草草草 FREE GIFT CARDS www.example.invalid 草草草'))),
      replayLine(1500, add(textItem('m2', 'UCa', '草'))),
      replayLine(2000, add(textItem('m3', 'UCspam', '草草草'))),
      replayLine(2500, deleteAuthor('UCspam')),
      replayLine(9000, add(textItem('m4', 'UCspam', 'sorry'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => r.timeMs)).toEqual([1500, 9000]);
    expect(log.totals.deleted).toBe(2);
  });

  it('skips a message read twice and a placeholder, and takes the message that replaces a placeholder', async () => {
    const path = await chatFile('repeats', [
      replayLine(1000, add(textItem('m1', 'UCa', '草'))),
      replayLine(1000, add(textItem('m1', 'UCa', '草'))),
      replayLine(2000, add(placeholderItem('m2'))),
      replayLine(2100, replace('m2', textItem('m2', 'UCb', 'えっ'))),
      replayLine(2200, replace('m1', textItem('m1', 'UCa', '草'))),
    ]);
    const log = await readChatLog(path);
    expect(rowsOf(log).map((r) => [r.timeMs, r.tone])).toEqual([
      [1000, 'laugh'],
      [2100, 'surprise'],
    ]);
  });

  it('counts a line that is not JSON or not a chat action and goes on; a blank line is only counted', async () => {
    const path = await chatFile('unreadable', [
      replayLine(1000, add(textItem('m1', 'UCa', '草'))),
      '{"replayChatItemAction": {"actions": [',
      '',
      '{"somethingElse": true}',
      replayLine(2000, add(textItem('m2', 'UCb', 'www'))),
    ]);
    const log = await readChatLog(path);
    expect(log.count).toBe(2);
    expect(log.totals).toEqual({ lines: 5, deleted: 0, tickers: 0, unreadable: 2, truncated: false });
  });

  it('reads up to a truncated last line and says the file was cut off', async () => {
    const whole = replayLine(3000, add(textItem('m3', 'UCc', 'lol')));
    const path = await chatFile('truncated', [replayLine(1000, add(textItem('m1', 'UCa', '草'))), replayLine(2000, add(textItem('m2', 'UCb', 'www'))), whole.slice(0, 80)], '');
    const log = await readChatLog(path);
    expect(log.count).toBe(2);
    expect(log.totals).toEqual({ lines: 3, deleted: 0, tickers: 0, unreadable: 1, truncated: true });
  });

  it('reads a last line without a newline when it is whole', async () => {
    const path = await chatFile('no-final-newline', [replayLine(1000, add(textItem('m1', 'UCa', '草'))), replayLine(2000, add(textItem('m2', 'UCb', 'www')))], '');
    const log = await readChatLog(path);
    expect(log.count).toBe(2);
    expect(log.totals.truncated).toBe(false);
  });

  it('refuses a file with no chat action, naming it and saying how to get a live chat', async () => {
    const empty = await errorOf(readChatLog(await chatFile('empty', [], '')));
    expect(empty.code).toBe('CHAT_UNREADABLE');
    expect(empty.message).toContain('empty.live_chat.json is empty');
    const info = await errorOf(readChatLog(await chatFile('info', ['{"id": "abc", "title": "not a chat"}', 'nope'])));
    expect(info.code).toBe('CHAT_UNREADABLE');
    expect(info.message).toContain('info.live_chat.json has no live-chat action in its 2 lines (2 unreadable)');
    expect(info.message).toContain('--sub-langs live_chat');
  });

  it('says a missing file is not found and a folder is not a chat', async () => {
    const missing = await errorOf(readChatLog(join(dir, 'missing.live_chat.json')));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.message).toContain('missing.live_chat.json');
    const folder = await errorOf(readChatLog(dir));
    expect(folder.code).toBe('INVALID_ARGUMENT');
    expect(folder.message).toContain('is a folder');
  });

  it('reports its progress by bytes read, a few times a second at most, ending at 1', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => replayLine(i * 100, add(textItem(`m${i}`, `UC${i % 500}`, i % 3 === 0 ? '草' : 'たしかに'))));
    const path = await chatFile('progress', lines);
    const reports: Progress[] = [];
    const started = performance.now();
    const log = await readChatLog(path, { onProgress: (p) => reports.push(p) });
    const seconds = (performance.now() - started) / 1000;
    expect(log.count).toBe(30_000);
    expect(reports.every((p) => p.stage === 'chat' && p.message?.startsWith('Reading the live chat'))).toBe(true);
    expect(reports.map((p) => p.fraction)).toEqual([...reports.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(reports.at(0)?.fraction).toBe(0);
    expect(reports.at(-1)?.fraction).toBe(1);
    expect(reports.length).toBeLessThanOrEqual(2 + Math.ceil(seconds * 4));
  });

  it('stops with CANCELLED when its signal is aborted, before or while reading', async () => {
    const path = await chatFile('cancel', Array.from({ length: 20_000 }, (_, i) => replayLine(i, add(textItem(`m${i}`, 'UCa', '草')))));
    const before = new AbortController();
    before.abort();
    expect((await errorOf(readChatLog(path, { signal: before.signal }))).code).toBe('CANCELLED');
    const during = new AbortController();
    const error = await errorOf(readChatLog(path, { signal: during.signal, onProgress: () => during.abort() }));
    expect(error.code).toBe('CANCELLED');
  });
});
