import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaptionTrack } from '../../core/captions/caption-track.js';
import { readCaptions } from '../../core/captions/read-captions.js';
import { registerCaptionFonts } from '../../core/telops/caption-fonts.js';
import type { Telop } from '../../core/telops/telop.js';
import { telopBand } from '../../core/telops/telop-band.js';
import { telopStyle } from '../../core/telops/telop-style.js';
import { telopsForWindow, type TelopsForWindowOptions } from '../../core/telops/telops-for-window.js';
import { sharedFixture } from '../helpers/shared-media.js';

const FORMATS = ['json3', 'vtt', 'srt'] as const;
const style = telopStyle('yellow');
const SHORT = { width: 1080, height: 1920 };
const options: TelopsForWindowOptions = { music: 'note', frameWidth: SHORT.width, style };
const tracks: Record<string, CaptionTrack> = {};

beforeAll(async () => {
  for (const format of FORMATS) tracks[format] = await readCaptions(sharedFixture(`captions/panel.ja.${format}`));
});

const brief = (telops: Telop[]): [number, number, string][] => telops.map((t) => [t.start, t.end, t.lines.join('/')]);
const cue = (start: number, end: number, text: string, words?: [number, string][]) => ({
  start,
  end,
  text,
  ...(words ? { words: words.map(([t, w]) => ({ t, text: w })) } : {}),
});
const timed = (...cues: ReturnType<typeof cue>[]): CaptionTrack => ({ wordTimed: true, cues });
const untimed = (...cues: ReturnType<typeof cue>[]): CaptionTrack => ({ wordTimed: false, cues });
/** The words of a line as spaced text with their times: one word per `words` entry. */
const wordsOf = (text: string, start: number, step: number): [number, string][] =>
  text.split(' ').map((word, i) => [Math.round((start + i * step) * 1000) / 1000, word]);

/** Widths as the renderer draws them: the caption font at the band's size. */
function measureWithFont(): (text: string) => number {
  const ctx = createCanvas(8, 8).getContext('2d');
  ctx.font = `bold ${telopBand(SHORT, style).fontSize}px ${registerCaptionFonts()}`;
  return (text) => ctx.measureText(text).width;
}

describe('telopsForWindow on the panel fixture', () => {
  it.each(FORMATS)('shows the cues inside a window in clip seconds (%s)', (format) => {
    const telops = telopsForWindow(tracks[format]!, { start: 8, end: 15 }, options);
    expect(brief(telops)).toEqual([
      [0.6, 3.2, 'Nice to meet you'],
      [3.9, 6.6, 'よろしくお願いします'],
    ]);
  });

  it.each(FORMATS)('cuts the cues across the window edges to it and shows none outside (%s)', (format) => {
    const telops = telopsForWindow(tracks[format]!, { start: 2, end: 12 }, options);
    expect(brief(telops)).toEqual([
      [0, 1, 'はいどうもこんにちは'],
      [1.6, 4.9, '今日は三人でお話しします'],
      [6.6, 9.2, 'Nice to meet you'],
      [9.9, 10, 'よろしくお願いします'],
    ]);
  });

  it.each(FORMATS)('shows nothing in a pause between cues (%s)', (format) => {
    expect(telopsForWindow(tracks[format]!, { start: 30.7, end: 34.3 }, options)).toEqual([]);
    const around = telopsForWindow(tracks[format]!, { start: 29, end: 38 }, options);
    expect(brief(around)).toEqual([
      [0, 1.6, '二人並んで話します'],
      [5.4, 8.6, '最後にひとこと'], // [拍手] is a sound, not speech
    ]);
  });

  it.each(FORMATS)('shows [笑い] as a styled （笑） reaction (%s)', (format) => {
    const telops = telopsForWindow(tracks[format]!, { start: 19, end: 22 }, options);
    expect(telops).toEqual([{ start: 0.4, end: 2.7, lines: ['（笑）'], reaction: true }]);
  });

  it('times each word of a word-timed track on its line, until the next word or the telop end', () => {
    const [first] = telopsForWindow(tracks.json3!, { start: 0, end: 8 }, options);
    expect(first).toEqual({
      start: 0.8,
      end: 3,
      lines: ['はいどうもこんにちは'],
      words: [
        { start: 0.8, end: 1.313, line: 0, from: 0, to: 2 },
        { start: 1.313, end: 1.827, line: 0, from: 2, to: 5 },
        { start: 1.827, end: 3, line: 0, from: 5, to: 10 },
      ],
    });
    const english = telopsForWindow(tracks.json3!, { start: 8, end: 12 }, options)[0]!;
    expect(english.words?.map((w) => english.lines[w.line]!.slice(w.from, w.to))).toEqual(['Nice', 'to', 'meet', 'you']);
  });

  it('gives cue-only tracks no word timing', () => {
    for (const format of ['vtt', 'srt'] as const) {
      expect(telopsForWindow(tracks[format]!, { start: 0, end: 38 }, options).every((t) => t.words === undefined)).toBe(true);
    }
  });

  it('cuts word spans at the window edge', () => {
    const [cut] = telopsForWindow(tracks.json3!, { start: 1.5, end: 8 }, options);
    expect(cut?.words?.map((w) => [w.start, w.end])).toEqual([
      [0, 0.327],
      [0.327, 1.5],
    ]);
  });
});

