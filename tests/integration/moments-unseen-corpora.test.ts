/**
 * QA simulation of the issue-2 acceptance check: the BUILT `kirinuki moments` CLI against a
 * loopback Data API server serving comment corpora the product was never tuned on (seeded,
 * deterministic): a 1h47m English gaming stream, a 1h10m Japanese stream and a 3-minute video.
 * It asserts the top moments against the truth, the window rules, the exact JSON shape, the
 * request counts of a first, second and --refresh run, the error codes / exit status / stderr
 * line, the quota-exhaustion resume, --top and stdout purity under --json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MomentsResult as MomentsJson } from '../../core/moments/types.js';
import {
  countComments,
  makeThreads,
  startFakeYoutubeApi,
  type FakeVideo,
  type FakeYoutubeApi,
  type SyntheticComment,
} from '../helpers/fake-youtube-api.js';
import { ensureBuilt, MAIN_JS, REPO, runCli, snapshotBuiltCli, type CliRun } from '../helpers/built-cli.js';

const UPLOADER = 'UCqaUploaderChannel00001';

// ---------------------------------------------------------------- seeded generation helpers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `M:SS` / `MM:SS` (below an hour only). */
function ms(t: number): string {
  return `${Math.floor(t / 60)}:${pad2(t % 60)}`;
}
/** `H:MM:SS`. */
function hms(t: number): string {
  return `${Math.floor(t / 3600)}:${pad2(Math.floor((t % 3600) / 60))}:${pad2(t % 60)}`;
}
/** `HH:MM:SS`. */
function hhms(t: number): string {
  return pad2(Math.floor(t / 3600)) + hms(t).slice(hms(t).indexOf(':'));
}
const FW: Record<string, string> = Object.fromEntries([...'0123456789'].map((d) => [d, String.fromCharCode(d.charCodeAt(0) + 0xfee0)]));
/** Full-width digits and colons (`１２：０３`). */
function fullWidth(s: string): string {
  return [...s].map((c) => (c === ':' ? '：' : (FW[c] ?? c))).join('');
}
/** `12分3秒` / `1時間2分3秒`. */
function jp(t: number, padded = false): string {
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const mm = padded ? pad2(m) : String(m);
  const ss = padded ? pad2(s) : String(s);
  return h > 0 ? `${h}時間${mm}分${ss}秒` : `${m}分${ss}秒`;
}

interface Truth {
  t: number;
  /** Comments (top-level or replies) pointing at it. */
  n: number;
  /** Expected end of the window when viewers give a range. */
  rangeEnd?: number;
}

interface Corpus {
  video: FakeVideo;
  durationS: number;
  truths: Truth[];
  /** Comment ids that carry only invalid / past-the-end timestamps: they must back no moment. */
  spamIds: Set<string>;
  /** Number of valid timestamps (mentions) over all comments and replies: [min, max] (ranges may count once or twice). */
  mentions: [number, number];
  threadsCount: number;
  commentsTotal: number;
}

/**
 * Assembles synthetic comments into threads: `replyShare` of the truth mentions become replies,
 * hung on chatter threads. Returns the comments with their stable index-based ids.
 */
class CorpusBuilder {
  readonly comments: SyntheticComment[] = [];
  /** Indexes of the spam threads (before the shuffle). */
  readonly spamThreadIdx: number[] = [];
  private author = 0;
  validTimestamps = 0;
  rangeTimestamps = 0;

  constructor(
    readonly id: string,
    readonly rng: Rng,
  ) {}

  nextAuthor(): string {
    this.author += 1;
    return `UCqaViewer${this.id}${this.author}`;
  }

  add(text: string, likes: number, opts: { valid?: number; ranges?: number; spam?: boolean; authorId?: string } = {}): number {
    this.comments.push({ text, likes, authorId: opts.authorId ?? this.nextAuthor(), replies: [] });
    this.validTimestamps += opts.valid ?? 0;
    this.rangeTimestamps += opts.ranges ?? 0;
    const index = this.comments.length - 1;
    if (opts.spam) this.spamThreadIdx.push(index);
    return index;
  }

  reply(threadIndex: number, text: string, likes: number, valid = 1): void {
    this.comments[threadIndex]!.replies!.push({ text, likes, authorId: this.nextAuthor() });
    this.validTimestamps += valid;
  }

  /** Seeded shuffle of the threads, keeping the spam indexes right. */
  build(title: string, duration: string, durationS: number, truths: Truth[]): Corpus {
    const order = this.comments.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const shuffled = order.map((i) => this.comments[i]!);
    const spamSet = new Set(this.spamThreadIdx);
    const threads = makeThreads(this.id, shuffled, UPLOADER);
    const spamIds = new Set<string>();
    order.forEach((orig, pos) => {
      if (spamSet.has(orig)) spamIds.add(threads[pos]!.id!);
    });
    const video: FakeVideo = { id: this.id, title, duration, channelId: UPLOADER, channelTitle: 'QA Channel', threads };
    return {
      video,
      durationS,
      truths,
      spamIds,
      mentions: [this.validTimestamps, this.validTimestamps + this.rangeTimestamps],
      threadsCount: threads.length,
      commentsTotal: countComments(threads),
    };
  }
}

