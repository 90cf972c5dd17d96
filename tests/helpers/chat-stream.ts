import { writeFile } from 'node:fs/promises';
import { seededRandom } from '../../core/math/seeded-random.js';

/**
 * A live stream's chat in yt-dlp's `.live_chat.json` format, made to order: planted highlights
 * (viewers react a few seconds after the event) over a background, plus the floods that are not
 * highlights. Deterministic for a seed.
 */
export interface PlantedEvent {
  t: number;
  kind: 'laugh' | 'surprise' | 'hype';
  /** Distinct viewers who react. */
  viewers: number;
}

export interface ChatStreamSpec {
  durationS: number;
  events: PlantedEvent[];
  /** Mean typing delay after an event (the chat's lag), seconds. */
  lagS: number;
  /** Background messages per second. */
  backgroundRate?: number;
  /** Lines recorded live (offset beside replayChatItemAction) instead of replay lines. */
  liveRecorded?: boolean;
  /** Cut the last line in half (an interrupted download). */
  truncate?: boolean;
  distractors?: Distractor[];
  seed?: number;
}

export type Distractor =
  | { kind: 'greetings'; from: number; to: number }
  | { kind: 'goodbyes'; from: number; to: number }
  | { kind: 'spam'; from: number; to: number; text: string }
  | { kind: 'bot'; from: number; to: number; text: string }
  | { kind: 'superchat-reading'; from: number; to: number }
  | { kind: 'gift-thanks'; from: number; to: number };

const REACTIONS = {
  laugh: ['草', 'www', 'ｗｗｗｗ', 'wwwwww', '笑', 'lol', 'LMAO', 'KEKW', '😂', '🤣', '草草草', '大草原'],
  surprise: ['えっ', 'えぇ…', '！？', 'まじ？', 'うそでしょ', 'WHAT', 'OMG', '？？？', 'えええ'],
  hype: ['8888', '８８８８', 'パチパチ', '👏👏', '神', '上手い', 'うますぎる', '天才', 'clip it', 'GG'],
} as const;
const BACKGROUND = ['かわいい', 'なるほど', 'わかる', 'それな', 'がんばれ', 'いいね', 'うんうん', 'so cute', 'nice', 'たしかに', 'ほんとに？', 'lol nice', 'え', 'おお', 'まって'];
const GREETINGS = ['こんばんは', 'こん', 'わこつ', '初見です', '待機', 'hello', 'hi from brazil', 'きたああ'];
const GOODBYES = ['おつ', 'お疲れ様', 'おつかれ', 'またね', 'bye', 'otsu', '乙', 'おやすみ'];
const THANKS = ['ありがとう！', 'ありがと～', 'えらい', 'スパチャ読みだ', 'おめでとう'];
const GIFT_THANKS = ['ギフトありがとう', 'thank you for the gift!', 'メンバーシップありがとう', 'ありがとう！'];

const random = (seed: number): (() => number) => seededRandom(seed).next;

interface Line {
  ms: number;
  item: Record<string, unknown>;
}

function textItem(id: string, author: string, text: string): Record<string, unknown> {
  const runs = /^\p{Extended_Pictographic}/u.test(text)
    ? [{ emoji: { emojiId: text, shortcuts: [':emoji:'], searchTerms: ['emoji'] } }]
    : [{ text }];
  return { liveChatTextMessageRenderer: { message: { runs }, authorName: { simpleText: author }, id, authorExternalChannelId: author } };
}

function paidItem(id: string, author: string, text: string): Record<string, unknown> {
  return { liveChatPaidMessageRenderer: { id, message: { runs: [{ text }] }, purchaseAmountText: { simpleText: '¥1,000' }, authorExternalChannelId: author, authorName: { simpleText: author } } };
}

function giftItem(id: string, author: string): Record<string, unknown> {
  return {
    liveChatSponsorshipsGiftPurchaseAnnouncementRenderer: {
      id, authorExternalChannelId: author,
      header: { liveChatSponsorshipsHeaderRenderer: { authorName: { simpleText: author }, primaryText: { runs: [{ text: 'Gifted ' }, { text: '5' }, { text: ' memberships' }] } } },
    },
  };
}