describe('telopsForWindow clean-up', () => {
  const music = untimed(cue(0, 2, '[音楽]'), cue(2, 4, '♪ 夜に駆ける ♪'), cue(4, 6, '[Music] here we go'));

  it('drops music tags, keeping what is sung', () => {
    expect(brief(telopsForWindow(music, { start: 0, end: 6 }, { ...options, music: 'drop' }))).toEqual([
      [2, 4, '夜に駆ける'],
      [4, 6, 'here we go'],
    ]);
  });

  it('or shows them as ♪, a reaction when alone', () => {
    const telops = telopsForWindow(music, { start: 0, end: 6 }, options);
    expect(brief(telops)).toEqual([
      [0, 2, '♪'],
      [2, 4, '♪ 夜に駆ける ♪'],
      [4, 6, '♪ here we go'],
    ]);
    expect(telops.map((t) => t.reaction ?? false)).toEqual([true, false, false]);
  });

  it('keeps a laugh inside a line as （笑） and removes bleeps and other sound tags', () => {
    const track = untimed(cue(0, 2, 'それな(笑)'), cue(2, 4, '[Laughter]'), cue(4, 6, 'what the [ __ ] is that'), cue(6, 8, '[拍手]'));
    const telops = telopsForWindow(track, { start: 0, end: 8 }, options);
    expect(brief(telops)).toEqual([
      [0, 2, 'それな（笑）'],
      [2, 4, '（笑）'],
      [4, 6, 'what the is that'],
    ]);
    expect(telops.map((t) => t.reaction ?? false)).toEqual([false, true, false]);
  });

  it('keeps word timing through the clean-up', () => {
    const track = timed(cue(0, 2, '最後に [拍手] ひとこと', [[0, '最後に'], [0.8, '[拍手]'], [1.2, 'ひとこと']]));
    const [telop] = telopsForWindow(track, { start: 0, end: 2 }, options);
    expect(telop?.lines).toEqual(['最後に ひとこと']);
    expect(telop?.words?.map((w) => [w.start, w.end, telop.lines[0]!.slice(w.from, w.to)])).toEqual([
      [0, 1.2, '最後に'],
      [1.2, 2, 'ひとこと'],
    ]);
  });
});