/** Positions at least `gap` s from every forbidden point and from each other. */
function noisePositions(rng: Rng, count: number, from: number, to: number, forbidden: number[], gap: number, ownGap: number): number[] {
  const out: number[] = [];
  let guard = 0;
  while (out.length < count && guard++ < 100_000) {
    const t = Math.floor(from + rng() * (to - from));
    if (forbidden.some((f) => Math.abs(f - t) < gap)) continue;
    if (out.some((o) => Math.abs(o - t) < ownGap)) continue;
    out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------- corpus (a): English 1h47m gaming stream

function englishGamingStream(): Corpus {
  const rng = mulberry32(20261201);
  const id = 'gAmInG1h47m';
  const durationS = 6420; // 1:47:00
  const b = new CorpusBuilder(id, rng);
  const truths: Truth[] = [
    { t: 754, n: 40 }, // 00:12:34
    { t: 2890, n: 30 }, // 0:48:10
    { t: 3902, n: 20 }, // 1:05:02
    { t: 5505, n: 12 }, // 1:31:45
  ];
  const chatter = [
    'GG', 'first time catching this live', 'that boss fight was insane', 'subbed!', 'w stream',
    'the 100 hp comeback', 'version 2.0 when?', 'score was 3-1 btw', '10/10 stream', 'rated 4.5 stars',
    'who is here in 2026', 'he said 1 2 3 go and then nothing', 'top 5 streamer', 'ez clap', 'lol',
  ];
  const chatterIdx: number[] = [];
  for (let i = 0; i < 180; i++) chatterIdx.push(b.add(pick(rng, chatter), Math.floor(rng() * 20)));

  const templates = [
    '{t}', '{t} lmao', 'the scream at {t} 😂', '{t}\nclip this', 'who else rewound to {t}',
    'LMAO {t} the chat went wild', '{t} - best moment of the stream', 'bro at {t}💀', 'timestamp {t} for the lazy',
  ];
  truths.forEach((truth, k) => {
    for (let i = 0; i < truth.n; i++) {
      const t = truth.t + pick(rng, [-1, 0, 0, 0, 1, 2]);
      const form = truth.t < 3600 ? pick(rng, [ms, ms, hms, hhms]) : pick(rng, [hms, hms, hhms]);
      const text = pick(rng, templates).replace('{t}', form(t));
      let likes = Math.floor(rng() * 40);
      if (k === 2 && i === 0) likes = 800; // a popular comment on moment 3: a bonus, not a majority
      if (i % 4 === 3) b.reply(pick(rng, chatterIdx), text, likes); // timestamps in replies
      else b.add(text, likes, { valid: 1 });
    }
  });
  // one comment pointing at two true moments
  b.add(`${ms(2890)} and ${hms(3902)} both insane`, 5, { valid: 2 });
  truths[1]!.n += 1;
  truths[2]!.n += 1;

  // uploader's 15-entry chapter list (pinned, many likes), away from the true moments
  const chapterTimes = [0, 300, 620, 1200, 1500, 1900, 2300, 2600, 3300, 3600, 4300, 4700, 5100, 5800, 6200];
  const chapters = chapterTimes.map((t, i) => `${t >= 3600 ? hms(t) : ms(t)} Chapter ${i + 1}`).join('\n');
  b.add(`Chapters:\n${chapters}`, 250, { valid: 15, authorId: UPLOADER });
  // a viewer's "timestamps" comment: 10 entries (4 of them the true moments), very liked
  const listTimes = [754, 1000, 1700, 2890, 3100, 3902, 4500, 5000, 5505, 6100];
  b.add(listTimes.map((t, i) => `${t >= 3600 ? hms(t) : ms(t)} moment ${i + 1}`).join('\n'), 900, { valid: 10 });

  // spam / invalid forms (12 copies each, distinct authors): misparsed, each would be a fake moment
  const spam = ['99:99', '1:1:1 lol', '5:255:25', '12:3 lol', 'at :45 lol', 'the part at 1:50:00', '2:15:00 hype', '1:47:01 end screen'];
  for (const s of spam) for (let i = 0; i < 12; i++) b.add(s, Math.floor(rng() * 10), { spam: true });

  // random single timestamps, far from everything and from each other
  const forbidden = [...truths.map((t) => t.t), ...chapterTimes, ...listTimes, 45, 723, 3325, 3661, 6039, 6420];
  for (const t of noisePositions(rng, 150, 20, 6400, forbidden, 45, 20)) {
    b.add(`${pick(rng, ['', 'lol ', 'wait '])}${t >= 3600 ? hms(t) : ms(t)}`, Math.floor(rng() * 5), { valid: 1 });
  }
  return b.build('QA 1h47m gaming stream', 'PT1H47M', durationS, truths);
}

// ---------------------------------------------------------------- corpus (b): Japanese 1h10m stream

function japaneseStream(): Corpus {
  const rng = mulberry32(777);
  const id = 'JaPaN_vid01';
  const durationS = 4200; // 1:10:00
  const b = new CorpusBuilder(id, rng);
  const truths: Truth[] = [
    { t: 723, n: 30 }, // 12:03
    { t: 192, n: 22, rangeEnd: 220 }, // 3:12〜3:40
    { t: 3723, n: 16 }, // 1時間2分3秒
    { t: 2730, n: 9 }, // 45分30秒
  ];
  const chatter = ['おつかれさまでした', 'かわいい', '草', '初見です', '神回', '2回目の視聴', '3人のコラボ最高', '100万回再生おめでとう', 'ｗｗｗｗ', '待機'];
  const chatterIdx: number[] = [];
  for (let i = 0; i < 120; i++) chatterIdx.push(b.add(pick(rng, chatter), Math.floor(rng() * 15)));
  const templates = ['{t}ここ好き', 'ここ{t}で草', '{t} 神回', '{t}のところ何回見ても笑う', '{t}～ 最高', '{t}\nかわいすぎる'];

  const push = (text: string, likes: number, i: number, ranges = 0): void => {
    if (i % 5 === 4) b.reply(pick(rng, chatterIdx), text, likes, 1);
    else b.add(text, likes, { valid: 1 });
    b.rangeTimestamps += ranges;
  };
  // 12:03 in many notations
  for (let i = 0; i < truths[0]!.n; i++) {
    const t = 723 + pick(rng, [0, 0, 1]);
    const form = pick(rng, [(x: number) => fullWidth(ms(x)), (x: number) => jp(x), ms, (x: number) => jp(x, true), (x: number) => `${fullWidth(String(Math.floor(x / 60)))}:${pad2(x % 60)}`]);
    push(pick(rng, templates).replace('{t}', form(t)), Math.floor(rng() * 50), i);
  }
  // 3:12 as ranges
  const ranges = ['3:12〜3:40', '3:12~3:40', '3:12-3:40', '３：１２〜３：４０', '3:12 〜 3:40', '3:12～3:40'];
  for (let i = 0; i < truths[1]!.n; i++) {
    push(`${pick(rng, ranges)}${pick(rng, ['の流れ好き', ' 最高', 'ずっと笑ってる', ''])}`, Math.floor(rng() * 30), i, 1);
  }
  // 1時間2分3秒
  for (let i = 0; i < truths[2]!.n; i++) {
    const form = pick(rng, [(x: number) => jp(x), hms, (x: number) => fullWidth(hms(x)), (x: number) => jp(x, true), hhms]);
    push(pick(rng, templates).replace('{t}', form(3723 + pick(rng, [0, 0, 1]))), Math.floor(rng() * 20), i);
  }
  // 45分30秒
  for (let i = 0; i < truths[3]!.n; i++) {
    const form = pick(rng, [(x: number) => jp(x), ms, (x: number) => fullWidth(ms(x))]);
    push(pick(rng, templates).replace('{t}', form(2730 + pick(rng, [0, 1]))), Math.floor(rng() * 10), i);
  }
  // uploader's chapter list
  const chapterTimes = [0, 300, 900, 1500, 2100, 3000, 3300, 3900];
  b.add(chapterTimes.map((t, i) => `${t >= 3600 ? hms(t) : hhms(t)} パート${i + 1}`).join('\n'), 120, { valid: 8, authorId: UPLOADER });
  // spam / invalid / past the end (4200 s)
  const spam = ['１：１：１', '99:99', '99分99秒', '1時間20分0秒', '１：１５：００', '70分5秒ここ'];
  for (const s of spam) for (let i = 0; i < 8; i++) b.add(s, Math.floor(rng() * 5), { spam: true });
  // ('70分5秒' = 4205 s: one past the end.) noise singles
  const forbidden = [...truths.map((t) => t.t), 220, ...chapterTimes, 3661, 6039, 4199];
  for (const t of noisePositions(rng, 50, 20, 4180, forbidden, 45, 25)) {
    const form = pick(rng, [ms, (x: number) => jp(x), (x: number) => fullWidth(ms(x))]);
    b.add(`${t >= 3600 ? hms(t) : form(t)}`, Math.floor(rng() * 5), { valid: 1 });
  }
  return b.build('QA 日本語 コラボ配信', 'PT1H10M', durationS, truths);
}

// ---------------------------------------------------------------- corpus (c): 3-minute video

function shortVideo(): Corpus {
  const rng = mulberry32(31337);
  const id = 'ShOrT3mIn_0';
  const durationS = 180;
  const b = new CorpusBuilder(id, rng);
  const truths: Truth[] = [
    { t: 2, n: 16 },
    { t: 178, n: 14 },
    { t: 90, n: 6 },
  ];
  const chatter = ['nice', 'short and sweet', 'lol', 'again!', 'the ending', 'the intro'];
  for (let i = 0; i < 25; i++) b.add(pick(rng, chatter), Math.floor(rng() * 10));
  for (const [text, copies] of [['0:02 the intro lol', 10], ['0:03 instantly', 4], ['0:01', 2]] as const) {
    for (let i = 0; i < copies; i++) b.add(text, Math.floor(rng() * 20), { valid: 1 });
  }
  for (const [text, copies] of [['2:58 the ending 😂', 9], ['2:59', 3], ['2:57 wait for it', 2]] as const) {
    for (let i = 0; i < copies; i++) b.add(text, Math.floor(rng() * 20), { valid: 1 });
  }
  for (let i = 0; i < 6; i++) b.add('1:30 the fall', Math.floor(rng() * 5), { valid: 1 });
  for (const s of ['3:01', '3:20 ??', '4:00 lol']) for (let i = 0; i < 8; i++) b.add(s, 3, { spam: true });
  return b.build('QA three minutes', 'PT3M', durationS, truths);
}

// ---------------------------------------------------------------- corpus (d): two neighbouring moments

/** 30 viewers at 10:00 and 10 at 10:19 (its lead-in touches the first window), 4 at 15:00. */
function neighbours(): Corpus {
  const rng = mulberry32(4242);
  const b = new CorpusBuilder('nEiGhBoUr00', rng);
  for (let i = 0; i < 20; i++) b.add(pick(rng, ['nice', 'gg', 'lol']), 1);
  for (let i = 0; i < 30; i++) b.add(`${ms(600 + pick(rng, [0, 0, 1]))} the crash`, Math.floor(rng() * 30), { valid: 1 });
  for (let i = 0; i < 10; i++) b.add(`${ms(619 + pick(rng, [0, 0, 1]))} and then the rage quit`, Math.floor(rng() * 30), { valid: 1 });
  for (let i = 0; i < 4; i++) b.add(`${ms(900)} cute`, 2, { valid: 1 });
  return b.build('QA neighbouring moments', 'PT30M', 1800, [
    { t: 600, n: 30 },
    { t: 619, n: 10 },
    { t: 900, n: 4 },
  ]);
}

/** One 5000-like comment at 30:00 against 12 distinct viewers at 40:00 and 20 at 20:00. */
function likesVersusViewers(): Corpus {
  const rng = mulberry32(5000);
  const b = new CorpusBuilder('lIkEsVsVoTe', rng);
  for (let i = 0; i < 10; i++) b.add(pick(rng, ['nice', 'gg', 'lol']), 3);
  b.add('30:00 this is the best part of the whole video', 5000, { valid: 1 });
  for (let i = 0; i < 20; i++) b.add(`${ms(1200 + pick(rng, [0, 1]))} lol`, Math.floor(rng() * 20), { valid: 1 });
  for (let i = 0; i < 12; i++) b.add(`${ms(2400 + pick(rng, [0, 1]))} omg`, Math.floor(rng() * 3), { valid: 1 }); // ordinary viewers: 0–2 likes
  return b.build('QA likes vs viewers', 'PT1H', 3600, [
    { t: 1200, n: 20 },
    { t: 2400, n: 12 },
  ]);
}

/**
 * Five moments (16:40, 26:40, 36:40, 46:40, 56:40), each pointed at by 30 viewers who disagree
 * by a few seconds: uniform random offsets −5…+10 s (seeded), as real viewers write them.
 */
const SPREAD_TRUTHS = [1000, 1600, 2200, 2800, 3400];
function spreadMoments(): Corpus {
  const rng = mulberry32(1000);
  const b = new CorpusBuilder('sPrEaDwIdE0', rng);
  for (let i = 0; i < 20; i++) b.add(pick(rng, ['nice', 'gg', 'lol']), 3);
  for (const truth of SPREAD_TRUTHS) {
    for (let i = 0; i < 30; i++) {
      b.add(`${ms(truth + Math.round(-5 + rng() * 15))} the fall`, Math.floor(rng() * 20), { valid: 1 });
    }
  }
  return b.build('QA spread moments', 'PT1H', 3600, SPREAD_TRUTHS.map((t) => ({ t, n: 30 })));
}

// ---------------------------------------------------------------- running the built CLI

let home: string;
/** A private copy of bin/ + dist/ (node_modules linked): other engineers rebuilding dist/ mid-run cannot break it. */
let cliDir = REPO;

/** Async on purpose: the fake servers live in this process and must keep answering. */
function kirinuki(api: FakeYoutubeApi, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runCli(['moments', ...args], {
    cliDir,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), KIRINUKI_DEBUG: undefined, YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, ...env },
  });
}

