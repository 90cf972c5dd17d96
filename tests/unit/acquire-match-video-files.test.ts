import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchVideoFiles, videoIdFromFileName } from '../../core/acquire/match-video-files.js';

describe('videoIdFromFileName', () => {
  it.each([
    ['Collab stream [dQ4wT9xYz0A].mp4', 'dQ4wT9xYz0A'],
    ['dQ4wT9xYz0A.mp4', 'dQ4wT9xYz0A'],
    ['dQ4wT9xYz0A.webm', 'dQ4wT9xYz0A'],
    ['コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].mkv', 'dQ4wT9xYz0A'],
    ['[Live] Karaoke [part 2] [a-b_c-D_e-F].mp4', 'a-b_c-D_e-F'],
    ['Title with [brackets-11] inside [Xy_9-Ab3_Zq].MP4', 'Xy_9-Ab3_Zq'],
    ['🎤 歌枠 【3D】 [Ab3_Zq9-Xy_].mov', 'Ab3_Zq9-Xy_'],
    ['Title [dQ4wT9xYz0A].info.json', undefined],
    ['Title [dQ4wT9xYz0A].mp4.part', undefined],
    ['Title [dQ4wT9xYz0A].f137.mp4', undefined],
    ['Title [dQ4wT9xYz0A].jpg', undefined],
    ['Title dQ4wT9xYz0A.mp4', undefined],
    ['Title [dQ4wT9xYz0].mp4', undefined],
    ['Title [dQ4wT9xYz0AB].mp4', undefined],
    ['notes.txt', undefined],
  ])('%s → %s', (name, id) => {
    expect(videoIdFromFileName(name)).toBe(id);
  });
});

describe('matchVideoFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kirinuki-video-dir-'));
    for (const name of ['歌枠 [Ab3_Zq9-Xy_].webm', '歌枠 [Ab3_Zq9-Xy_].mp4', 'dQ4wT9xYz0A.mkv', 'x [dQ4wT9xYz0A].info.json', 'random.mp4']) {
      await writeFile(join(dir, name), 'x');
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps ids to files, preferring mp4, ignoring everything else', async () => {
    const files = await matchVideoFiles(dir);
    expect([...files.keys()].sort()).toEqual(['Ab3_Zq9-Xy_', 'dQ4wT9xYz0A']);
    expect(files.get('Ab3_Zq9-Xy_')).toBe(join(dir, '歌枠 [Ab3_Zq9-Xy_].mp4'));
    expect(files.get('dQ4wT9xYz0A')).toBe(join(dir, 'dQ4wT9xYz0A.mkv'));
  });

  it('names a missing folder', async () => {
    await expect(matchVideoFiles(join(dir, 'nope'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining('nope'),
    });
  });
});
