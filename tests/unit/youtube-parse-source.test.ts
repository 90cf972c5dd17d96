import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource, parseStartTime, parseVideoSource, type Source } from '../../core/youtube/parse-source.js';

const ID = 'dQ4wT9xYz0A';
const video = (startS?: number): Source => (startS === undefined ? { kind: 'video', videoId: ID } : { kind: 'video', videoId: ID, startS });

const VALID: [string, Source][] = [
  // watch
  [`https://www.youtube.com/watch?v=${ID}`, video()],
  [`http://www.youtube.com/watch?v=${ID}`, video()],
  [`https://youtube.com/watch?v=${ID}`, video()],
  [`youtube.com/watch?v=${ID}`, video()],
  [`www.youtube.com/watch?v=${ID}`, video()],
  [`https://m.youtube.com/watch?v=${ID}`, video()],
  [`https://music.youtube.com/watch?v=${ID}&feature=share`, video()],
  [`https://WWW.YOUTUBE.COM/watch?v=${ID}`, video()],
  [`https://www.youtube.com/watch?feature=youtu.be&v=${ID}`, video()],
  [`https://www.youtube.com/watch?v=${ID}&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3`, video()],
  [`https://www.youtube.com/watch?v=${ID}&ab_channel=Someone&pp=ygUFaGVsbG8%3D`, video()],
  [`https://www.youtube.com/watch?v=${ID}&t=90`, video(90)],
  [`https://www.youtube.com/watch?v=${ID}&t=90s`, video(90)],
  [`https://www.youtube.com/watch?v=${ID}&t=1m30s`, video(90)],
  [`https://www.youtube.com/watch?v=${ID}&t=1h2m3s`, video(3723)],
  [`https://www.youtube.com/watch?v=${ID}#t=45`, video(45)],
  [`https://www.youtube.com/watch/?v=${ID}`, video()],
  [`https://www.youtube.com/?v=${ID}`, video()],
  [`  https://www.youtube.com/watch?v=${ID}  `, video()],
  // youtu.be
  [`https://youtu.be/${ID}`, video()],
  [`youtu.be/${ID}`, video()],
  [`https://www.youtu.be/${ID}`, video()],
  [`https://youtu.be/${ID}?t=30`, video(30)],
  [`https://youtu.be/${ID}?t=1m30s`, video(90)],
  [`https://youtu.be/${ID}?si=AbCdEfGh12345678&t=5`, video(5)],
  [`https://youtu.be/${ID}?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG`, video()],
  [`https://youtu.be/${ID}/`, video()],
  // a share link with `&` where the `?` belongs: the id is the segment's first 11 characters
  [`https://youtu.be/${ID}&t=1m30s`, video(90)],
  [`youtu.be/${ID}&t=1m30s`, video(90)],
  [`youtu.be/${ID}&t=30`, video(30)],
  [`https://youtu.be/${ID}&feature=shared`, video()],
  [`https://youtu.be/${ID}&si=AbCdEfGh12345678&t=2m`, video(120)],
  [`https://youtu.be/${ID}&t=1m30s?si=abc`, video(90)],
  [`https://youtu.be/${ID}%26t=45`, video(45)],
  [`https://www.youtube.com/shorts/${ID}&feature=share`, video()],
  // shorts, live, embed, v
  [`https://www.youtube.com/shorts/${ID}`, video()],
  [`https://youtube.com/shorts/${ID}?feature=share`, video()],
  [`https://m.youtube.com/shorts/${ID}`, video()],
  [`https://www.youtube.com/live/${ID}`, video()],
  [`https://www.youtube.com/live/${ID}?si=abc&t=120`, video(120)],
  [`https://www.youtube.com/embed/${ID}`, video()],
  [`https://www.youtube.com/embed/${ID}?start=75&autoplay=1`, video(75)],
  [`https://www.youtube-nocookie.com/embed/${ID}`, video()],
  [`https://www.youtube.com/v/${ID}?version=3`, video()],
  [`https://www.youtube.com/e/${ID}`, video()],
  // ids with - and _
  ['abc-DEF_123', { kind: 'video', videoId: 'abc-DEF_123' }],
  [ID, video()],
  [` ${ID}\n`, video()],
  ['___________', { kind: 'video', videoId: '___________' }],
  // channels
  ['@kirinuki', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['@Some.Channel_01-x', { kind: 'channel', by: 'handle', value: '@Some.Channel_01-x' }],
  ['@ホロライブ', { kind: 'channel', by: 'handle', value: '@ホロライブ' }],
  ['https://www.youtube.com/@kirinuki', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['https://www.youtube.com/@kirinuki/videos', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['youtube.com/@kirinuki/streams', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['https://m.youtube.com/@kirinuki', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['https://www.youtube.com/%40kirinuki', { kind: 'channel', by: 'handle', value: '@kirinuki' }],
  ['https://www.youtube.com/channel/UC1234567890abcdefghijAB', { kind: 'channel', by: 'id', value: 'UC1234567890abcdefghijAB' }],
  ['https://www.youtube.com/channel/UC1234567890abcdefghijAB/videos', { kind: 'channel', by: 'id', value: 'UC1234567890abcdefghijAB' }],
  ['UC1234567890abcdefghijAB', { kind: 'channel', by: 'id', value: 'UC1234567890abcdefghijAB' }],
  ['https://www.youtube.com/c/SomeName', { kind: 'channel', by: 'custom', value: 'SomeName' }],
  ['https://www.youtube.com/c/SomeName/featured', { kind: 'channel', by: 'custom', value: 'SomeName' }],
  ['https://www.youtube.com/user/oldname', { kind: 'channel', by: 'user', value: 'oldname' }],
  ['youtube.com/user/oldname?sub_confirmation=1', { kind: 'channel', by: 'user', value: 'oldname' }],
];

const INVALID: string[] = [
  '',
  '   ',
  'hello',
  'dQ4wT9xYz0',
  'dQ4wT9xYz0AB',
  'dQ4wT9xYz0!',
  'https://www.youtube.com/',
  'https://www.youtube.com/watch',
  'https://www.youtube.com/watch?v=',
  'https://www.youtube.com/watch?v=short',
  'https://www.youtube.com/watch?v=dQ4wT9xYz0A1',
  'https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG',
  'https://www.youtube.com/results?search_query=funny',
  'https://www.youtube.com/feed/subscriptions',
  'https://www.youtube.com/shorts/',
  'https://www.youtube.com/embed/',
  'https://youtu.be/',
  'https://youtu.be/abc',
  'https://youtu.be/abc&t=30',
  `https://youtu.be/${ID}x&t=30`,
  `https://youtu.be/&t=30`,
  `https://vimeo.com/${ID}`,
  `https://www.youtube.com.evil.example/watch?v=${ID}`,
  `https://notyoutube.com/watch?v=${ID}`,
  `https://youtu.be.example/${ID}`,
  'https://www.youtube.com/channel/notachannel',
  'https://www.youtube.com/c/',
  '@',
  '@ab',
  '@has space',
  'ftp://youtube.com/watch?v=dQ4wT9xYz0A',
  'UC123',
];

describe('parseSource', () => {
  it.each(VALID)('%s', (input, expected) => {
    expect(parseSource(input)).toEqual(expected);
  });

  it.each(INVALID)('rejects %j with INVALID_URL echoing the input', (input) => {
    let error: unknown;
    try {
      parseSource(input);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_URL' });
    expect((error as Error).message).toContain(`"${input}"`);
  });

  it('has a table of at least 50 valid and 25 invalid inputs', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(50);
    expect(INVALID.length).toBeGreaterThanOrEqual(25);
  });
});

describe('parseSource on local files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kirinuki-parse-source-'));
    await writeFile(join(dir, 'Title [dQ4wT9xYz0A].info.json'), '{}');
    await writeFile(join(dir, 'comments.json'), '{}');
    await writeFile(join(dir, 'clip.mp4'), '');
    await writeFile(join(dir, 'dQ4wT9xYz0A'), '');
    await mkdir(join(dir, 'folder.mp4'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recognises .info.json, comments .json and video files by path', () => {
    expect(parseSource(join(dir, 'Title [dQ4wT9xYz0A].info.json'))).toEqual({ kind: 'info-json', path: join(dir, 'Title [dQ4wT9xYz0A].info.json') });
    expect(parseSource(join(dir, 'comments.json'))).toEqual({ kind: 'comments-file', path: join(dir, 'comments.json') });
    expect(parseSource(join(dir, 'clip.mp4'))).toEqual({ kind: 'file', path: join(dir, 'clip.mp4') });
  });

  it('prefers an existing file over a bare id of the same name, relative paths resolved', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(parseSource('dQ4wT9xYz0A')).toEqual({ kind: 'file', path: join(dir, 'dQ4wT9xYz0A') });
      expect(parseSource('./clip.mp4')).toEqual({ kind: 'file', path: join(dir, 'clip.mp4') });
    } finally {
      process.chdir(cwd);
    }
  });

  it('names a missing media or JSON file as FILE_NOT_FOUND, and a folder as not a file', () => {
    expect(() => parseSource(join(dir, 'missing.mp4'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('missing.mp4') }));
    expect(() => parseSource(join(dir, 'missing.info.json'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
    expect(() => parseSource(join(dir, 'folder.mp4'))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('folder') }));
  });
});

describe('parseVideoSource and parseStartTime', () => {
  it('refuses a channel where a video is needed', () => {
    expect(() => parseVideoSource('@kirinuki')).toThrow(expect.objectContaining({ code: 'INVALID_URL', message: expect.stringContaining('@kirinuki') }));
    expect(parseVideoSource(ID)).toEqual(video());
  });

  it.each([
    ['0', 0],
    ['90', 90],
    ['90s', 90],
    ['2m', 120],
    ['1h', 3600],
    ['1h0m5s', 3605],
    ['1H2M3S', 3723],
    ['', undefined],
    ['abc', undefined],
    ['1:30', undefined],
    ['-5', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseStartTime(raw)).toBe(expected);
  });
});
