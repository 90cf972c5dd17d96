import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfflineCommentSet } from '../../core/youtube/read-offline-comment-set.js';
import { parseSource } from '../../core/youtube/parse-source.js';
import { isYoutubeVideoId, requireYoutubeVideoId } from '../../core/youtube/video-id.js';
import { youtubeIdInName } from '../../core/youtube/youtube-id-in-name.js';

const HOSTILE = ['../../x', '/abs', '..', 'abc\u0000defghij', '../../xxxxx', 'dQ4wT9xYz0A/', 'dQ4wT9xYz0', 'dQ4wT9xYz0AA', '', 'dQ4wT9 xYz0'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-video-id-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the one video id check', () => {
  it('takes exactly 11 characters of [A-Za-z0-9_-]', () => {
    for (const id of ['dQ4wT9xYz0A', 'a-b_c-d_e-f', '___________', '-----------']) expect(isYoutubeVideoId(id)).toBe(true);
    for (const id of [...HOSTILE, undefined, null, 12345678901, ['dQ4wT9xYz0A']]) expect(isYoutubeVideoId(id)).toBe(false);
  });

  it('refuses anything else with INVALID_ARGUMENT naming where it came from, quoted and short', () => {
    expect(() => requireYoutubeVideoId('../../x', 'comments.json: video.id')).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'comments.json: video.id "../../x" is not a YouTube video id (11 letters, digits, - or _).',
      }),
    );
    const nul = catchMessage(() => requireYoutubeVideoId('abc\u0000def', 'f.json: id'));
    expect(nul).toContain('"abc\\u0000def"');
    expect(nul).not.toContain('\u0000');
    const huge = catchMessage(() => requireYoutubeVideoId(`${'A'.repeat(100_000)}/..`, 'f.json: id'));
    expect(huge.length).toBeLessThan(200);
    expect(catchMessage(() => requireYoutubeVideoId(undefined, 'f.json: id'))).toContain('f.json: id (missing)');
    expect(catchMessage(() => requireYoutubeVideoId({ a: 1 }, 'f.json: id'))).toContain('(an object)');
  });

  it('is the same check parseSource and the yt-dlp file name use', () => {
    expect(parseSource('dQ4wT9xYz0A')).toEqual({ kind: 'video', videoId: 'dQ4wT9xYz0A' });
    expect(parseSource('https://youtu.be/dQ4wT9xYz0A&t=90')).toEqual({ kind: 'video', videoId: 'dQ4wT9xYz0A', startS: 90 });
    expect(() => parseSource('https://www.youtube.com/watch?v=../../xxxxx')).toThrow(expect.objectContaining({ code: 'INVALID_URL' }));
    expect(youtubeIdInName('/v/Title [dQ4wT9xYz0A].mp4')).toBe('dQ4wT9xYz0A');
    expect(youtubeIdInName('/v/Title [../../xxxxx].mp4')).toBeUndefined();
  });

  it.each(HOSTILE)('an offline file with id %j is refused before anything uses it', async (id) => {
    const comments = join(dir, 'comments.json');
    await writeFile(comments, JSON.stringify({ video: { id, title: 't', durationS: 60 }, threads: [] }));
    await expect(readOfflineCommentSet(comments)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`${comments}: video.id `),
    });
    const info = join(dir, 'x.info.json');
    await writeFile(info, JSON.stringify({ id, title: 't', duration: 60, comments: [] }));
    await expect(readOfflineCommentSet(info)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`${info}: id `),
    });
  });
});

function catchMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
}