// ---------------------------------------------------------------- assertions

const sortedKeys = (o: object): string[] => Object.keys(o).sort();

/** stdout must be one JSON document and nothing else; the shape exactly DESIGN.md's. */
function parseMoments(run: CliRun): MomentsJson {
  expect(run.code, `exit status; stderr: ${run.stderr}`).toBe(0);
  const out = run.stdout.trim();
  expect(out.startsWith('{') && out.endsWith('}'), 'stdout is pure JSON').toBe(true);
  const json = JSON.parse(out) as MomentsJson;
  expect(sortedKeys(json)).toEqual(['commentsFetched', 'mentions', 'moments', 'video']);
  expect(sortedKeys(json.video)).toEqual(['durationS', 'id', 'title']);
  expect(typeof json.video.id).toBe('string');
  expect(typeof json.video.title).toBe('string');
  expect(typeof json.video.durationS).toBe('number');
  expect(Number.isInteger(json.commentsFetched)).toBe(true);
  expect(Number.isInteger(json.mentions)).toBe(true);
  expect(Array.isArray(json.moments)).toBe(true);
  json.moments.forEach((m, i) => {
    expect(sortedKeys(m)).toEqual(['comments', 'end', 'mentions', 'peak', 'rank', 'score', 'start']);
    expect(m.rank).toBe(i + 1);
    for (const k of ['start', 'end', 'peak', 'score', 'mentions'] as const) {
      expect(typeof m[k], `${k} is a number`).toBe('number');
      expect(Number.isFinite(m[k])).toBe(true);
    }
    expect(m.comments.length).toBeGreaterThan(0);
    for (const c of m.comments) {
      expect(sortedKeys(c)).toEqual(['id', 'likes', 't', 'text']);
      expect(typeof c.id).toBe('string');
      expect(typeof c.text).toBe('string');
      expect(typeof c.likes).toBe('number');
      expect(typeof c.t).toBe('number');
    }
  });
  return json;
}

