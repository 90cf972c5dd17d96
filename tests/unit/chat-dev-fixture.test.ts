import { beforeAll, describe, expect, it } from 'vitest';
import { CHAT_KINDS, CHAT_TONES, type ChatLog, type ChatTone } from '../../core/chat/chat-log.js';
import { readChatLog } from '../../core/chat/read-chat-log.js';
import { sharedFixture } from '../helpers/shared-media.js';

/** The dev fixture: a 20-minute stream's chat with planted reactions and floods (see ../shared/fixtures/README.md). */
const FIXTURE = 'youtube/【ゲーム実況】深夜の耐久 dev fixture [ChatDevFix1].live_chat.json';
const BIN_S = 30;
/** The two deleted messages (msg8137, msg12696) are the only ones at these offsets. */
const DELETED_AT_MS = [672_462, 1_079_526];

let log: ChatLog;

beforeAll(async () => {
  log = await readChatLog(sharedFixture(FIXTURE));
});

/** Messages of a tone between two times, in seconds. */
function count(tone: ChatTone, fromS: number, toS: number): number {
  const wanted = CHAT_TONES.indexOf(tone);
  let n = 0;
  for (let i = 0; i < log.count; i += 1) {
    const s = log.timeMs[i]! / 1000;
    if (s >= fromS && s < toS && log.tone[i] === wanted) n += 1;
  }
  return n;
}

/** The most a tone reaches in any 30-second bin outside a stretch. */
function mostElsewhere(tone: ChatTone, fromS: number, toS: number): number {
  let most = 0;
  for (let start = 0; start < 1200; start += BIN_S) {
    if (start + BIN_S > fromS && start < toS) continue;
    most = Math.max(most, count(tone, start, start + BIN_S));
  }
  return most;
}

function toneCounts(fromS: number, toS: number): Record<ChatTone, number> {
  return Object.fromEntries(CHAT_TONES.map((tone) => [tone, count(tone, fromS, toS)])) as Record<ChatTone, number>;
}

describe('the dev fixture chat', () => {
  it('holds every message but the two deleted, and counts its tickers', () => {
    expect(log.totals).toEqual({ lines: 16_127, deleted: 2, tickers: 54, unreadable: 0, truncated: false });
    expect(log.count).toBe(16_071 + 54 - 2);
    const kinds = CHAT_KINDS.map((_, k) => log.kind.filter((kind) => kind === k).length);
    expect(Object.fromEntries(CHAT_KINDS.map((kind, k) => [kind, kinds[k]]))).toEqual({ text: 16_069, paid: 54, sticker: 0, membership: 0, gift: 0, system: 0 });
  });

  it('has its deleted messages gone and its rows in time order', () => {
    const times = new Set(log.timeMs);
    for (const deleted of DELETED_AT_MS) {
      expect(times.has(deleted)).toBe(false);
    }
    expect(log.timeMs.every((t, i) => i === 0 || t >= log.timeMs[i - 1]!)).toBe(true);
  });

  it('laughs at 300–330 s, gasps at 600–630 s and cheers at 900–930 s, far above any other stretch', () => {
    for (const [tone, from] of [['laugh', 300], ['surprise', 600], ['hype', 900]] as const) {
      const burst = count(tone, from, from + BIN_S);
      expect(burst, tone).toBeGreaterThan(300);
      // the burst's tail spills into the next bin: the stretch is the two of them
      expect(burst, tone).toBeGreaterThan(4 * mostElsewhere(tone, from, from + 2 * BIN_S));
    }
  });

  it('greets at the start, thanks for super chats at 1000–1100 s and says goodbye at the end', () => {
    const opening = toneCounts(0, 90);
    const notGreeting = Object.values(opening).reduce((a, b) => a + b, 0) - opening.greeting;
    expect(opening.greeting).toBeGreaterThan(2 * notGreeting);
    const reading = toneCounts(1000, 1100);
    for (const tone of ['laugh', 'surprise', 'hype', 'greeting', 'goodbye'] as const) expect(reading.thanks, tone).toBeGreaterThan(3 * reading[tone]);
    const ending = toneCounts(1140, 1200);
    for (const tone of CHAT_TONES.filter((t) => t !== 'goodbye')) expect(ending.goodbye, tone).toBeGreaterThan(5 * ending[tone]);
  });

  it('keeps the texts of its reactions and super chats, not of its chatter', () => {
    expect(log.texts).toContain(':_kusa::_kusa::_kusa:');
    expect(log.texts).toContain('いつも楽しい配信ありがとう');
    expect(log.texts).not.toContain('たしかに');
    expect(log.texts.length).toBeLessThan(200);
  });
});
