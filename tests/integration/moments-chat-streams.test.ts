import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MomentsResult } from '../../core/moments/types.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { writeChatStream, writeStreamInfo, type ChatStreamSpec, type Distractor } from '../helpers/chat-stream.js';

let scratch: string;

beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/moments.js');
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-chat-streams-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const DISTRACTORS: Distractor[] = [
  { kind: 'greetings', from: 0, to: 120 },
  { kind: 'spam', from: 600, to: 640, text: '草草草草草' },
  { kind: 'bot', from: 700, to: 900, text: 'www check the clip channel' },
  { kind: 'superchat-reading', from: 1500, to: 1620 },
  { kind: 'gift-thanks', from: 1650, to: 1690 },
  { kind: 'goodbyes', from: 1740, to: 1800 },
];

const STREAM: ChatStreamSpec = {
  durationS: 1800,
  lagS: 5,
  events: [
    { t: 400, kind: 'laugh', viewers: 420 },
    { t: 1000, kind: 'surprise', viewers: 300 },
    { t: 1400, kind: 'hype', viewers: 360 },
  ],
  distractors: DISTRACTORS,
};

async function momentsOf(name: string, spec: ChatStreamSpec, comments: { text: string; author: string }[] = [], extra: string[] = []): Promise<MomentsResult> {
  const id = `Stream${name}`.slice(0, 11).padEnd(11, 'x');
  const info = join(scratch, `${name} [${id}].info.json`);
  const chat = join(scratch, `${name}.chat.json`);
  await writeStreamInfo(info, id, spec.durationS, comments);
  await writeChatStream(chat, spec);
  const run = await runCli(['moments', info, '--chat', chat, '--json', '--top', '10', '--out', join(scratch, 'out'), ...extra], { env: { YOUTUBE_API_KEY: '' } });
  expect(run.stderr, 'no error').not.toMatch(/error|INTERNAL/i);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as MomentsResult;
}

function expectPlanted(result: MomentsResult, spec: ChatStreamSpec): void {
  const top = result.moments.slice(0, spec.events.length);
  for (const event of spec.events) {
    const moment = top.find((m) => m.start <= event.t && event.t <= m.end);
    expect(moment, `a top moment holds the ${event.kind} at ${event.t} s`).toBeDefined();
    expect(moment!.signals?.chat?.kind).toBe(event.kind);
    expect(moment!.signals?.chat?.chatters).toBeGreaterThan(50);
    expect(moment!.signals?.chat?.topMessages.length).toBeGreaterThan(0);
  }
  for (const m of result.moments) {
    expect(m.end - m.start).toBeGreaterThanOrEqual(8);
    expect(m.end - m.start).toBeLessThanOrEqual(60);
    for (const d of spec.distractors ?? []) {
      expect(m.end <= d.from || m.start >= d.to, `moment ${m.start}–${m.end} is not the ${d.kind} at ${d.from}–${d.to} s`).toBe(true);
    }
  }
}

describe('moments from a live-chat replay (built CLI, --chat beside an .info.json)', () => {
  it('finds each planted highlight, window opening before the event, and no flood ranks', async () => {
    const result = await momentsOf('replay', STREAM);
    expectPlanted(result, STREAM);
    expect(result.moments).toHaveLength(3);
  });

  it('ranks again when the chat file changes at the same path (a re-downloaded replay)', async () => {
    const moved: ChatStreamSpec = { ...STREAM, events: [{ t: 500, kind: 'laugh', viewers: 420 }, { t: 1100, kind: 'surprise', viewers: 300 }, { t: 1300, kind: 'hype', viewers: 360 }], seed: 3 };
    await momentsOf('rechat', STREAM);
    const again = await momentsOf('rechat', moved);
    expectPlanted(again, moved);
  });

  it('reads lines recorded live and a cut-off last line (a note, not a failure)', async () => {
    const spec = { ...STREAM, liveRecorded: true, truncate: true, seed: 11 };
    const result = await momentsOf('live', spec);
    expectPlanted(result, spec);
    expect(result.notes?.map((n) => n.code)).toContain('CHAT_TRUNCATED');
  });

  it('measures a longer lag where comments and chat agree, and shifts the chat-only moment by it', async () => {
    const spec: ChatStreamSpec = { ...STREAM, lagS: 10, seed: 5 };
    // viewers' timestamps for two of the three events; the third is found by the chat alone
    const comments = [400, 1000].flatMap((t) => Array.from({ length: 12 }, (_, i) => ({ text: `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')} 神回`, author: `UCc${t}${i}` })));
    const result = await momentsOf('lagged', spec, comments);
    expectPlanted(result, spec);
    const chatOnly = result.moments.find((m) => m.start <= 1400 && 1400 <= m.end)!;
    expect(chatOnly.signals?.comments).toBeUndefined();
    expect(1400 - chatOnly.start, 'opens a few seconds before the event, not at the burst').toBeLessThan(8);
    const agreed = result.moments.find((m) => m.start <= 400 && 400 <= m.end)!;
    expect(agreed.signals?.comments?.mentions).toBe(12);
  });

  it('leaves the chat out with --signals comments (and refuses a --chat it would not read)', async () => {
    const id = 'StreamNoCha';
    const info = join(scratch, `nochat [${id}].info.json`);
    await writeStreamInfo(info, id, STREAM.durationS);
    await writeChatStream(join(scratch, `nochat [${id}].live_chat.json`), STREAM);
    const out = join(scratch, 'out');
    const plain = await runCli(['moments', info, '--signals', 'comments', '--json', '--out', out], { env: { YOUTUBE_API_KEY: '' } });
    expect(plain.code).toBe(0);
    expect((JSON.parse(plain.stdout) as MomentsResult).moments).toEqual([]);
    const sidecar = await runCli(['moments', info, '--json', '--out', out], { env: { YOUTUBE_API_KEY: '' } });
    expect((JSON.parse(sidecar.stdout) as MomentsResult).moments.length, 'the sidecar chat is picked up').toBe(3);
    const refused = await runCli(['moments', info, '--chat', join(scratch, 'replay.chat.json'), '--signals', 'comments', '--out', out], { env: { YOUTUBE_API_KEY: '' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/INVALID_ARGUMENT.*--chat/);
  });
});
