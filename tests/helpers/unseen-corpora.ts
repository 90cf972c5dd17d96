/**
 * Seeded, deterministic comment corpora the moments stage was never tuned on, with their truth:
 * a 1h47m English gaming stream, a 1h10m Japanese stream, a 3-minute video, and clusters that
 * test neighbours, likes against viewers and viewers who disagree by a few seconds.
 */
import { countComments, makeThreads, type FakeVideo, type SyntheticComment } from './fake-youtube-api.js';
import { seededRandom } from '../../core/math/seeded-random.js';

const UPLOADER = 'UCqaUploaderChannel00001';

// ---------------------------------------------------------------- seeded generation helpers

const mulberry32 = (seed: number): (() => number) => seededRandom(seed).next;

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

export interface Truth {
  t: number;
  /** Comments (top-level or replies) pointing at it. */
  n: number;
  /** Expected end of the window when viewers give a range. */
  rangeEnd?: number;
}

export interface Corpus {
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

export function englishGamingStream(): Corpus {
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

export function japaneseStream(): Corpus {
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

export function shortVideo(): Corpus {
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
export function neighbours(): Corpus {
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
export function likesVersusViewers(): Corpus {
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
export const SPREAD_TRUTHS = [1000, 1600, 2200, 2800, 3400];
export function spreadMoments(): Corpus {
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
