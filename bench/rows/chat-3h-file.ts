import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../../core/math/seeded-random.js';

/** A generated chat's make-up, for the bench row's sanity checks. */
export interface GeneratedChat {
  lines: number;
  messages: number;
  paid: number;
  deleted: number;
  bytes: number;
}

export interface ChatFileOptions {
  messages: number;
  durationMs: number;
  seed: number;
}

const CHATTERS = 40_000;
/** Every this many ms of stream, a 20-second burst of one reaction (laugh, surprise, hype in turn). */
const BURST_EVERY_MS = 10 * 60_000;
const BURST_MS = 20_000;
const RITUAL_MS = 5 * 60_000;
const PAID_ONE_IN = 400;
const MEMBERSHIP_ONE_IN = 2_000;
const DELETED_ONE_IN = 1_000;
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const FLUSH_CHARS = 1 << 20;

const CHATTER = ['たしかに', 'かわいい', 'それな', 'なるほど', 'がんばれ', 'so cute', 'hi from brazil', 'ナイス', 'うんうん', 'まって', 'わかる', 'いいね'];
const REACTIONS = [
  ['草', 'www', 'ｗｗｗ', '草生える', 'lol', 'LMAO', 'KEKW', '大草原', ':_kusa::_kusa:'],
  ['えっ', 'えぇ…', '！？', '？？？', 'まじか', 'WHAT', 'OMG', 'うそでしょ'],
  ['8888', '８８８８', 'パチパチ', '上手すぎ', '神', '天才', 'clip it', 'GG'],
] as const;
const GREETINGS = ['こんばんは', 'こん', 'わこつ', '初見です', '待機', 'hello'];
const GOODBYES = ['おつ', 'おつかれ', '乙', 'お疲れ様', 'またね', 'bye', 'otsu'];

const random = (seed: number): (() => number) => seededRandom(seed).next;

function idOf(prefix: string, n: number, length: number): string {
  let id = prefix;
  let x = (n * 2654435761) >>> 0;
  while (id.length < length) {
    id += ID_CHARS[x & 63];
    x = x >>> 6 || ((n + id.length) * 40503) >>> 0;
  }
  return id;
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;

/** The runs of a message: now and then with a standard or a custom emoji, as YouTube sends them. */
function runsOf(text: string, r: number): unknown[] {
  if (text.startsWith(':_kusa:')) {
    const kusa = { emojiId: 'UCkusa/kusa', shortcuts: [':_kusa:'], searchTerms: ['_kusa'], image: { thumbnails: [{ url: 'https://yt3.ggpht.example/kusa=w24-h24-c-k-nd', width: 24, height: 24 }] }, isCustomEmoji: true };
    return [{ emoji: kusa }, { emoji: kusa }];
  }
  if (r < 0.15) {
    const emoji = { emojiId: '😂', shortcuts: [':face_with_tears_of_joy:'], searchTerms: ['face', 'tears', 'joy'], image: { thumbnails: [{ url: 'https://www.youtube.com/s/gaming/emoji/7ff574f2/emoji_u1f602.svg' }] } };
    return [{ text }, { emoji }];
  }
  return [{ text }];
}

function authorFields(channel: string, name: string): Record<string, unknown> {
  return {
    authorName: { simpleText: name },
    authorPhoto: { thumbnails: [{ url: `https://yt4.ggpht.example/ytc/${channel}=s32-c-k-c0x00ffffff-no-rj`, width: 32, height: 32 }, { url: `https://yt4.ggpht.example/ytc/${channel}=s64-c-k-c0x00ffffff-no-rj`, width: 64, height: 64 }] },
    contextMenuEndpoint: { clickTrackingParams: 'CAEQl98BIhMIxNXwqoyY_wIVFfJMAh0KfQNk', commandMetadata: { webCommandMetadata: { ignoreNavigation: true } }, liveChatItemContextMenuEndpoint: { params: `Q2g0S0dnb1lRMGxFU1c1ZlVVdDZNREJEUmxsVVRUUm5RV1JHWjFGT1dtYzpBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB${channel}` } },
    authorExternalChannelId: channel,
    contextMenuAccessibility: { accessibilityData: { label: 'チャットの操作' } },
  };
}

function replayLine(offsetMs: number, actions: unknown[]): string {
  return JSON.stringify({ clickTrackingParams: 'CAEQl98BIhMIxNXwqoyY_wIVFfJMAh0KfQNk', replayChatItemAction: { actions, videoOffsetTimeMsec: String(offsetMs) } });
}

/** What the chat says at a time: greetings at the start, goodbyes at the end, a reaction in a burst. */
function textAt(offsetMs: number, durationMs: number, next: () => number): string {
  if (offsetMs < RITUAL_MS && next() < 0.7) return pick(GREETINGS, next());
  if (offsetMs > durationMs - RITUAL_MS && next() < 0.7) return pick(GOODBYES, next());
  const sinceBurst = offsetMs % BURST_EVERY_MS;
  if (offsetMs > BURST_EVERY_MS / 2 && sinceBurst < BURST_MS && next() < 0.8) {
    return pick(REACTIONS[Math.floor(offsetMs / BURST_EVERY_MS) % 3]!, next());
  }
  return next() < 0.05 ? pick(REACTIONS[Math.floor(next() * 3)]!, next()) : pick(CHATTER, next());
}

/** Message times: a steady stream with five times the rate inside bursts, in time order. */
function messageTimes(count: number, durationMs: number, next: () => number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    let t = next() * durationMs;
    if (next() < 0.15) t = Math.floor(t / BURST_EVERY_MS) * BURST_EVERY_MS + next() * BURST_MS;
    times[i] = Math.round(t);
  }
  return times.sort();
}

