import { formatTimestamp } from '../moments/format-timestamp.js';
import type { Chapter, CommentSet, HeatmapPoint, VideoComment } from '../youtube/types.js';
import { seededRandom, type SeededRandom } from '../math/seeded-random.js';

/** A moment the sample was generated around, with how many comments point at it. */
export interface SampleTruth {
  t: number;
  mentions: number;
}

export interface SampleCommentsOptions {
  seed?: number;
  videoId?: string;
  title?: string;
  durationS?: number;
  /** Total comments and replies (default 600). */
  comments?: number;
  /** Where the true moments are, as fractions of the duration (default: four, fewer in a short sample). */
  truthAt?: number[];
}

export interface SampleComments {
  commentSet: CommentSet;
  truth: SampleTruth[];
  /** The uploader's chapter list, which must not create moments on its own. */
  chapterTimes: number[];
}

const TRUTH_AT = [0.2, 0.41, 0.63, 0.85];
/** Share of all comments pointing at each true moment, strongest first (noise takes up to 12 %). */
const TRUTH_SHARE = [0.075, 0.05, 0.035, 0.02];
const NOISE_SHARE = 0.12;
const UPLOADER = 'UCkirinukiDemoUploader';

const FULL_WIDTH = (text: string): string =>
  text.replace(/[0-9:]/g, (ch) => (ch === ':' ? '：' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
const JAPANESE = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)}時間${Math.floor((s % 3600) / 60)}分${s % 60}秒`
    : `${Math.floor(s / 60)}分${s % 60}秒`;

const MENTION_FORMS: ((s: number) => string)[] = [
  (s) => `${formatTimestamp(s)} this part killed me 😂`,
  (s) => `${formatTimestamp(s)} 草`,
  (s) => `${formatTimestamp(s)}~ ここ好き`,
  (s) => `${formatTimestamp(s)}~${formatTimestamp(s + 20)} ずっと笑ってる`,
  (s) => `the laugh at ${FULL_WIDTH(formatTimestamp(s))} lmao`,
  (s) => `${JAPANESE(s)} 神回`,
  (s) => `who else came back for ${formatTimestamp(s)}?`,
  (s) => `${formatTimestamp(s)}\nthe face he made`,
];
const PLAIN = ['subbed!', 'the editing is so good', 'who is watching in 2026?', 'おつかれさまでした', '最高のコラボ', 'first', 'love this channel'];

class CommentWriter {
  readonly comments: VideoComment[] = [];
  private readonly threads: string[] = [];

  constructor(private readonly rng: SeededRandom, private readonly authors: number) {}

  add(text: string, options: { likes?: number; reply?: boolean; authorId?: string } = {}): void {
    const id = `UgDemo${String(this.comments.length).padStart(6, '0')}`;
    const reply = options.reply === true && this.threads.length > 0;
    const comment: VideoComment = {
      id: reply ? `${this.rng.pick(this.threads)}.${id}` : id,
      text,
      likes: options.likes ?? Math.floor(this.rng.next() ** 3 * 60),
      authorId: options.authorId ?? `UCdemo${this.rng.int(0, this.authors - 1)}`,
    };
    if (reply) comment.parentId = comment.id.split('.')[0]!;
    else this.threads.push(id);
    if (comment.authorId === UPLOADER) comment.isUploader = true;
    this.comments.push(comment);
  }
}

/** The longest window a sample of this length has room for: 60 s, less in a short sample video. */
export function sampleMaxLength(durationS: number): number {
  return Math.min(60, Math.max(8, Math.floor(durationS / 2.4)));
}

/** Four moments in a long video; in a short sample only as many as fit a window each. */
function truthFractions(durationS: number): number[] {
  if (durationS >= 240) return TRUTH_AT;
  const count = Math.max(1, Math.min(TRUTH_AT.length, Math.floor(durationS / (sampleMaxLength(durationS) + 1))));
  return Array.from({ length: count }, (_, i) => (i + 0.3) / count);
}

function sampleHeatmap(durationS: number, truth: SampleTruth[]): HeatmapPoint[] {
  const width = durationS / 100;
  return Array.from({ length: 100 }, (_, i) => {
    const centre = (i + 0.5) * width;
    const bumps = truth.map((m, k) => (1 - 0.2 * k) * Math.exp(-(((centre - m.t - 6) / 12) ** 2)));
    const value = 0.1 + 0.05 * Math.sin(i / 7) + Math.max(0, ...bumps) * 0.85;
    return { start: i * width, end: (i + 1) * width, value: Math.round(Math.min(1, value) * 1e4) / 1e4 };
  });
}

function chapters(durationS: number): Chapter[] {
  const starts = [0, 0.1, 0.22, 0.36, 0.53, 0.66, 0.83].map((f) => Math.round(f * durationS));
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? durationS, title: `part ${i + 1}` }));
}

/**
 * A realistic comment set made on the spot from a seed: true moments mentioned in every form
 * viewers use (M:SS, full-width, 分秒, ranges, replies), single random timestamps, plain
 * comments, the uploader's chapter list, spam and out-of-range timestamps, and a heatmap.
 */
export function generateSampleComments(options: SampleCommentsOptions = {}): SampleComments {
  const rng = seededRandom(options.seed ?? 20210407);
  const durationS = options.durationS ?? 1500;
  const total = options.comments ?? 600;
  const writer = new CommentWriter(rng, Math.max(10, Math.round(total * 0.8)));
  const truth = (options.truthAt ?? truthFractions(durationS)).map((f, i) => ({
    t: Math.round(f * durationS),
    mentions: Math.max(3, Math.round(total * (TRUTH_SHARE[i] ?? 0.02))),
  }));
  const chapterList = chapters(durationS);
  writer.add(chapterList.map((c) => `${formatTimestamp(c.start)} ${c.title}`).join('\n'), { likes: 900, authorId: UPLOADER });
  truth.forEach((moment, k) => {
    for (let i = 0; i < moment.mentions; i += 1) {
      const s = Math.min(durationS - 1, Math.max(0, moment.t + Math.round(rng.normal() * 1.5)));
      const viral = k === 1 && i === 0;
      writer.add(rng.pick(MENTION_FORMS)(s), viral ? { likes: 3100 } : { reply: rng.next() < 0.2 });
    }
  });
  // Single random timestamps come at about one per ten seconds of video, as in real comment sections.
  const noise = Math.round(Math.min(total * NOISE_SHARE, durationS * 0.1));
  for (let i = 0; i < noise; i += 1) {
    writer.add(rng.pick(MENTION_FORMS)(rng.int(0, durationS - 1)), { reply: rng.next() < 0.1 });
  }
  writer.add('5:255:25 lol');
  writer.add('88:88 lol');
  writer.add(`${formatTimestamp(durationS + 600)} this is the best`);
  while (writer.comments.length < total) writer.add(rng.pick(PLAIN), { reply: rng.next() < 0.15 });
  const video = { id: options.videoId ?? 'kirinukiDmo', title: options.title ?? 'Kirinuki demo: コラボ配信 sample', durationS };
  return {
    commentSet: { video, comments: writer.comments, heatmap: sampleHeatmap(durationS, truth), chapters: chapterList },
    truth,
    chapterTimes: chapterList.map((c) => c.start),
  };
}
