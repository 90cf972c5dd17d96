import { describe, expect, it } from 'vitest';
import { parseTimecode, parseTimingLine } from '../../core/captions/caption-timecode.js';

describe('caption timecodes', () => {
  it.each([
    ['00:00:00.800', 0.8],
    ['00:00:01,000', 1],
    ['01:02:03.450', 3723.45],
    ['123:00:00.000', 442800],
    ['2:03.5', undefined],
    ['02:03.5', 123.5],
    ['02:03.05', 123.05],
    ['0:00:01,5', 1.5],
  ] as const)('reads %s', (text, seconds) => {
    expect(parseTimecode(text)).toBe(seconds);
  });

  it.each(['', '1', '00:00:01', '00:60:00.000', '00:00:60.000', '00:00:01.0000', '-00:00:01.000', '00:00:01;000', '１:00:00.000'])(
    'refuses %j',
    (text) => {
      expect(parseTimecode(text)).toBeUndefined();
    },
  );

  it('reads a timing line, ignoring settings and coordinates, with or without spaces around -->', () => {
    expect(parseTimingLine('00:00:01.000 --> 00:00:02.500 align:start position:0%')).toEqual({ start: 1, end: 2.5 });
    expect(parseTimingLine('00:00:01,000-->00:00:02,500 X1:1 X2:2')).toEqual({ start: 1, end: 2.5 });
    expect(parseTimingLine('00:00:01.000 --> 00:00:02.500 --> 3')).toBeUndefined();
    expect(parseTimingLine('00:00:03.000 --> 00:00:02.000')).toEqual({ start: 3, end: 3 });
  });
});