/** Window rules: ≥ 1 s lead before the peak, 8–60 s long (or the given limits), inside [0, duration], no overlaps. */
function checkWindows(json: MomentsJson, min = 8, max = 60): void {
  const d = json.video.durationS;
  for (const m of json.moments) {
    const where = `moment #${m.rank} [${m.start}, ${m.end}] peak ${m.peak}`;
    expect(m.start, where).toBeGreaterThanOrEqual(0);
    expect(m.end, where).toBeLessThanOrEqual(d);
    expect(m.peak - m.start, `${where}: starts ≥ 1 s before the peak`).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(m.peak, where).toBeLessThanOrEqual(m.end);
    expect(m.end - m.start, `${where}: length`).toBeGreaterThanOrEqual(min - 1e-9);
    expect(m.end - m.start, `${where}: length`).toBeLessThanOrEqual(max + 1e-9);
    for (const c of m.comments) {
      expect(c.t, `${where}: backing comment ${c.id} at ${c.t} s inside the video`).toBeGreaterThanOrEqual(0);
      expect(c.t, `${where}: backing comment ${c.id} at ${c.t} s`).toBeLessThanOrEqual(d);
    }
  }
  const byStart = [...json.moments].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byStart.length; i++) {
    expect(byStart[i]!.start, `windows #${byStart[i - 1]!.rank} and #${byStart[i]!.rank} overlap`).toBeGreaterThanOrEqual(byStart[i - 1]!.end);
  }
}

