import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommentSet } from '../../core/youtube/load-comment-set.js';
import { sharedFixture } from '../helpers/shared-media.js';

const THREADS_FILE = sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json');
const INFO_JSON = sharedFixture('youtube/コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].info.json');
const TIMESTAMPED = /\d:\d\d|：|分/;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-yt-offline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadCommentSet on offline sources', () => {
  it('reads the {video, threads} file: meta, 489 threads + 16 replies, plain text, uploader flag', async () => {
    const loaded = await loadCommentSet(THREADS_FILE);
    const { video, comments } = loaded.commentSet;
    expect(video).toMatchObject({ id: 'dQ4wT9xYz0A', title: 'コラボ配信 ハイライト候補テスト', durationS: 905 });
    expect(loaded).toMatchObject({ commentsFetched: 505, apiRequests: 0, fromCache: false });
    expect(comments).toHaveLength(505);
    expect(comments.filter((c) => c.parentId !== undefined)).toHaveLength(16);
    expect(comments.some((c) => c.text.includes('<a '))).toBe(false);
    const uploader = comments.filter((c) => c.isUploader);
    expect(uploader).toHaveLength(1);
    expect(uploader[0]?.text).toContain('12:30 part 7');
    expect(uploader[0]?.likes).toBe(900);
  });

  it('reads the yt-dlp .info.json: the same comments, replies by parent, heatmap and chapters', async () => {
    const fromInfo = (await loadCommentSet(INFO_JSON)).commentSet;
    const fromThreads = (await loadCommentSet(THREADS_FILE)).commentSet;
    expect(fromInfo.video).toMatchObject({ id: 'dQ4wT9xYz0A', durationS: 905 });
    expect(fromInfo.comments).toHaveLength(505);
    expect(fromInfo.heatmap).toHaveLength(100);
    expect(fromInfo.heatmap?.[1]).toEqual({ start: 9.05, end: 18.1, value: 0.150439 });
    expect(fromInfo.chapters?.map((c) => c.start)).toEqual([0, 90, 200, 330, 480, 600, 750]);
    const byId = new Map(fromThreads.comments.map((c) => [c.id, c]));
    for (const c of fromInfo.comments) {
      const twin = byId.get(c.id);
      expect(twin, c.id).toBeDefined();
      expect(c.text).toBe(twin?.text);
      expect(c.likes).toBe(twin?.likes);
      expect(c.parentId).toBe(twin?.parentId);
      expect(c.authorId).toBe(twin?.authorId);
      expect(Boolean(c.isUploader)).toBe(Boolean(twin?.isUploader));
    }
    expect(fromInfo.comments.filter((c) => TIMESTAMPED.test(c.text)).length).toBeGreaterThan(200);
  });

  it('takes the comments file beside a URL of the same video, and refuses one of another video', async () => {
    const loaded = await loadCommentSet('https://youtu.be/dQ4wT9xYz0A?t=30', { commentsFile: THREADS_FILE });
    expect(loaded.commentsFetched).toBe(505);
    await expect(loadCommentSet('https://www.youtube.com/watch?v=AAAAAAAAAAA', { commentsFile: INFO_JSON })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('AAAAAAAAAAA'),
    });
  });

  it('takes the comments file beside a local video file', async () => {
    const video = join(dir, 'clip.mp4');
    await writeFile(video, 'not really a video; only its name matters here');
    const loaded = await loadCommentSet(video, { commentsFile: INFO_JSON });
    expect(loaded.commentSet.video.id).toBe('dQ4wT9xYz0A');
  });

  it('finds the yt-dlp .info.json beside a downloaded "Title [id].mp4", needing no key', async () => {
    const video = join(dir, 'Talk [dQ4wT9xYz0A].mp4');
    await writeFile(video, 'x');
    await copyFile(INFO_JSON, join(dir, 'Talk [dQ4wT9xYz0A].info.json'));
    const loaded = await loadCommentSet(video, { root: dir, apiKey: undefined });
    expect(loaded).toMatchObject({ commentsFetched: 505, apiRequests: 0 });
    expect(loaded.commentSet.heatmap).toHaveLength(100);
  });

  it('uses textDisplay without HTML when textOriginal is absent', async () => {
    const path = join(dir, 'html-only.json');
    const thread = {
      kind: 'youtube#commentThread',
      id: 'T1',
      snippet: {
        channelId: 'UCx',
        topLevelComment: {
          id: 'T1',
          snippet: {
            textDisplay: '<a href="https://www.youtube.com/watch?v=dQ4wT9xYz0A&amp;t=301">5:01</a> lol &amp; <b>wow</b><br>next',
            authorChannelId: { value: 'UCa' },
            likeCount: 3,
          },
        },
      },
    };
    await writeFile(path, JSON.stringify({ video: { id: 'dQ4wT9xYz0A', title: 't', duration: 'PT1H2M3S' }, threads: [thread] }));
    const { commentSet } = await loadCommentSet(path);
    expect(commentSet.video.durationS).toBe(3723);
    expect(commentSet.comments).toEqual([{ id: 'T1', text: '5:01 lol & wow\nnext', likes: 3, authorId: 'UCa' }]);
  });

  it('names the file or field that is wrong', async () => {
    const noDuration = join(dir, 'no-duration.json');
    await writeFile(noDuration, JSON.stringify({ video: { id: 'dQ4wT9xYz0A' }, threads: [] }));
    await expect(loadCommentSet(noDuration)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('durationS') });
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"video": ');
    await expect(loadCommentSet(notJson)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(notJson) });
    const noComments = join(dir, 'x [dQ4wT9xYz0A].info.json');
    await writeFile(noComments, JSON.stringify({ id: 'dQ4wT9xYz0A', title: 'x', duration: 10 }));
    await expect(loadCommentSet(noComments)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('--write-comments') });
    await expect(loadCommentSet(join(dir, 'missing.info.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(loadCommentSet('@somechannel')).rejects.toMatchObject({ code: 'INVALID_URL' });
    // a folder passed as the comments file (`--comments /tmp`): a named INVALID_ARGUMENT, not EISDIR
    await expect(loadCommentSet('dQ4wT9xYz0A', { commentsFile: dir })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`${dir} is a folder`),
    });
  });

  it('needs a key for an online source that is not cached', async () => {
    const saved = process.env.YOUTUBE_API_KEY;
    delete process.env.YOUTUBE_API_KEY;
    try {
      await expect(loadCommentSet('dQ4wT9xYz0A', { root: dir })).rejects.toMatchObject({ code: 'API_KEY_MISSING' });
      const video = join(dir, 'no id here.mp4');
      await writeFile(video, 'x');
      await expect(loadCommentSet(video, { root: dir })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('--comments'),
      });
    } finally {
      if (saved !== undefined) process.env.YOUTUBE_API_KEY = saved;
    }
  });
});
