import { describe, expect, it } from 'vitest';
import { parseTimestamps, type ParsedTimestamp } from '../../core/moments/parse-timestamps.js';

type Case = [text: string, expected: ParsedTimestamp[], maxS?: number];

const VALID: Case[] = [
  ['0:00', [{ t: 0 }]],
  ['0:05', [{ t: 5 }]],
  ['7:45 this part killed me', [{ t: 465 }]],
  ['at 7:45', [{ t: 465 }]],
  ['07:45', [{ t: 465 }]],
  ['12:03', [{ t: 723 }]],
  ['59:59', [{ t: 3599 }]],
  ['1:00:00', [{ t: 3600 }]],
  ['1:02:03', [{ t: 3723 }]],
  ['01:02:03', [{ t: 3723 }]],
  ['10:00:00 marathon', [{ t: 36000 }]],
  ['123:00:01', [{ t: 442801 }]],
  ['ここ5:01好き', [{ t: 301 }]],
  ['5:01。', [{ t: 301 }]],
  ['5:01!', [{ t: 301 }]],
  ['(5:01)', [{ t: 301 }]],
  ['「5:01」', [{ t: 301 }]],
  ['lol...5:01', [{ t: 301 }]],
  ['5:01?', [{ t: 301 }]],
  ['at 5:01: wow', [{ t: 301 }]],
  ['5:01\nthe face he made', [{ t: 301 }]],
  ['the face\n5:01', [{ t: 301 }]],
  ['１２：０３', [{ t: 723 }]],
  ['５：０４　ここで笑った', [{ t: 304 }]],
  ['１:０４', [{ t: 64 }]],
  ['１：０２：０３', [{ t: 3723 }]],
  ['12分3秒', [{ t: 723 }]],
  ['10分8秒?', [{ t: 608 }]],
  ['1分34秒\nthe face he made', [{ t: 94 }]],
  ['１０分８秒', [{ t: 608 }]],
  ['1時間2分3秒', [{ t: 3723 }]],
  ['1時間02分03秒から', [{ t: 3723 }]],
  ['75分30秒', [{ t: 4530 }]],
  ['3:12-3:40', [{ t: 192, end: 220 }]],
  ['3:12~3:40', [{ t: 192, end: 220 }]],
  ['3:12〜3:40', [{ t: 192, end: 220 }]],
  ['3:12～3:40', [{ t: 192, end: 220 }]],
  ['3:12 - 3:40', [{ t: 192, end: 220 }]],
  ['3:12–3:40', [{ t: 192, end: 220 }]],
  ['１０：０１～１０：２１', [{ t: 601, end: 621 }]],
  ['1分2秒〜1分30秒', [{ t: 62, end: 90 }]],
  ['59:50~1:00:10', [{ t: 3590, end: 3610 }]],
  ['5:01~ ここ好き', [{ t: 301 }]],
  ['3:40-3:12', [{ t: 220 }, { t: 192 }]],
  ['1:00 and 2:00', [{ t: 60 }, { t: 120 }]],
  ['5:01,5:02', [{ t: 301 }, { t: 302 }]],
  ['5:01/5:02', [{ t: 301 }, { t: 302 }]],
  ['0:00 part 1\n1:30 part 2\n3:20 part 3', [{ t: 0 }, { t: 90 }, { t: 200 }]],
  ['5:01 - 5:21 and 6:00～6:10', [{ t: 301, end: 321 }, { t: 360, end: 370 }]],
  ['1:05 and 10分8秒 and １２：００', [{ t: 65 }, { t: 608 }, { t: 720 }]],
  ['5:01 5:01', [{ t: 301 }, { t: 301 }]],
];

const INVALID: Case[] = [
  ['', []],
  ['no timestamps here', []],
  ['who is watching in 2026?', []],
  [':45', []],
  ['12:3', []],
  ['1:1:1', []],
  ['1:2:03', []],
  ['5:255:25 lol', []],
  ['99:99', []],
  ['88:88 lol', []],
  ['60:00', []],
  ['5:60', []],
  ['1:60:00', []],
  ['123:45', []],
  ['1:02:03:04', []],
  ['v1:23', []],
  ['5:01pm', []],
  ['abc5:01', []],
  ['16:9 aspect', []],
  ['5:012', []],
  ['3:4', []],
  ['1:02:3', []],
  ['12分', []],
  ['30秒', []],
  ['12分60秒', []],
  ['1時間60分0秒', []],
  ['12分123秒', []],
  ['1.5', []],
  ['12.03', []],
];

const BOUNDED: Case[] = [
  ['30:00 this is the best', [], 905],
  ['1:01:40 this is the best', [], 905],
  ['15:05 the end', [{ t: 905 }], 905],
  ['15:06 past the end', [], 905],
  ['14:50~15:30', [{ t: 890 }], 905],
  ['1:00 then 30:00', [{ t: 60 }], 905],
];

describe('parseTimestamps', () => {
  it('has a table of at least 60 cases', () => {
    expect(VALID.length + INVALID.length + BOUNDED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(VALID)('finds %j', (text, expected) => {
    expect(parseTimestamps(text)).toEqual(expected);
  });

  it.each(INVALID)('rejects %j', (text, expected) => {
    expect(parseTimestamps(text)).toEqual(expected);
  });

  it.each(BOUNDED)('bounds %j by the duration %#', (text, expected, maxS) => {
    expect(parseTimestamps(text, { maxS })).toEqual(expected);
  });
});
