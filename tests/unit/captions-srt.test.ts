import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../core/captions/parse-srt.js';
import { cueSpans, expectUnreadable } from '../helpers/caption-asserts.js';

const srt = (...lines: string[]): string => lines.join('\n');
const spans = (text: string): [number, number, string][] => cueSpans(parseSrt(text));

describe('parseSrt', () => {
  it('reads CRLF with a BOM and no trailing blank line, tags stripped', () => {
    const text = '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> <b>there</b>\r\n<font color="#ffff00">二行目</font>\r\n\r\n'
      + '2\r\n00:00:03,000 --> 00:00:04,000 X1:100 X2:200 Y1:10 Y2:20\r\n{\\an8}a <b and a > c';
    expect(parseSrt(text)).toEqual({
      wordTimed: false,
      cues: [
        { start: 1, end: 2.5, text: 'Hello there\n二行目' },
        { start: 3, end: 4, text: 'a <b and a > c' },
      ],
    });
  });

  it('reads hours > 0, short fractions and lone-CR line ends', () => {
    expect(spans('1\r01:02:03,450 --> 10:00:00,5\rlate\r')).toEqual([[3723.45, 36000.5, 'late']]);
  });

  it('reads cues with no blank line between them, and a blank line inside a cue', () => {
    const text = srt('1', '00:00:01,000 --> 00:00:02,000', 'one', '2', '00:00:02,000 --> 00:00:03,000', 'two', '', 'still two', '', '3', '00:00:03,000 --> 00:00:04,000', '3');
    expect(spans(text)).toEqual([[1, 2, 'one'], [2, 3, 'two\nstill two'], [3, 4, '3']]);
  });

  it("drops the rolling repeats of SRT converted from YouTube's auto-VTT", () => {
    const text = srt(
      '1', '00:00:00,030 --> 00:00:03,200', ' ', 'hey guys welcome', '',
      '2', '00:00:03,200 --> 00:00:03,210', 'hey guys welcome', ' ', '',
      '3', '00:00:03,210 --> 00:00:05,490', 'hey guys welcome', 'brand new podcast', '',
    );
    expect(spans(text)).toEqual([[0.03, 3.21, 'hey guys welcome'], [3.21, 5.49, 'brand new podcast']]);
  });

  it('merges cues that start together and ends overlapping ones at the next start', () => {
    const text = srt('1', '00:00:01,000 --> 00:00:03,000', '- Hi', '', '2', '00:00:01,000 --> 00:00:02,000', '- Bye', '', '3', '00:00:02,500 --> 00:00:04,000', 'next');
    expect(spans(text)).toEqual([[1, 2.5, '- Hi\n- Bye'], [2.5, 4, 'next']]);
  });

  it('keeps a cue whose end is before its start, shown for no time', () => {
    expect(spans(srt('1', '00:00:05,000 --> 00:00:04,000', '[拍手]'))).toEqual([[5, 5, '[拍手]']]);
  });

  it('refuses a malformed timecode, naming the file and the line', () => {
    for (const timing of ['00:00:01,000 --> 00:00:02', '00:00:01,000 --> ', 'aa:bb:cc,ddd --> 00:00:02,000', '00:00:01:000 --> 00:00:02:000']) {
      expectUnreadable(() => parseSrt(srt('1', '00:00:00,000 --> 00:00:01,000', 'ok', '', '2', timing, 'secret-token'), '/subs/a.srt'), /^\/subs\/a\.srt has a malformed time on line 6; .+\.$/, timing);
    }
  });

  it('refuses an empty file and a file with no cues', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', 'secret-token\nno cues here\n']) {
      expectUnreadable(() => parseSrt(text, '/subs/a.srt'), /^\/subs\/a\.srt .+; .+\.$/);
    }
  });
});
