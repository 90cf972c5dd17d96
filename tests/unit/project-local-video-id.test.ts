import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localVideoId, youtubeIdFromFileName } from '../../core/project/local-video-id.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-id-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('localVideoId', () => {
  it('takes the YouTube id from a yt-dlp name', async () => {
    expect(youtubeIdFromFileName('/x/コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].info.json')).toBe('dQ4wT9xYz0A');
    expect(await localVideoId('/nowhere/My Title [abcDEF12_-x].mp4')).toBe('abcDEF12_-x');
  });

  it('is stable for the same file and differs when the content or the name differs', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const a = join(dir, 'stream one.mp4');
    await writeFile(a, big);
    const first = await localVideoId(a);
    expect(first).toMatch(/^stream-one-[0-9a-f]{12}$/);
    expect(await localVideoId(a)).toBe(first);

    big[big.length - 10] = 8; // only the last MiB changes
    await writeFile(a, big);
    expect(await localVideoId(a)).not.toBe(first);

    const b = join(dir, 'stream two.mp4');
    await writeFile(b, big);
    expect(await localVideoId(b)).not.toBe(await localVideoId(a));
  });

  it('keeps Japanese in the slug and never yields an 11-character YouTube-like id', async () => {
    const path = join(dir, '配信 2024.mov');
    await writeFile(path, 'tiny');
    const id = await localVideoId(path);
    expect(id).toMatch(/^配信-2024-[0-9a-f]{12}$/);
  });

  it('a missing file is FILE_NOT_FOUND naming it', async () => {
    await expect(localVideoId(join(dir, 'gone.mp4'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('gone.mp4') });
  });
});