/**
 * Writes a live-chat replay the way yt-dlp does (one replayChatItemAction per line), with text
 * messages, super chats followed by their ticker, memberships and deletions of earlier messages.
 */
export async function writeChatFile(path: string, options: ChatFileOptions): Promise<GeneratedChat> {
  const next = random(options.seed);
  const out = createWriteStream(path);
  const made: GeneratedChat = { lines: 0, messages: 0, paid: 0, deleted: 0, bytes: 0 };
  let pending = '';
  const write = async (line: string): Promise<void> => {
    pending += `${line}\n`;
    made.lines += 1;
    if (pending.length < FLUSH_CHARS) return;
    made.bytes += Buffer.byteLength(pending);
    if (!out.write(pending)) await once(out, 'drain');
    pending = '';
  };
  const times = messageTimes(options.messages, options.durationMs, next);
  for (let i = 0; i < options.messages; i += 1) {
    const offsetMs = times[i]!;
    const author = Math.floor(next() ** 2 * CHATTERS);
    const channel = idOf('UC', author + 1, 24);
    const base = { id: idOf('ChwKGkNJ', i + 1, 44), timestampUsec: String(1_700_000_000_000_000 + offsetMs * 1000), ...authorFields(channel, `chatter${author}`), timestampText: { simpleText: `${Math.floor(offsetMs / 60_000)}:${String(Math.floor(offsetMs / 1000) % 60).padStart(2, '0')}` }, trackingParams: 'CAEQl98BIhMIxNXwqoyY_wIVFfJMAh0KfQNk' };
    const text = textAt(offsetMs, options.durationMs, next);
    made.messages += 1;
    if (i % PAID_ONE_IN === 7) {
      made.paid += 1;
      const paid = { ...base, purchaseAmountText: { simpleText: '¥1,000' }, message: { runs: runsOf(text, next()) }, headerBackgroundColor: 4278239141, headerTextColor: 3741319168, bodyBackgroundColor: 4280150454, bodyTextColor: 4278190080 };
      const ticker = { addLiveChatTickerItemAction: { item: { liveChatTickerPaidMessageItemRenderer: { id: base.id, amount: { simpleText: '¥1,000' }, authorExternalChannelId: channel, showItemEndpoint: { showLiveChatItemEndpoint: { renderer: { liveChatPaidMessageRenderer: paid } } } } }, durationSec: '120' } };
      await write(replayLine(offsetMs, [{ addChatItemAction: { item: { liveChatPaidMessageRenderer: paid }, clientId: `c${i}` } }, ticker]));
    } else if (i % MEMBERSHIP_ONE_IN === 11) {
      const membership = { ...base, headerSubtext: { runs: [{ text: 'Welcome to the channel!' }] } };
      await write(replayLine(offsetMs, [{ addChatItemAction: { item: { liveChatMembershipItemRenderer: membership } } }]));
    } else {
      await write(replayLine(offsetMs, [{ clickTrackingParams: 'CAEQl98BIhMIxNXwqoyY_wIVFfJMAh0KfQNk', addChatItemAction: { item: { liveChatTextMessageRenderer: { message: { runs: runsOf(text, next()) }, ...base } }, clientId: `c${i}` } }]));
    }
    if (i % DELETED_ONE_IN === 500) {
      made.deleted += 1;
      await write(replayLine(offsetMs + 1, [{ markChatItemAsDeletedAction: { deletedStateMessage: { runs: [{ text: '[メッセージが撤回されました]' }] }, targetItemId: base.id } }]));
    }
  }
  made.bytes += Buffer.byteLength(pending);
  out.end(pending);
  await once(out, 'finish');
  return made;
}