describe('telopsForWindow fragments', () => {
  it('glues a one- or two-word auto-caption fragment to the neighbour it nearly touches', () => {
    const track = timed(
      cue(0, 0.5, 'so', [[0, 'so']]),
      cue(0.6, 2.2, 'I went to the store', wordsOf('I went to the store', 0.6, 0.3)),
      cue(2.35, 2.8, 'yesterday', [[2.35, 'yesterday']]),
      cue(4, 5, 'okay', [[4, 'okay']]),
    );
    const telops = telopsForWindow(track, { start: 0, end: 6 }, options);
    expect(brief(telops).map(([start, end, lines]) => [start, end, lines.replace('/', ' ')])).toEqual([
      [0, 2.8, 'so I went to the store yesterday'],
      [4, 5, 'okay'], // 1.2 s after the last: a pause, not a fragment
    ]);
    const joined = telops[0]!;
    expect(joined.words?.map((w) => joined.lines[w.line]!.slice(w.from, w.to))).toEqual(['so', 'I', 'went', 'to', 'the', 'store', 'yesterday']);
    expect(joined.words?.at(-1)).toMatchObject({ start: 2.35, end: 2.8 });
  });

  it('leaves the lines of a cue-only file as their author cut them', () => {
    const track = untimed(cue(0, 1, 'はい'), cue(1.1, 3, '今日は三人です'));
    expect(brief(telopsForWindow(track, { start: 0, end: 3 }, options))).toEqual([
      [0, 1, 'はい'],
      [1.1, 3, '今日は三人です'],
    ]);
  });

  it('runs Japanese fragments on without a space', () => {
    const track = timed(cue(0, 1, 'はい', [[0, 'はい']]), cue(1.1, 3, '今日は三人です', [[1.1, '今日は'], [2, '三人です']]));
    expect(brief(telopsForWindow(track, { start: 0, end: 3 }, options))).toEqual([[0, 3, 'はい今日は三人です']]);
  });

  it('does not glue a fragment when the line would no longer fit two lines', () => {
    const long = 'これはとても長い字幕でして画面の二行にちょうど収まるくらいの長さになっています';
    const track = timed(cue(0, 4, long, [[0, long]]), cue(4.1, 4.6, 'はい', [[4.1, 'はい']]));
    const telops = telopsForWindow(track, { start: 0, end: 5 }, options);
    expect(telops.at(-1)?.lines).toEqual(['はい']);
  });
});

