import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoForSource } from '../../core/acquire/video-for-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-vfs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('videoForSource', () => {
  it('--video wins, then a local source file itself', async () => {
    expect(await videoForSource({ kind: 'video', videoId: 'dQ4wT9xYz0A' }, 'dQ4wT9xYz0A', '/x/local.mp4')).toEqual({ videoFile: '/x/local.mp4' });
    expect(await videoForSource({ kind: 'file', path: '/x/a.mp4' }, 'a-123')).toEqual({ videoFile: '/x/a.mp4' });
  });

  it('uses the video yt-dlp wrote beside an info.json', async () => {
    const info = join(dir, 'Talk [abcdefghijk].info.json');
    await writeFile(info, JSON.stringify({ id: 'abcdefghijk', webpage_url: 'https://www.youtube.com/watch?v=abcdefghijk' }));
    expect(await videoForSource({ kind: 'info-json', path: info }, 'abcdefghijk')).toEqual({ downloadUrl: 'https://www.youtube.com/watch?v=abcdefghijk' });
    await writeFile(join(dir, 'Talk [abcdefghijk].mkv'), 'x');
    expect(await videoForSource({ kind: 'info-json', path: info }, 'abcdefghijk')).toEqual({ videoFile: join(dir, 'Talk [abcdefghijk].mkv') });
  });

  it('downloads a YouTube id from its watch page', async () => {
    expect(await videoForSource({ kind: 'video', videoId: 'dQ4wT9xYz0A' }, 'dQ4wT9xYz0A')).toEqual({ downloadUrl: 'https://www.youtube.com/watch?v=dQ4wT9xYz0A' });
  });
});
