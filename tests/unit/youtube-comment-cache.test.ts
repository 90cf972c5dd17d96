import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commentCachePath,
  newCommentCache,
  readCommentCache,
  writeCommentCache,
} from '../../core/youtube/comment-cache.js';
import { loadCommentSet } from '../../core/youtube/load-comment-set.js';

const VIDEO = { id: 'cacheVideo1', title: 'cached', durationS: 120 };
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-yt-cache-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('comment cache in <root>/<videoId>/comments.json', () => {
  it('round-trips and serves a complete cache with no key and no request', async () => {
    const cache = newCommentCache(VIDEO, 1);
    cache.comments.push({ id: 'c1', text: '1:05 lol', likes: 2, authorId: 'UCa' });
    cache.fetch = { complete: true, pages: 1, updatedAt: new Date().toISOString() };
    await writeCommentCache(root, cache);
    expect(commentCachePath(root, VIDEO.id)).toBe(join(root, VIDEO.id, 'comments.json'));
    expect(await readCommentCache(root, VIDEO.id)).toEqual(cache);
    const saved = process.env.YOUTUBE_API_KEY;
    delete process.env.YOUTUBE_API_KEY;
    try {
      const loaded = await loadCommentSet(`https://youtu.be/${VIDEO.id}`, { root });
      expect(loaded).toMatchObject({ fromCache: true, apiRequests: 0, commentsFetched: 1 });
      expect(loaded.commentSet.video).toEqual(VIDEO);
    } finally {
      if (saved !== undefined) process.env.YOUTUBE_API_KEY = saved;
    }
  });

  it('is undefined when absent, PROJECT_CORRUPT when unreadable, PROJECT_TOO_NEW when newer, naming the file', async () => {
    expect(await readCommentCache(root, 'absentVideo')).toBeUndefined();
    const corrupt = commentCachePath(root, 'corruptVide');
    await mkdir(join(root, 'corruptVide'), { recursive: true });
    await writeFile(corrupt, '{"version": 1, "video"');
    await expect(readCommentCache(root, 'corruptVide')).rejects.toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringContaining(corrupt) });
    await writeFile(corrupt, JSON.stringify({ version: 1, video: { id: 'other' }, comments: [] }));
    await expect(readCommentCache(root, 'corruptVide')).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
    await writeFile(corrupt, JSON.stringify({ version: 99, video: { id: 'corruptVide', durationS: 1 }, comments: [], fetch: { complete: true } }));
    await expect(readCommentCache(root, 'corruptVide')).rejects.toMatchObject({ code: 'PROJECT_TOO_NEW', message: expect.stringContaining(corrupt) });
  });
});