describe('telopsForWindow two-line limit (measured with the caption font)', () => {
  const maxWidth = telopBand(SHORT, style).maxLineWidth;

  it('splits a long Japanese cue into telops of at most two lines, at a sentence or clause end', () => {
    const text = '今日は本当にたくさんの人が来てくれて嬉しいです。最後まで一緒に楽しんでいってくださいね、それではさっそく始めていきましょう！';
    const telops = telopsForWindow(untimed(cue(10, 22, text)), { start: 10, end: 22 }, options);
    const measure = measureWithFont();
    expect(telops.length).toBeGreaterThan(1);
    for (const telop of telops) {
      expect(telop.lines.length).toBeLessThanOrEqual(2);
      for (const line of telop.lines) expect(measure(line)).toBeLessThanOrEqual(maxWidth);
    }
    expect(telops.map((t) => t.lines.join('')).join('')).toBe(text);
    expect(telops[0]!.lines.join('')).toBe('今日は本当にたくさんの人が来てくれて嬉しいです。');
    expect(telops[0]!.start).toBe(0);
    expect(telops.at(-1)!.end).toBe(12);
    telops.slice(1).forEach((telop, i) => expect(telop.start).toBe(telops[i]!.end));
  });

  it('splits a long word-timed English cue at word boundaries, each part keeping its words\' times', () => {
    const text =
      'so today we are going to talk about the thing that everybody has been asking about for weeks and weeks now which is the new update';
    const words = wordsOf(text, 0, 0.25);
    const telops = telopsForWindow(timed(cue(0, 7, text, words)), { start: 0, end: 7 }, options);
    const measure = measureWithFont();
    expect(telops.length).toBeGreaterThan(1);
    const shown: string[] = [];
    for (const telop of telops) {
      expect(telop.lines.length).toBeLessThanOrEqual(2);
      for (const line of telop.lines) expect(measure(line)).toBeLessThanOrEqual(maxWidth);
      const spans = telop.words!.map((w) => telop.lines[w.line]!.slice(w.from, w.to));
      shown.push(...spans);
      expect(telop.lines.join(' ').split(' ')).toEqual(spans); // no word broken over two lines or telops
      for (const w of telop.words!) expect(w.start >= telop.start && w.end <= telop.end).toBe(true);
    }
    expect(shown).toEqual(text.split(' '));
    let firstWord = 0;
    telops.forEach((telop, i) => {
      if (i > 0) expect(telop.start).toBe(telops[i - 1]!.end);
      if (i > 0) expect(telop.start).toBe(words[firstWord]![0]); // a part starts when its first word is said
      firstWord += telop.words!.length;
    });
  });

  it('cuts timed text after a sentence end when one is near the overflow', () => {
    const words: [number, string][] = [[0, 'みんな'], [0.5, '今日は'], [1, '来てくれて'], [1.5, '本当に'], [2, 'ありがとう！'], [2.5, 'Thank'], [2.8, 'you'], [3, 'so'], [3.2, 'much']];
    const text = 'みんな今日は来てくれて本当にありがとう！ Thank you so much';
    const telops = telopsForWindow(timed(cue(0, 4, text, words)), { start: 0, end: 4 }, options);
    expect(telops.map((t) => [t.start, t.end, t.lines.join('')])).toEqual([
      [0, 2.5, 'みんな今日は来てくれて本当にありがとう！'],
      [2.5, 4, 'Thank you so much'],
    ]);
  });

  it('keeps emoji whole and breaks no English word', () => {
    const text = 'みんな来てくれてありがとう😂😂 see you next time everyone 👨‍👩‍👧 おつかれさまでした';
    const lines = telopsForWindow(untimed(cue(0, 5, text)), { start: 0, end: 5 }, options).flatMap((t) => t.lines);
    expect(lines.some((line) => line.includes('👨‍👩‍👧'))).toBe(true);
    const words = lines.flatMap((line) => line.split(/[\s\p{Script=Han}\p{Script=Hiragana}\p{Extended_Pictographic}\u200d]+/u)).filter(Boolean);
    expect(words).toEqual(['see', 'you', 'next', 'time', 'everyone']);
  });
});

describe('telopsForWindow with the user\'s edits', () => {
  it('applies text, in/out and hidden edits to the cue they name (±0.05 s)', () => {
    const edits = [
      { cueStart: 8.63, text: 'はじめまして！' },
      { cueStart: 11.9, start: 12.4, end: 15 },
      { cueStart: 3.55, hidden: true },
    ];
    const telops = telopsForWindow(tracks.json3!, { start: 2, end: 15 }, { ...options, edits });
    expect(brief(telops)).toEqual([
      [0, 1, 'はいどうもこんにちは'],
      [6.6, 9.2, 'はじめまして！'],
      [10.4, 13, 'よろしくお願いします'],
    ]);
    expect(telops[1]!.words).toBeUndefined(); // the new words were never timed
    expect(telops[2]!.words?.map((w) => w.start)).toEqual([10.4, 10.845]);
  });

  it('keeps a line break the user typed', () => {
    const telops = telopsForWindow(tracks.vtt!, { start: 8, end: 12 }, { ...options, edits: [{ cueStart: 8.6, text: 'Nice\nto meet you' }] });
    expect(telops[0]!.lines).toEqual(['Nice', 'to meet you']);
  });

  it('ignores an edit for a cue more than 0.05 s away', () => {
    const telops = telopsForWindow(tracks.srt!, { start: 8, end: 12 }, { ...options, edits: [{ cueStart: 8.7, hidden: true }] });
    expect(brief(telops)[0]).toEqual([0.6, 3.2, 'Nice to meet you']);
  });
});