/** The top |truths| moments are the truths in mention-count order, each inside its window. */
function checkTruth(json: MomentsJson, corpus: Corpus): void {
  const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] peak ${m.peak} n=${m.mentions} s=${m.score}`).join('; ');
  const ordered = [...corpus.truths].sort((a, b) => b.n - a.n);
  ordered.forEach((truth, i) => {
    const m = json.moments[i];
    expect(m, `a moment ranked #${i + 1} for ${truth.t} s; got ${summary}`).toBeDefined();
    expect(m!.start <= truth.t && truth.t <= m!.end, `moment #${i + 1} contains ${truth.t} s (n=${truth.n}); got ${summary}`).toBe(true);
    expect(m!.mentions, `moment #${i + 1} mentions ≈ ${truth.n}`).toBeGreaterThanOrEqual(truth.n);
    expect(m!.mentions, `moment #${i + 1} mentions ≈ ${truth.n}`).toBeLessThanOrEqual(truth.n + 2);
    if (truth.rangeEnd !== undefined) expect(Math.abs(m!.end - truth.rangeEnd), `moment #${i + 1} ends at the range end ${truth.rangeEnd}`).toBeLessThanOrEqual(3);
  });
  for (const m of json.moments) {
    for (const c of m.comments) expect(corpus.spamIds.has(c.id), `spam/out-of-range comment ${c.id} "${c.text}" backs moment #${m.rank}`).toBe(false);
  }
}

function expectError(run: CliRun, code: string, json: boolean): string {
  expect(run.code, `exit status for ${code}; stderr: ${run.stderr}`).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  const errorLines = lines.filter((l) => l.startsWith('error '));
  expect(errorLines, `one error line on stderr: ${run.stderr}`).toHaveLength(1);
  expect(errorLines[0]).toMatch(new RegExp(`^error ${code}: \\S.*$`));
  if (json) {
    expect(lines, `--json: stderr holds just the error line: ${run.stderr}`).toHaveLength(1);
    const out = run.stdout.trim();
    if (out !== '') {
      const payload = JSON.parse(out) as { error: { code: string; message: string } };
      expect(payload.error.code).toBe(code);
    }
  }
  return errorLines[0]!;
}

