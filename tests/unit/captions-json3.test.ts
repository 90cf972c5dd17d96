import { describe, expect, it } from 'vitest';
import { parseJson3 } from '../../core/captions/parse-json3.js';
import { cueSpans, errorOf, expectUnreadable } from '../helpers/caption-asserts.js';

const json3 = (events: unknown[]): string => JSON.stringify({ wireMagic: 'pb3', pens: [{}], events });
const WINDOW = { tStartMs: 0, dDurationMs: 12000, id: 1, wpWinPosId: 1, wsWinStyleId: 1 };
const lineEnd = (tStartMs: number, dDurationMs: number) => ({ tStartMs, dDurationMs, wWinId: 1, aAppend: 1, segs: [{ utf8: '\n' }] });

/** Auto-captions as YouTube writes them: each line stays up (two-line roll) while the next one comes in. */
const ROLLING = json3([
  WINDOW,
  { tStartMs: 120, dDurationMs: 5040, wWinId: 1, segs: [{ utf8: 'hey', acAsrConf: 0 }, { utf8: ' guys', tOffsetMs: 480 }, { utf8: ' welcome', tOffsetMs: 960 }] },
  lineEnd(2790, 2370),
  { tStartMs: 2800, dDurationMs: 4800, wWinId: 1, segs: [{ utf8: 'brand' }, { utf8: ' new', tOffsetMs: 400 }, { utf8: ' podcast', tOffsetMs: 900 }] },
  lineEnd(5160, 2440),
  { tStartMs: 5170, dDurationMs: 4000, wWinId: 1, segs: [{ utf8: '[Laughter]' }] },
  lineEnd(9170, 10),
]);

describe('parseJson3', () => {
  it('ends each rolling auto-caption line where the next one starts, words timed by tOffsetMs', () => {
    expect(parseJson3(ROLLING)).toEqual({
      wordTimed: true,
      cues: [
        { start: 0.12, end: 2.8, text: 'hey guys welcome', words: [{ t: 0.12, text: 'hey' }, { t: 0.6, text: 'guys' }, { t: 1.08, text: 'welcome' }] },
        { start: 2.8, end: 5.17, text: 'brand new podcast', words: [{ t: 2.8, text: 'brand' }, { t: 3.2, text: 'new' }, { t: 3.7, text: 'podcast' }] },
        { start: 5.17, end: 9.17, text: '[Laughter]', words: [{ t: 5.17, text: '[Laughter]' }] },
      ],
    });
  });

  it('adds an aAppend event that carries words to the cue before it, keeping their times', () => {
    const track = parseJson3(json3([
      { tStartMs: 1000, dDurationMs: 1500, segs: [{ utf8: 'そう' }, { utf8: 'なんです', tOffsetMs: 300 }] },
      { tStartMs: 2000, dDurationMs: 1500, aAppend: 1, segs: [{ utf8: 'よね', tOffsetMs: 100 }] },
      { tStartMs: 5000, dDurationMs: 1000, segs: [{ utf8: '次' }] },
    ]));
    expect(track.cues[0]).toEqual({
      start: 1,
      end: 3.5,
      text: 'そうなんですよね',
      words: [{ t: 1, text: 'そう' }, { t: 1.3, text: 'なんです' }, { t: 2.1, text: 'よね' }],
    });
  });

  it('reads manual captions (one seg per event, no tOffsetMs) without words, keeping their line breaks', () => {
    const track = parseJson3(json3([
      { tStartMs: 1000, dDurationMs: 2000, segs: [{ utf8: '一行目\n二行目' }] },
      { tStartMs: 3000, dDurationMs: 1000, segs: [{ utf8: '  spaced\u00a0  out  ' }] },
    ]));
    expect(track).toEqual({
      wordTimed: false,
      cues: [
        { start: 1, end: 3, text: '一行目\n二行目' },
        { start: 3, end: 4, text: 'spaced out' },
      ],
    });
  });

  it('reads a file of only window events as an empty track: a valid file with nothing said', () => {
    expect(parseJson3(json3([WINDOW]))).toEqual({ wordTimed: false, cues: [] });
    expect(parseJson3('{"events":[]}')).toEqual({ wordTimed: false, cues: [] });
  });

  it('takes absent times as 0 (pb3 leaves zeros out) and ends a cue without a duration at the next one', () => {
    const track = parseJson3(json3([
      { segs: [{ utf8: 'first' }] },
      { tStartMs: 1500, segs: [{ utf8: 'second' }, { utf8: ' word', tOffsetMs: 500 }] },
    ]));
    expect(cueSpans(track)).toEqual([
      [0, 1.5, 'first'],
      [1.5, 4, 'second word'], // the last one: 2 s after its last word
    ]);
  });

  it('sorts events given out of order and strips a BOM', () => {
    const text = `\uFEFF${json3([
      { tStartMs: 3000, dDurationMs: 500, segs: [{ utf8: 'b' }] },
      { tStartMs: 1000, dDurationMs: 500, segs: [{ utf8: 'a' }] },
    ])}`;
    expect(parseJson3(text).cues.map((c) => c.text)).toEqual(['a', 'b']);
  });

  it('refuses a malformed time, naming the event but not quoting the file', () => {
    expectUnreadable(() => parseJson3(json3([WINDOW, { tStartMs: 'secret-token', segs: [{ utf8: 'x' }] }]), '/subs/a.ja.json3'), '/subs/a.ja.json3 has a malformed time in event 2');
    expect(errorOf(() => parseJson3(json3([{ tStartMs: 0, segs: [{ utf8: 'x', tOffsetMs: -5 }] }]))).code).toBe('SUBTITLES_UNREADABLE');
  });

  it('refuses empty text, text that is not JSON and JSON without events, never quoting it', () => {
    for (const text of ['', ' \n', '{"secret-token', '{"events":"secret-token"}', 'null', '[1,2]']) {
      expectUnreadable(() => parseJson3(text, '/subs/a.json3'), /^\/subs\/a\.json3 .+; .+\.$/, text);
    }
  });
});
