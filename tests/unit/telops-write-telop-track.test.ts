import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptions } from '../../core/captions/read-captions.js';
import { ffconcatList } from '../../core/telops/ffconcat-list.js';
import { stillApng } from '../../core/telops/still-apng.js';
import type { Telop } from '../../core/telops/telop.js';
import { telopBand } from '../../core/telops/telop-band.js';
import { telopStyle } from '../../core/telops/telop-style.js';
import { telopTimeline } from '../../core/telops/telop-timeline.js';
import { telopsForWindow } from '../../core/telops/telops-for-window.js';
import { writeTelopTrack, type TelopTrackFiles } from '../../core/telops/write-telop-track.js';
import { sharedFixture } from '../helpers/shared-media.js';

const FRAME = { width: 1080, height: 1920 };
const DURATION_S = 12;
const yellow = telopStyle('yellow');

interface ListEntry {
  file: string;
  durationS?: number;
}

/** The ffconcat list's `file` / `duration` pairs, in order. */
function parseList(text: string): { header: string; entries: ListEntry[] } {
  const [header = '', ...lines] = text.trim().split('\n');
  const entries: ListEntry[] = [];
  for (const line of lines) {
    const file = /^file '(.+)'$/.exec(line)?.[1];
    const duration = /^duration (\S+)$/.exec(line)?.[1];
    if (file !== undefined) entries.push({ file });
    else if (duration !== undefined) entries.at(-1)!.durationS = Number(duration);
    else throw new Error(`unexpected list line: ${line}`);
  }
  return { header, entries };
}

async function pixels(path: string): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(await readFile(path));
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

const countPixels = (data: Uint8ClampedArray, [r, g, b]: number[]): number => {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) n += 1;
  return n;
};
const opaquePixels = (data: Uint8ClampedArray): number => {
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
  return n;
};
const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

let dir: string;
let telops: Telop[];
let track: TelopTrackFiles;
let list: { header: string; entries: ListEntry[] };
/** Each list entry with its start in the clip. */
let timed: (ListEntry & { start: number })[];
const fileAt = (t: number): string => timed.find((e) => t >= e.start && t < e.start + (e.durationS ?? 0))!.file;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-telop-track-'));
  const captions = await readCaptions(sharedFixture('captions/panel.ja.json3'));
  // 2–14 s of the panel: a cue cut at the start, gaps, Japanese and English word-timed cues
  telops = telopsForWindow(captions, { start: 2, end: 14 }, { music: 'note', frameWidth: FRAME.width, style: yellow });
  track = await writeTelopTrack(join(dir, 'track'), telops, { frame: FRAME, style: yellow, durationS: DURATION_S });
  list = parseList(await readFile(track.listFile, 'utf8'));
  let start = 0;
  timed = list.entries.slice(0, -1).map((entry) => {
    const withStart = { ...entry, start };
    start += entry.durationS ?? 0;
    return withStart;
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeTelopTrack', () => {
  it('writes an ffconcat list whose durations add up to the clip, the last file repeated for the demuxer', () => {
    expect(list.header).toBe('ffconcat version 1.0');
    const durations = list.entries.slice(0, -1).map((e) => e.durationS);
    expect(durations.every((d) => d !== undefined && d > 0)).toBe(true);
    expect(durations.reduce((sum, d) => sum! + d!, 0)).toBeCloseTo(DURATION_S, 9);
    expect(list.entries.at(-1)).toEqual({ file: list.entries.at(-2)!.file });
  });

  it('places the band where telopBand says, inside the safe area', () => {
    const band = telopBand(FRAME, yellow);
    expect(track).toMatchObject({ x: band.x, y: band.y, width: FRAME.width, height: band.height });
    expect(track.y + track.height).toBeLessThanOrEqual(0.8 * FRAME.height);
  });

  it('draws every state at the band\'s size', async () => {
    const files = [...new Set(list.entries.map((e) => e.file))];
    for (const file of files) {
      const image = await pixels(join(dirname(track.listFile), file));
      expect([image.width, image.height]).toEqual([track.width, track.height]);
    }
  });

  it('shows a fully transparent state in the gaps between telops', async () => {
    const gap = fileAt(1.3); // the first cue ends at 1.0 (3.0 s), the next starts at 1.6
    const image = await pixels(join(dirname(track.listFile), gap));
    expect(opaquePixels(image.data)).toBe(0);
    expect(fileAt(5.5)).toBe(gap); // 4.9–6.6 is a gap too: the same picture, drawn once
  });

  it('changes state when the spoken word changes, to the millisecond of the word times', () => {
    const starts = timed.map((e) => Math.round(e.start * 1000) / 1000);
    // 今日は三人でお話しします (1.6–4.9): its words at 1.6, 2.37, 3.14
    expect(starts).toEqual(expect.arrayContaining([1, 1.6, 2.37, 3.14, 4.9, 6.6, 7.055, 7.51, 7.965, 9.2, 9.9, 10.845]));
  });

  it('paints the word being said in the style\'s active colour and the others in its text colour', async () => {
    const at = (t: number) => pixels(join(dirname(track.listFile), fileAt(t)));
    const [first, second] = [await at(1.7), await at(2.5)]; // 今日は lit, then 三人で lit
    const active = rgb(yellow.active);
    const text = rgb(yellow.text);
    expect(countPixels(first.data, active)).toBeGreaterThan(500);
    expect(countPixels(first.data, text)).toBeGreaterThan(500);
    expect(countPixels(second.data, active)).toBeGreaterThan(500);
    expect(Buffer.from(first.data).equals(Buffer.from(second.data))).toBe(false);
    const activeColumns = (data: Uint8ClampedArray, width: number): number => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] === active[0] && data[i + 1] === active[1] && data[i + 2] === active[2] && data[i + 3] === 255) {
          sum += (i / 4) % width;
          n += 1;
        }
      }
      return sum / n;
    };
    // the highlight moves right with the words
    expect(activeColumns(second.data, second.width)).toBeGreaterThan(activeColumns(first.data, first.width));
  });

  it('draws a cue-only track one state per telop, and a reaction in the reaction colour', async () => {
    const plain: Telop[] = [
      { start: 0.5, end: 2, lines: ['はいどうも'] },
      { start: 2.5, end: 4, lines: ['（笑）'], reaction: true },
    ];
    const out = await writeTelopTrack(join(dir, 'plain'), plain, { frame: FRAME, style: yellow, durationS: 5 });
    const entries = parseList(await readFile(out.listFile, 'utf8')).entries;
    expect(entries.map((e) => e.durationS)).toEqual([0.5, 1.5, 0.5, 1.5, 1, undefined]);
    const laugh = await pixels(join(dir, 'plain', entries[3]!.file));
    expect(countPixels(laugh.data, rgb(yellow.reaction))).toBeGreaterThan(500);
    expect(countPixels(laugh.data, rgb(yellow.text))).toBe(0);
  });

  it('draws a box behind each line in the boxed style', async () => {
    const boxed = telopStyle('boxed');
    const out = await writeTelopTrack(join(dir, 'boxed'), [{ start: 0, end: 1, lines: ['はい'] }], { frame: FRAME, style: boxed, durationS: 1 });
    const image = await pixels(join(dir, 'boxed', parseList(await readFile(out.listFile, 'utf8')).entries[0]!.file));
    const alpha = parseInt(boxed.box!.color.slice(7, 9), 16);
    let boxPixels = 0;
    for (let i = 3; i < image.data.length; i += 4) if (Math.abs(image.data[i]! - alpha) <= 1) boxPixels += 1;
    expect(boxPixels).toBeGreaterThan(1000);
  });
});

