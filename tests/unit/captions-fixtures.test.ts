import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captionReactions } from '../../core/captions/caption-reactions.js';
import type { CaptionTrack } from '../../core/captions/caption-track.js';
import { readCaptions } from '../../core/captions/read-captions.js';
import { sharedFixture } from '../helpers/shared-media.js';

type TruthCue = [start: number, end: number, words: string[]];

const FORMATS = ['json3', 'vtt', 'srt'] as const;
const fixture = (ext: string): string => sharedFixture(`captions/panel.ja.${ext}`);
const CUES_JSON = sharedFixture('captions/cues.json');

/** How the truth's words read as a line: a space only between two Latin words ("Nice to meet you"). */
const asLine = (words: string[]): string =>
  words.reduce((line, word) => (/[A-Za-z]$/.test(line) && /^[A-Za-z]/.test(word) ? `${line} ${word}` : `${line}${word}`), '');

let truth: TruthCue[];
let dir: string;
beforeAll(async () => {
  truth = JSON.parse(await readFile(CUES_JSON, 'utf8')) as TruthCue[];
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-captions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCaptions on the panel fixture', () => {
  it.each(FORMATS)('reads panel.ja.%s as the cues of cues.json (times within 0.05 s, same text)', async (ext) => {
    const track = await readCaptions(fixture(ext));
    expect(track.lang).toBe('ja');
    expect(track.cues).toHaveLength(truth.length);
    track.cues.forEach((cue, i) => {
      const [start, end, words] = truth[i]!;
      expect(Math.abs(cue.start - start)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(cue.end - end)).toBeLessThanOrEqual(0.05);
      expect(cue.text).toBe(asLine(words));
    });
  });

  it('gives every json3 word its own time, in order, inside its cue', async () => {
    const track = await readCaptions(fixture('json3'));
    expect(track.wordTimed).toBe(true);
    track.cues.forEach((cue, i) => {
      const words = cue.words ?? [];
      expect(words.map((w) => w.text)).toEqual(truth[i]![2]);
      expect(words[0]?.t).toBe(cue.start);
      for (let k = 1; k < words.length; k += 1) expect(words[k]!.t).toBeGreaterThan(words[k - 1]!.t);
      expect(words.at(-1)!.t).toBeLessThan(cue.end);
    });
    // tStartMs 34400 + tOffsetMs 1493 in the file.
    expect(track.cues.at(-1)?.words?.at(-1)).toEqual({ t: 35.893, text: '[拍手]' });
  });

  it('keeps VTT and SRT without word times: no cue has words', async () => {
    for (const ext of ['vtt', 'srt']) {
      const track = await readCaptions(fixture(ext));
      expect(track.wordTimed).toBe(false);
      expect(track.cues.every((cue) => cue.words === undefined)).toBe(true);
    }
  });

  it.each(FORMATS)('finds the [笑い] and [拍手] reactions of panel.ja.%s at their times', async (ext) => {
    const track = await readCaptions(fixture(ext));
    const applauseAt = ext === 'json3' ? 35.893 : 34.4; // the word's time where the file has one, else the cue's
    expect(captionReactions(track)).toEqual([
      { t: 19.4, tag: '[笑い]', kind: 'laugh' },
      { t: applauseAt, tag: '[拍手]', kind: 'applause' },
    ]);
  });
});

describe('readCaptions on files', () => {
  it('dispatches on the extension whatever its case, as yt-dlp names files (Title [id].lang.ext)', async () => {
    const path = join(dir, 'パネル トーク [abcdefghijk].en-US.VTT');
    await copyFile(fixture('vtt'), path);
    const track: CaptionTrack = await readCaptions(path);
    expect(track.cues).toHaveLength(truth.length);
    expect(track.lang).toBe('ja'); // the VTT header's Language wins over the name
    const srt = join(dir, 'パネル トーク [abcdefghijk].en-US.SRT');
    await copyFile(fixture('srt'), srt);
    expect((await readCaptions(srt)).lang).toBe('en-US');
    const unnamed = join(dir, 'panel.Json3');
    await copyFile(fixture('json3'), unnamed);
    expect((await readCaptions(unnamed)).lang).toBeUndefined();
  });

  it('reads UTF-16 and Shift_JIS subtitle files as well as UTF-8', async () => {
    const srt = await readFile(fixture('srt'), 'utf8');
    const utf16 = join(dir, 'utf16.ja.srt');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]));
    expect((await readCaptions(utf16)).cues[0]?.text).toBe('はいどうもこんにちは');
    const sjis = join(dir, 'sjis.ja.srt');
    // "1\n00:00:01,000 --> 00:00:02,000\nあい\n" with あい in Shift_JIS.
    await writeFile(sjis, Buffer.concat([Buffer.from('1\n00:00:01,000 --> 00:00:02,000\n'), Buffer.from([0x82, 0xa0, 0x82, 0xa2, 0x0a])]));
    expect((await readCaptions(sjis)).cues[0]?.text).toBe('あい');
  });

  it('says FILE_NOT_FOUND for a missing file', async () => {
    await expect(readCaptions(join(dir, 'nope.ja.vtt'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('refuses a folder, another extension, an empty file and a binary file, naming the file', async () => {
    const folder = join(dir, 'subs.vtt');
    await mkdir(folder);
    const other = join(dir, 'notes.txt');
    await writeFile(other, 'WEBVTT\n');
    const empty = join(dir, 'empty.ja.srt');
    await writeFile(empty, '');
    const binary = join(dir, 'video.ja.srt');
    await writeFile(binary, Buffer.from([0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]));
    for (const path of [folder, other, empty, binary]) {
      const error = await readCaptions(path).catch((e: unknown) => e);
      expect(error, path).toMatchObject({ code: 'SUBTITLES_UNREADABLE' });
      const message = (error as Error).message;
      expect(message).toContain(path);
      expect(message, 'one sentence: the problem; what to do.').toMatch(/; .+\.$/);
      expect(message).not.toContain('ftyp');
    }
  });
});