/** Every line of the stream, in time order. */
function lines(spec: ChatStreamSpec): Line[] {
  const next = random(spec.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: Line[] = [];
  let serial = 0;
  const add = (t: number, make: (id: string) => Record<string, unknown>): void => {
    if (t < 0 || t >= spec.durationS) return;
    serial += 1;
    out.push({ ms: Math.round(t * 1000), item: make(`m${serial}`) });
  };
  const viewer = (): string => `UCviewer${Math.floor(next() * 20_000)}`;
  const rate = spec.backgroundRate ?? 4;
  for (let i = 0; i < spec.durationS * rate; i += 1) add(next() * spec.durationS, (id) => textItem(id, viewer(), pick(BACKGROUND)));
  for (const event of spec.events) {
    for (let v = 0; v < event.viewers; v += 1) {
      // typing delay: at least a second, most around the lag, a tail of late typers
      const delay = 1 + (spec.lagS - 1) * (0.4 + next() * 1.2) + (next() < 0.2 ? next() * 12 : 0);
      const author = `UCfan${event.t}x${v}`;
      add(event.t + delay, (id) => textItem(id, author, pick(REACTIONS[event.kind])));
    }
  }
  for (const d of spec.distractors ?? []) addDistractor(d, add, pick, viewer, next);
  return out.sort((a, b) => a.ms - b.ms);
}

function addDistractor(
  d: Distractor,
  add: (t: number, make: (id: string) => Record<string, unknown>) => void,
  pick: <T>(list: readonly T[]) => T,
  viewer: () => string,
  next: () => number,
): void {
  const span = d.to - d.from;
  const at = (): number => d.from + next() * span;
  switch (d.kind) {
    case 'greetings':
    case 'goodbyes':
      for (let i = 0; i < span * 25; i += 1) add(at(), (id) => textItem(id, viewer(), pick(d.kind === 'greetings' ? GREETINGS : GOODBYES)));
      return;
    case 'spam':
      for (let t = d.from; t < d.to; t += 0.3) add(t, (id) => textItem(id, 'UCspammer', d.text));
      return;
    case 'bot':
      for (let t = d.from; t < d.to; t += 1) add(t, (id) => textItem(id, 'UCnightbot', d.text));
      return;
    case 'superchat-reading':
      for (let t = d.from; t < d.to; t += 2) add(t, (id) => paidItem(id, viewer(), pick(['草', 'おつかれさま！', 'いつも楽しい'])));
      for (let i = 0; i < span * 12; i += 1) add(at(), (id) => textItem(id, viewer(), pick(THANKS)));
      return;
    case 'gift-thanks':
      for (let t = d.from; t < d.to; t += 5) add(t, (id) => giftItem(id, viewer()));
      for (let i = 0; i < span * 15; i += 1) add(at(), (id) => textItem(id, viewer(), pick(GIFT_THANKS)));
      return;
  }
}

function render(line: Line, liveRecorded: boolean): string {
  const action = { addChatItemAction: { item: line.item, clientId: 'c' } };
  if (liveRecorded) return JSON.stringify({ replayChatItemAction: { actions: [action] }, videoOffsetTimeMsec: String(line.ms) });
  return JSON.stringify({ clickTrackingParams: 'CAE', replayChatItemAction: { actions: [action], videoOffsetTimeMsec: String(line.ms) } });
}

/** Writes the chat file; returns how many lines it has. */
export async function writeChatStream(path: string, spec: ChatStreamSpec): Promise<number> {
  const rendered = lines(spec).map((line) => render(line, spec.liveRecorded === true));
  if (spec.truncate && rendered.length > 0) rendered[rendered.length - 1] = rendered[rendered.length - 1]!.slice(0, 40);
  await writeFile(path, rendered.join('\n') + (spec.truncate ? '' : '\n'));
  return rendered.length;
}

/** A yt-dlp `.info.json` for the stream (no comments unless given). */
export async function writeStreamInfo(path: string, id: string, durationS: number, comments: { text: string; author: string }[] = []): Promise<void> {
  const info = {
    id, title: `配信 ${id}`, duration: durationS, channel: 'Test Channel', channel_id: 'UCtestchannel0000000000', was_live: true, live_status: 'was_live',
    comments: comments.map((c, i) => ({ id: `cm${i}`, parent: 'root', text: c.text, like_count: 1, author: c.author, author_id: c.author, timestamp: 1_700_000_000 })),
  };
  await writeFile(path, JSON.stringify(info));
}