describe('telopTimeline', () => {
  it('covers the clip back to back, a blank state in gaps, a state per lit word', () => {
    const spans = telopTimeline(
      [{ start: 1, end: 3, lines: ['a b'], words: [{ start: 1, end: 2, line: 0, from: 0, to: 1 }, { start: 2, end: 3, line: 0, from: 2, to: 3 }] }],
      4,
    );
    expect(spans.map((s) => [s.start, s.end, [...s.state.lit]])).toEqual([
      [0, 1, []],
      [1, 2, [0]],
      [2, 3, [1]],
      [3, 4, []],
    ]);
    expect(spans[0]!.state.key).toBe(spans[3]!.state.key);
  });
});

describe('ffconcatList', () => {
  it('quotes names the concat demuxer\'s way', () => {
    expect(ffconcatList([{ file: "it's.png", durationS: 1.5 }])).toBe("ffconcat version 1.0\nfile 'it'\\''s.png'\nduration 1.500\nfile 'it'\\''s.png'\n");
  });
});

describe('stillApng', () => {
  it('marks a PNG as a one-frame APNG that still decodes to the same pixels', async () => {
    const canvas = createCanvas(40, 20);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#FF000080';
    ctx.fillRect(5, 5, 10, 10);
    const png = await canvas.encode('png');
    const apng = stillApng(png);
    expect(apng.includes(Buffer.from('acTL'))).toBe(true);
    expect(apng.indexOf(Buffer.from('fcTL'))).toBeLessThan(apng.indexOf(Buffer.from('IDAT')));
    const decode = async (bytes: Buffer): Promise<Uint8ClampedArray> => {
      const image = await loadImage(bytes);
      const c = createCanvas(40, 20).getContext('2d');
      c.drawImage(image, 0, 0);
      return c.getImageData(0, 0, 40, 20).data;
    };
    expect(Buffer.from(await decode(apng)).equals(Buffer.from(await decode(png)))).toBe(true);
  });
});