function requestsSince(api: FakeYoutubeApi, from: number, path: string): number {
  return api.requests.slice(from).filter((r) => r.path === `/youtube/v3/${path}`).length;
}

// ---------------------------------------------------------------- the check

const A = englishGamingStream();
const B = japaneseStream();
const C = shortVideo();
const D = neighbours();
const E = likesVersusViewers();
const F = spreadMoments();
const DISABLED: FakeVideo = { id: 'cOmMeNtSoFf', title: 'comments off', duration: 'PT10M', threads: [], commentsDisabled: true };
const pages = (c: Corpus): number => Math.ceil(c.threadsCount / 100);

/** `QA_DUMP=DIR` writes the corpora as `{video, threads}` files, for trying them by hand. */
if (process.env.QA_DUMP) {
  for (const c of [A, B, C, D, E, F]) {
    const { id, title, duration, channelId, channelTitle } = c.video;
    writeFileSync(
      join(process.env.QA_DUMP, `${id}.json`),
      JSON.stringify({ video: { id, title, duration, durationS: c.durationS, channelId, channelTitle }, threads: c.video.threads }, null, 1),
    );
  }
}

let api: FakeYoutubeApi;
let quotaApi: FakeYoutubeApi;
let root: string;

beforeAll(async () => {
  await ensureBuilt();
  expect(existsSync(MAIN_JS)).toBe(true);
  root = await mkdtemp(join(tmpdir(), 'kirinuki-qa-unseen-'));
  cliDir = await snapshotBuiltCli(join(root, 'cli'), ['moments', '--help']);
  api = await startFakeYoutubeApi({ videos: [A.video, B.video, C.video, D.video, E.video, F.video, DISABLED] });
  quotaApi = await startFakeYoutubeApi({ videos: [A.video], faults: { quotaExceededAfterPages: 2 } });
  home = join(root, 'home');
}, 180_000);

