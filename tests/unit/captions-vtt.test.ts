import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../core/captions/parse-vtt.js';
import { cueSpans, expectUnreadable } from '../helpers/caption-asserts.js';

const vtt = (...lines: string[]): string => lines.join('\n');

/**
 * YouTube's auto-VTT as yt-dlp writes it: a line comes in with its word times (under a line of one
 * space), is repeated alone for 10 ms, then carried on top while the next line comes in.
 */
const AUTO_VTT = vtt(
  'WEBVTT',
  'Kind: captions',
  'Language: en',
  '',
  '00:00:00.030 --> 00:00:03.200 align:start position:0%',
  ' ',
  'hey<00:00:00.539><c> guys</c><00:00:00.960><c> welcome</c>',
  '',
  '00:00:03.200 --> 00:00:03.210 align:start position:0%',
  'hey guys welcome',
  ' ',
  '',
  '00:00:03.210 --> 00:00:05.490 align:start position:0%',
  'hey guys welcome',
  'brand<00:00:03.600><c> new</c><00:00:04.100><c> podcast</c>',
  '',
  '00:00:05.490 --> 00:00:05.500 align:start position:0%',
  'brand new podcast',
  ' ',
  '',
  '00:00:05.500 --> 00:00:08.000 align:start position:0%',
  'brand new podcast',
  '[Laughter]',
  '',
);

describe('parseVtt', () => {
  it("reads YouTube's auto-VTT once per line, words timed by its <00:00:00.539> tags", () => {
    expect(parseVtt(AUTO_VTT)).toEqual({
      lang: 'en',
      wordTimed: true,
      cues: [
        { start: 0.03, end: 3.21, text: 'hey guys welcome', words: [{ t: 0.03, text: 'hey' }, { t: 0.539, text: 'guys' }, { t: 0.96, text: 'welcome' }] },
        { start: 3.21, end: 5.5, text: 'brand new podcast', words: [{ t: 3.21, text: 'brand' }, { t: 3.6, text: 'new' }, { t: 4.1, text: 'podcast' }] },
        // A line the file did not time is one word at its cue's start.
        { start: 5.5, end: 8, text: '[Laughter]', words: [{ t: 5.5, text: '[Laughter]' }] },
      ],
    });
  });

  it('reads Japanese auto-VTT words (no spaces) the same way', () => {
    const track = parseVtt(vtt('WEBVTT', '', '00:00:00.800 --> 00:00:03.000', 'はい<00:00:01.313><c>どうも</c><00:00:01.827><c>こんにちは</c>', ''));
    expect(track.cues[0]).toEqual({
      start: 0.8,
      end: 3,
      text: 'はいどうもこんにちは',
      words: [{ t: 0.8, text: 'はい' }, { t: 1.313, text: 'どうも' }, { t: 1.827, text: 'こんにちは' }],
    });
  });

  it('keeps the same words said again after a pause as a cue of their own', () => {
    const track = parseVtt(vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'はい', '', '00:00:05.000 --> 00:00:06.000', 'はい'));
    expect(cueSpans(track)).toEqual([[1, 2, 'はい'], [5, 6, 'はい']]);
  });

  it('drops a three-line roll-up down to the new line of each cue', () => {
    const track = parseVtt(vtt(
      'WEBVTT', '',
      '00:00:01.000 --> 00:00:02.000', 'one', '',
      '00:00:02.000 --> 00:00:03.000', 'one', 'two', '',
      '00:00:03.000 --> 00:00:04.000', 'one', 'two', 'three', '',
      '00:00:04.000 --> 00:00:05.000', 'two', 'three', 'four',
    ));
    expect(cueSpans(track)).toEqual([[1, 2, 'one'], [2, 3, 'two'], [3, 4, 'three'], [4, 5, 'four']]);
  });

  it('reads CRLF with a BOM, cue ids, NOTE and STYLE blocks, settings and a title after WEBVTT', () => {
    const text = '\uFEFFWEBVTT - panel\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nNOTE written by hand\r\nover two lines\r\n\r\n'
      + 'intro\r\n00:00:01.000 --> 00:00:02.500 line:90% align:center\r\n<v 田中>こんにちは</v>\r\n<i>two</i> lines\r\n\r\n'
      + '2\r\n00:00:03.000 --> 00:00:04.000\r\nbye\r\n';
    expect(parseVtt(text)).toEqual({
      wordTimed: false,
      cues: [
        { start: 1, end: 2.5, text: 'こんにちは\ntwo lines' },
        { start: 3, end: 4, text: 'bye' },
      ],
    });
  });

  it('decodes entities, drops ruby readings and reads hours and minutes-only times', () => {
    const track = parseVtt(vtt('WEBVTT', '', '01:02:03.450 --> 01:02:05.000', 'Tom &amp; Jerry &lt;3&nbsp;&nbsp;you &#x2764; &#10084; &copy;'));
    expect(track.cues[0]).toEqual({ start: 3723.45, end: 3725, text: 'Tom & Jerry <3 you ❤ ❤ &copy;' });
    const ruby = parseVtt(vtt('WEBVTT', '', '02:03.000 --> 02:04.500', '<ruby>漢字<rt>かんじ</rt></ruby>です'));
    expect(ruby.cues[0]).toEqual({ start: 123, end: 124.5, text: '漢字です' });
  });

  it('ends overlapping cues where the next one starts', () => {
    const track = parseVtt(vtt('WEBVTT', '', '00:00:01.000 --> 00:00:05.000', 'a', '', '00:00:03.000 --> 00:00:04.000', 'b'));
    expect(track.cues.map((c) => [c.start, c.end])).toEqual([[1, 3], [3, 4]]);
  });

  it('reads a header with no cues as an empty track', () => {
    expect(parseVtt('WEBVTT\n')).toEqual({ wordTimed: false, cues: [] });
    expect(parseVtt('WEBVTT\nKind: captions\nLanguage: ja\n\n')).toEqual({ lang: 'ja', wordTimed: false, cues: [] });
  });

  it('refuses a malformed timecode, naming the file and the line', () => {
    for (const timing of ['00:00:01.000 --> 00:00:0x.500', '00:61:01.000 --> 00:62:00.000', '1.5 --> 2.5', '00:00:01.000 -> 00:00:02.000 --> 3']) {
      expectUnreadable(() => parseVtt(vtt('WEBVTT', '', 'NOTE hi', '', timing, 'text'), '/subs/a.vtt'), /^\/subs\/a\.vtt has a malformed time on line 5; .+\.$/, timing);
    }
  });

  it('refuses an empty file and a file without the WEBVTT signature', () => {
    for (const text of ['', '\uFEFF\r\n \r\n', 'WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nsecret-token', '1\n00:00:01,000 --> 00:00:02,000\nsecret-token']) {
      expectUnreadable(() => parseVtt(text, '/subs/a.vtt'), /^\/subs\/a\.vtt .+; .+\.$/);
    }
  });
});