afterAll(async () => {
  await api?.close();
  await quotaApi?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('kirinuki moments on unseen corpora (built CLI, loopback Data API)', () => {
  it('corpora are what the check needs', () => {
    expect(A.threadsCount).toBeGreaterThan(500);
    expect(A.durationS).toBeGreaterThan(3600);
    expect(pages(A)).toBeGreaterThanOrEqual(5);
    expect(pages(B)).toBeGreaterThanOrEqual(2);
    expect(pages(C)).toBe(1);
  });

  let firstA: MomentsJson;

  it('(a) 1h47m English stream: first run = 1 videos.list + ceil(threads/100) commentThreads.list, top moments = truth', async () => {
    const from = api.requests.length;
    const run = await kirinuki(api, [`https://youtu.be/${A.video.id}?t=754`, '--json', '--out', join(root, 'p'), '--top', '10']);
    firstA = parseMoments(run);
    expect(requestsSince(api, from, 'videos')).toBe(1);
    expect(requestsSince(api, from, 'commentThreads')).toBe(pages(A));
    expect(api.requests.length - from).toBe(1 + pages(A));
    for (const r of api.requests.slice(from).filter((q) => q.path.endsWith('commentThreads'))) {
      expect(r.query.part?.split(',').sort()).toEqual(['replies', 'snippet']);
      expect(r.query.maxResults).toBe('100');
      expect(r.query.textFormat).toBe('plainText');
      expect(r.query.videoId).toBe(A.video.id);
    }
    expect(firstA.video).toEqual({ id: A.video.id, title: A.video.title, durationS: 6420 });
    expect(firstA.commentsFetched).toBe(A.commentsTotal);
    expect(firstA.mentions, 'timestamps inside the video (spam, 1:1:1, 99:99, past-the-end excluded)').toBe(A.mentions[0]);
    expect(firstA.moments.length).toBe(10);
    checkWindows(firstA);
    checkTruth(firstA, A);
    const saved = JSON.parse(readFileSync(join(root, 'p', A.video.id, 'moments.json'), 'utf8')) as MomentsJson;
    expect(saved).toEqual(firstA);
  });

  it('(a) second run (bare id, --top 4): zero API requests, same moments; --refresh fetches everything again', async () => {
    const from = api.requests.length;
    const second = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', join(root, 'p'), '--top', '4']));
    expect(api.requests.length - from, 'second run makes no request').toBe(0);
    expect(second.moments).toHaveLength(4);
    expect(second.moments).toEqual(firstA.moments.slice(0, 4));
    expect(second.commentsFetched).toBe(firstA.commentsFetched);
    // the cache needs no key either
    const noKey = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', join(root, 'p'), '--top', '4'], { YOUTUBE_API_KEY: undefined }));
    expect(noKey.moments).toEqual(second.moments);
    expect(api.requests.length - from).toBe(0);

    const before = api.requests.length;
    const refreshed = parseMoments(
      await kirinuki(api, [`https://m.youtube.com/watch?v=${A.video.id}&t=1m30s&list=PLqa`, '--json', '--out', join(root, 'p'), '--refresh']),
    );
    expect(requestsSince(api, before, 'videos')).toBe(1);
    expect(requestsSince(api, before, 'commentThreads')).toBe(pages(A));
    expect(refreshed.moments).toEqual(firstA.moments);
  });

  it('(b) Japanese notations (１２：０３, 12分3秒, 1時間2分3秒, 3:12〜3:40): truth, range end, cache', async () => {
    const from = api.requests.length;
    const json = parseMoments(await kirinuki(api, [`https://www.youtube.com/live/${B.video.id}?si=abc`, '--json', '--out', join(root, 'p'), '--top', '8']));
    expect(requestsSince(api, from, 'videos')).toBe(1);
    expect(requestsSince(api, from, 'commentThreads')).toBe(pages(B));
    expect(json.video).toEqual({ id: B.video.id, title: B.video.title, durationS: 4200 });
    expect(json.commentsFetched).toBe(B.commentsTotal);
    expect(json.mentions).toBeGreaterThanOrEqual(B.mentions[0]);
    expect(json.mentions).toBeLessThanOrEqual(B.mentions[1]);
    checkWindows(json);
    checkTruth(json, B);
    const again = await kirinuki(api, [B.video.id, '--json', '--out', join(root, 'p'), '--top', '8']);
    expect(api.requests.length - from).toBe(1 + pages(B));
    expect(parseMoments(again)).toEqual(json);
  });

  it('(c) 3-minute video: windows near 0 s and near the end stay inside [0, 180]; --top honoured', async () => {
    const from = api.requests.length;
    const json = parseMoments(await kirinuki(api, [`https://www.youtube.com/shorts/${C.video.id}`, '--json', '--out', join(root, 'p'), '--top', '3']));
    expect(api.requests.length - from).toBe(2);
    expect(json.moments).toHaveLength(3);
    expect(json.mentions).toBe(C.mentions[0]);
    checkWindows(json);
    checkTruth(json, C);
    const top2 = parseMoments(await kirinuki(api, [C.video.id, '--json', '--out', join(root, 'p'), '--top', '2']));
    expect(top2.moments).toHaveLength(2);
    expect(top2.moments).toEqual(json.moments.slice(0, 2));
    expect(api.requests.length - from).toBe(2);
  });

  it('errors: exit 1 and one `error CODE: message` line (comments disabled, invalid key, unknown video, invalid URL, missing key)', async () => {
    const out = (name: string): string[] => ['--out', join(root, name)];
    const before = api.requests.length;
    const [disabled, badKey, unknown, badUrl, badUrl2, noKey, disabledTable] = await Promise.all([
      kirinuki(api, [DISABLED.id, '--json', ...out('e1')]),
      kirinuki(api, [C.video.id, '--json', ...out('e2')], { YOUTUBE_API_KEY: 'not-the-key' }),
      kirinuki(api, ['nOsUcHvIdEo', '--json', ...out('e3')]),
      kirinuki(api, ['https://example.com/watch?v=dQw4w9WgXcQ', '--json', ...out('e4')]),
      kirinuki(api, ['https://www.youtube.com/watch?v=short', '--json', ...out('e4')]),
      kirinuki(api, [C.video.id, '--json', ...out('e5')], { YOUTUBE_API_KEY: undefined }),
      kirinuki(api, [`https://youtu.be/${DISABLED.id}`, ...out('e6')]),
    ]);
    expect(expectError(disabled, 'COMMENTS_DISABLED', true)).toContain(DISABLED.id);
    expectError(badKey, 'API_KEY_INVALID', true);
    expect(expectError(unknown, 'VIDEO_NOT_FOUND', true)).toContain('nOsUcHvIdEo');
    expect(expectError(badUrl, 'INVALID_URL', true)).toContain('https://example.com/watch?v=dQw4w9WgXcQ');
    expect(expectError(badUrl2, 'INVALID_URL', true)).toContain('https://www.youtube.com/watch?v=short');
    expectError(noKey, 'API_KEY_MISSING', true);
    expectError(disabledTable, 'COMMENTS_DISABLED', false);
    // no retries of 4xx: disabled ×2 ≤ 2 each, bad key 1, unknown ≤ 2, invalid URL and missing key 0
    expect(api.requests.length - before).toBeLessThanOrEqual(2 + 2 + 1 + 2);
    for (const r of api.requests.slice(before)) expect([DISABLED.id, C.video.id, 'nOsUcHvIdEo']).toContain(r.query.id ?? r.query.videoId);
    expect(api.requests.slice(before).filter((r) => r.query.key === undefined)).toHaveLength(0);
  });

  it('quota exceeded after 2 pages: QUOTA_EXCEEDED with the saved count, then the next run resumes from the saved page', async () => {
    const rootQ = join(root, 'q');
    const run = await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ]);
    const line = expectError(run, 'QUOTA_EXCEEDED', true);
    const savedComments = countComments(A.video.threads.slice(0, 200));
    expect(line, `the error says ${savedComments} comments were saved`).toContain(String(savedComments));
    expect(quotaApi.countOf('videos')).toBe(1);
    expect(quotaApi.countOf('commentThreads')).toBe(3); // 2 served + the one refused (403 is not retried)

    quotaApi.setFaults({});
    const from = quotaApi.requests.length;
    const resumed = parseMoments(await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ, '--top', '10']));
    expect(requestsSince(quotaApi, from, 'videos'), 'no second videos.list').toBe(0);
    expect(requestsSince(quotaApi, from, 'commentThreads'), 'only the missing pages').toBe(pages(A) - 2);
    expect(quotaApi.requests[from]!.query.pageToken, 'resumes from the saved page token').toBeTruthy();
    expect(resumed.commentsFetched).toBe(A.commentsTotal);
    expect(resumed.moments).toEqual(firstA.moments);
    const third = quotaApi.requests.length;
    parseMoments(await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ]));
    expect(quotaApi.requests.length - third).toBe(0);
  });
  it('--max-comments stops early; a later run without it fetches the rest, not the first pages again', async () => {
    const rootM = join(root, 'm');
    const from = api.requests.length;
    const partial = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', rootM, '--max-comments', '150']));
    expect(requestsSince(api, from, 'commentThreads')).toBe(2);
    expect(partial.commentsFetched).toBeGreaterThanOrEqual(150);
    expect(partial.commentsFetched).toBeLessThan(A.commentsTotal);
    const mid = api.requests.length;
    const full = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', rootM, '--top', '10']));
    expect(requestsSince(api, mid, 'videos')).toBe(0);
    expect(requestsSince(api, mid, 'commentThreads')).toBeLessThanOrEqual(pages(A) - 1);
    expect(full.commentsFetched).toBe(A.commentsTotal);
    expect(full.moments).toEqual(firstA.moments);
  });

  it('(d) a moment whose lead-in touches a stronger neighbour is kept (merged into it or listed), not dropped', async () => {
    const json = parseMoments(await kirinuki(api, [D.video.id, '--json', '--out', join(root, 'p')]));
    checkWindows(json);
    const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] n=${m.mentions}`).join('; ');
    const rageQuit = json.moments.find((m) => m.start <= 619 && 619 <= m.end);
    expect(rageQuit, `10 viewers point at 10:19: some window holds it; got ${summary}`).toBeDefined();
    expect(rageQuit!.comments.filter((c) => c.t >= 618 && c.t <= 621).length, 'its 10 comments back it').toBeGreaterThanOrEqual(10);
    const cute = json.moments.find((m) => m.start <= 900 && 900 <= m.end);
    expect(cute, summary).toBeDefined();
    expect(rageQuit!.rank, `10:19 (10 viewers) ranks above 15:00 (4 viewers); got ${summary}`).toBeLessThan(cute!.rank);
  });

  it('(e) likes are a bonus: one 5000-like comment does not outrank 12 distinct viewers', async () => {
    const json = parseMoments(await kirinuki(api, [E.video.id, '--json', '--out', join(root, 'p'), '--top', '2']));
    checkWindows(json);
    checkTruth(json, E);
  });

  it('(f) viewers who disagree by −5…+10 s: each of five moments lies in one top window with ≥ 27 of its 30 mentions', async () => {
    const json = parseMoments(await kirinuki(api, [F.video.id, '--json', '--out', join(root, 'p'), '--top', '5']));
    checkWindows(json);
    const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] n=${m.mentions}`).join('; ');
    const problems: string[] = [];
    for (const truth of SPREAD_TRUTHS) {
      const m = json.moments.find((x) => x.start <= truth && truth <= x.end);
      const near = json.moments.find((x) => Math.abs(x.peak - truth) < 15);
      if (!m) problems.push(`${truth} s in no window (nearest: ${near ? `[${near.start}-${near.end}] n=${near.mentions}` : 'none'})`);
      else if (m.mentions < 27) problems.push(`${truth} s: [${m.start}-${m.end}] only ${m.mentions}/30 mentions`);
    }
    expect(problems, summary).toEqual([]);
  });

  it('503 on a page is retried (the run succeeds); a dead server is NETWORK after bounded retries', async () => {
    const flaky = await startFakeYoutubeApi({ videos: [C.video], faults: { fail503On: [2], resetOn: [4] } });
    const dead = await startFakeYoutubeApi({ videos: [C.video], faults: { resetAll: true } });
    try {
      const ok = parseMoments(await kirinuki(flaky, [C.video.id, '--json', '--out', join(root, 'flaky')]));
      expect(ok.commentsFetched).toBe(C.commentsTotal);
      expect(flaky.requests.filter((r) => r.status === 200)).toHaveLength(2);
      const started = Date.now();
      const down = await kirinuki(dead, [C.video.id, '--json', '--out', join(root, 'dead')]);
      expectError(down, 'NETWORK', true);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(dead.requests.length).toBeGreaterThan(1);
      expect(dead.requests.length).toBeLessThanOrEqual(10);
    } finally {
      await flaky.close();
      await dead.close();
    }
  });
});
