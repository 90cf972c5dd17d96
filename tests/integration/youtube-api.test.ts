import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../core/progress.js';
import { commentCachePath, readCommentCache } from '../../core/youtube/comment-cache.js';
import { loadCommentSet, loadVideoMeta, type LoadCommentsOptions } from '../../core/youtube/load-comment-set.js';
import { QuotaMeter } from '../../core/youtube/quota-meter.js';
import {
  fakeVideoFromCommentsFile,
  makeThreads,
  startFakeYoutubeApi,
  type FakeYoutubeApi,
} from '../helpers/fake-youtube-api.js';
import { sharedFixture } from '../helpers/shared-media.js';

const VIDEO = 'dQ4wT9xYz0A';
const fixture = fakeVideoFromCommentsFile(sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json'));
const PAGES = Math.ceil(fixture.threads.length / 100);
const TOTAL = 505;
const FAST_RETRY = { attempts: 3, baseDelayMs: 20 };

let api: FakeYoutubeApi;
let scratch: string;
let rootCount = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-yt-api-'));
  api = await startFakeYoutubeApi({
    videos: [
      fixture,
      { id: 'noComments1', title: 'comments off', duration: 'PT3M', threads: [], commentsDisabled: true },
      {
        id: 'longVideo01',
        title: 'a long stream',
        duration: 'PT1H23M20S',
        threads: makeThreads('longVideo01', [
          { text: '1:10:05 this part', likes: 4, replies: [{ text: 'yes 1:10:06' }] },
          { text: 'great stream' },
        ]),
      },
    ],
  });
});

afterAll(async () => {
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

function fresh(extra: LoadCommentsOptions = {}): LoadCommentsOptions {
  rootCount += 1;
  return { root: join(scratch, `root${rootCount}`), apiKey: api.apiKey, apiRoot: api.url, retry: FAST_RETRY, ...extra };
}

/** Runs `action` and returns the requests the fake server saw during it. */
async function requestsDuring<T>(action: () => Promise<T>): Promise<{ result: T; requests: FakeYoutubeApi['requests'] }> {
  const from = api.requests.length;
  const result = await action();
  return { result, requests: api.requests.slice(from) };
}

async function failureDuring(action: () => Promise<unknown>): Promise<{ error: { code: string; message: string }; requests: number }> {
  const from = api.requests.length;
  const error = await action().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as { code: string; message: string },
  );
  return { error, requests: api.requests.length - from };
}

describe('loadCommentSet through the Data API (real Google client, fake server)', () => {
  it('pages through every thread with the documented parameters, then serves a second run from the cache', async () => {
    const options = fresh();
    const first = await requestsDuring(() => loadCommentSet(`https://www.youtube.com/watch?v=${VIDEO}&t=30s`, options));
    expect(first.result).toMatchObject({ commentsFetched: TOTAL, fromCache: false, apiRequests: 1 + PAGES });
    expect(first.requests.map((r) => r.path)).toEqual([
      '/youtube/v3/videos',
      ...Array<string>(PAGES).fill('/youtube/v3/commentThreads'),
    ]);
    expect(first.requests[0]?.query).toMatchObject({ id: VIDEO, key: api.apiKey });
    expect(first.requests[0]?.query.part?.split(',')).toEqual(expect.arrayContaining(['snippet', 'contentDetails']));
    expect(first.requests[0]?.query.maxResults).toBeUndefined();
    const pages = first.requests.slice(1);
    for (const page of pages) {
      expect(page.query).toMatchObject({ videoId: VIDEO, part: 'snippet,replies', maxResults: '100', textFormat: 'plainText' });
    }
    expect(pages[0]?.query.pageToken).toBeUndefined();
    expect(pages.slice(1).every((p) => typeof p.query.pageToken === 'string')).toBe(true);
    const { video, comments } = first.result.commentSet;
    expect(video).toMatchObject({ id: VIDEO, title: fixture.title, durationS: 905, channelId: fixture.channelId });
    expect(comments.filter((c) => c.parentId)).toHaveLength(16);
    expect(comments.filter((c) => c.isUploader).map((c) => c.likes)).toEqual([900]);
    expect(comments.some((c) => c.text.includes('<a'))).toBe(false);

    const second = await requestsDuring(() => loadCommentSet(VIDEO, options));
    expect(second.requests).toHaveLength(0);
    expect(second.result).toMatchObject({ commentsFetched: TOTAL, apiRequests: 0, fromCache: true });
    expect(second.result.commentSet).toEqual(first.result.commentSet);

    const refreshed = await requestsDuring(() => loadCommentSet(VIDEO, { ...options, refresh: true }));
    expect(refreshed.requests).toHaveLength(1 + PAGES);
    expect(refreshed.result).toMatchObject({ commentsFetched: TOTAL, fromCache: false });
  });

  it('takes the key and root from YOUTUBE_API_KEY / YOUTUBE_API_ROOT', async () => {
    const saved = { key: process.env.YOUTUBE_API_KEY, root: process.env.YOUTUBE_API_ROOT };
    process.env.YOUTUBE_API_KEY = api.apiKey;
    process.env.YOUTUBE_API_ROOT = api.url;
    try {
      const { root } = fresh();
      const loaded = await loadCommentSet(`https://youtu.be/longVideo01`, { root, retry: FAST_RETRY });
      expect(loaded.commentSet.video.durationS).toBe(5000);
      expect(loaded.commentsFetched).toBe(3);
      expect(loaded.apiRequests).toBe(2);
    } finally {
      restoreEnv('YOUTUBE_API_KEY', saved.key);
      restoreEnv('YOUTUBE_API_ROOT', saved.root);
    }
  });

  it('stops at maxComments, and a later run with a higher limit resumes from the saved page token', async () => {
    const options = fresh();
    const capped = await requestsDuring(() => loadCommentSet(VIDEO, { ...options, maxComments: 150 }));
    expect(capped.requests.map((r) => r.query.maxResults)).toEqual([undefined, '100', expect.any(String)]);
    expect(capped.result.commentsFetched).toBeGreaterThanOrEqual(150);
    expect(capped.result.commentsFetched).toBeLessThan(200);
    const again = await requestsDuring(() => loadCommentSet(VIDEO, { ...options, maxComments: 150 }));
    expect(again.requests).toHaveLength(0);
    const cache = await readCommentCache(options.root, VIDEO);
    const resumed = await requestsDuring(() => loadCommentSet(VIDEO, options));
    expect(resumed.requests.map((r) => r.path).every((p) => p === '/youtube/v3/commentThreads')).toBe(true);
    expect(resumed.requests[0]?.query.pageToken).toBe(cache?.fetch.nextPageToken);
    expect(resumed.result.commentsFetched).toBe(TOTAL);
    expect(new Set(resumed.result.commentSet.comments.map((c) => c.id)).size).toBe(TOTAL);
  });

  it('keeps the pages fetched before the quota ran out and resumes from the saved token', async () => {
    const options = fresh();
    api.setFaults({ quotaExceededAfterPages: api.commentPagesServed + 2 });
    try {
      const failed = await failureDuring(() => loadCommentSet(VIDEO, options));
      expect(failed.error.code).toBe('QUOTA_EXCEEDED');
      expect(failed.requests).toBe(1 + 2 + 1);
      const cache = await readCommentCache(options.root, VIDEO);
      expect(cache?.fetch).toMatchObject({ complete: false, pages: 2 });
      const saved = cache?.comments.length ?? 0;
      expect(saved).toBeGreaterThanOrEqual(200);
      expect(failed.error.message).toContain(`${saved} comments`);
      expect(failed.error.message).toContain('resumes');

      api.setFaults({});
      const resumed = await requestsDuring(() => loadCommentSet(VIDEO, options));
      expect(resumed.requests).toHaveLength(PAGES - 2);
      expect(resumed.requests[0]?.query.pageToken).toBe(cache?.fetch.nextPageToken);
      expect(resumed.result).toMatchObject({ commentsFetched: TOTAL, apiRequests: PAGES - 2, fromCache: false });
      expect((await requestsDuring(() => loadCommentSet(VIDEO, options))).requests).toHaveLength(0);
    } finally {
      api.setFaults({});
    }
  });

  it('stops at a quota budget before sending the request that would pass it, and resumes under a new budget', async () => {
    const options = fresh();
    const quota = new QuotaMeter({ budget: 3 });
    const failed = await failureDuring(() => loadCommentSet(VIDEO, { ...options, quota }));
    expect(failed.error.code).toBe('QUOTA_BUDGET_REACHED');
    expect(failed.requests).toBe(3);
    expect(quota.toJSON()).toEqual({ requests: 3, units: 3, budget: 3 });
    expect(quota.requestsOf('commentThreads.list')).toBe(2);
    const next = new QuotaMeter({ budget: 10 });
    const resumed = await loadCommentSet(VIDEO, { ...options, quota: next });
    expect(resumed.commentsFetched).toBe(TOTAL);
    expect(next.units).toBe(PAGES - 2);
  });

  it('retries 503s with back-off and counts every attempt', async () => {
    const options = fresh();
    const start = api.requests.length;
    // requests 2 and 4 of this run fail (a videos.list and a page succeed in between)
    api.setFaults({ fail503On: [start + 2, start + 4] });
    try {
      const run = await requestsDuring(() => loadCommentSet(VIDEO, options));
      expect(run.requests.map((r) => r.status)).toEqual([200, 503, 200, 503, ...Array<number>(PAGES - 1).fill(200)]);
      expect(run.result).toMatchObject({ commentsFetched: TOTAL, apiRequests: 1 + PAGES + 2 });
      // the failed page was asked for again with the same token
      expect(run.requests[2]?.query).toEqual(run.requests[1]?.query);

      api.setFaults({ fail503Every: 3 });
      const flaky = await requestsDuring(() => loadCommentSet(VIDEO, { ...options, refresh: true }));
      const failures = flaky.requests.filter((r) => r.status === 503);
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(failures.every((r) => r.n % 3 === 0)).toBe(true);
      expect(flaky.result).toMatchObject({ commentsFetched: TOTAL, apiRequests: 1 + PAGES + failures.length });
    } finally {
      api.setFaults({});
    }
  });

  it('retries a connection reset, and gives up with NETWORK after a bounded number of attempts', async () => {
    const options = fresh();
    api.setFaults({ resetOn: [api.requests.length + 2] });
    try {
      const run = await requestsDuring(() => loadCommentSet(VIDEO, options));
      expect(run.requests.map((r) => r.status).slice(0, 3)).toEqual([200, 0, 200]);
      expect(run.result.apiRequests).toBe(1 + PAGES + 1);
      api.setFaults({ resetAll: true });
      const failed = await failureDuring(() => loadCommentSet(VIDEO, { ...options, refresh: true }));
      expect(failed.error.code).toBe('NETWORK');
      expect(failed.error.message).toContain('ECONNRESET');
      expect(failed.error.message).not.toContain(api.apiKey);
      expect(failed.requests).toBe(1 + FAST_RETRY.attempts);
    } finally {
      api.setFaults({});
    }
  });

  it('maps the API errors to codes without retrying them', async () => {
    const disabled = await failureDuring(() => loadCommentSet('https://m.youtube.com/watch?v=noComments1', fresh()));
    expect(disabled.error).toMatchObject({ code: 'COMMENTS_DISABLED', message: expect.stringContaining('noComments1') });
    expect(disabled.requests).toBe(2);

    const missing = await failureDuring(() => loadCommentSet('https://youtube.com/shorts/AAAAAAAAAAA', fresh()));
    expect(missing.error).toMatchObject({ code: 'VIDEO_NOT_FOUND', message: expect.stringContaining('AAAAAAAAAAA') });
    expect(missing.requests).toBe(1);

    const badKey = await failureDuring(() => loadCommentSet(VIDEO, fresh({ apiKey: 'wrong-key' })));
    expect(badKey.error.code).toBe('API_KEY_INVALID');
    expect(badKey.error.message).not.toContain('wrong-key');
    expect(badKey.requests).toBe(1);

    const saved = process.env.YOUTUBE_API_KEY;
    delete process.env.YOUTUBE_API_KEY;
    try {
      const noKey = await failureDuring(() => loadCommentSet(VIDEO, fresh({ apiKey: undefined })));
      expect(noKey.error).toMatchObject({ code: 'API_KEY_MISSING', message: expect.stringContaining('YOUTUBE_API_KEY') });
      expect(noKey.requests).toBe(0);
    } finally {
      restoreEnv('YOUTUBE_API_KEY', saved);
    }
  });

  it('stops at the default cap of 10 000 comments: one videos.list + 100 pages on a two-hour video', async () => {
    const threads = makeThreads(
      'bigVideo001',
      Array.from({ length: 12_000 }, (_, i) => ({ text: `${Math.floor(i / 60) % 120}:${String(i % 60).padStart(2, '0')} #${i}`, likes: i % 50 })),
    );
    const big = await startFakeYoutubeApi({ videos: [{ id: 'bigVideo001', title: 'big', duration: 'PT2H', threads }] });
    try {
      const options = { ...fresh(), apiRoot: big.url };
      const loaded = await loadCommentSet('bigVideo001', options);
      expect(loaded).toMatchObject({ commentsFetched: 10_000, apiRequests: 101 });
      expect(loaded.commentSet.video.durationS).toBe(7200);
      expect(big.countOf('commentThreads')).toBe(100);
      expect((await loadCommentSet('bigVideo001', options)).apiRequests).toBe(0);
      expect(big.requests).toHaveLength(101);
    } finally {
      await big.close();
    }
  });

  it('loadVideoMeta costs one videos.list, which the comment fetch then reuses', async () => {
    const options = fresh();
    const meta = await requestsDuring(() => loadVideoMeta(VIDEO, options));
    expect(meta.result).toMatchObject({ video: { id: VIDEO, durationS: 905 }, apiRequests: 1, fromCache: false });
    expect((await loadVideoMeta(VIDEO, options)).apiRequests).toBe(0);
    const comments = await requestsDuring(() => loadCommentSet(VIDEO, options));
    expect(comments.requests.map((r) => r.path)).toEqual(Array<string>(PAGES).fill('/youtube/v3/commentThreads'));
  });

  it('ends the listing on an empty page or a repeated page token instead of looping', async () => {
    const looping = await startFakeYoutubeApi({
      videos: [{ id: 'loopVideo01', title: 'loop', duration: 'PT5M', threads: [] }],
      routes: {
        '/youtube/v3/commentThreads': () => ({
          status: 200,
          body: { nextPageToken: 'SAME', items: makeThreads('loopVideo01', [{ text: '1:00 again' }]) },
        }),
      },
    });
    try {
      const loaded = await loadCommentSet('loopVideo01', { ...fresh(), apiRoot: looping.url });
      expect(looping.countOf('commentThreads')).toBe(2);
      expect(loaded.commentsFetched).toBe(2);
    } finally {
      await looping.close();
    }
  });

  it('maps a 404 from commentThreads to VIDEO_NOT_FOUND', async () => {
    const ghost = await startFakeYoutubeApi({
      routes: {
        '/youtube/v3/videos': () => ({
          status: 200,
          body: { items: [{ id: 'ghostVideo1', snippet: { title: 'ghost' }, contentDetails: { duration: 'PT1M' } }] },
        }),
      },
    });
    try {
      const error = await loadCommentSet('ghostVideo1', { ...fresh(), apiRoot: ghost.url }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VIDEO_NOT_FOUND' });
      expect(ghost.requests.map((r) => r.status)).toEqual([200, 404]);
    } finally {
      await ghost.close();
    }
  });

  it('reports comment progress up to 1 and honours cancellation between pages', async () => {
    const seen: Progress[] = [];
    const loaded = await loadCommentSet(VIDEO, fresh({ onProgress: (p) => seen.push(p) }));
    expect(loaded.commentsFetched).toBe(TOTAL);
    expect(seen.every((p) => p.stage === 'comments')).toBe(true);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions[0]).toBeLessThan(0.5);

    const controller = new AbortController();
    const options = fresh({ signal: controller.signal, onProgress: () => controller.abort() });
    const cancelled = await failureDuring(() => loadCommentSet(VIDEO, options));
    expect(cancelled.error.code).toBe('CANCELLED');
    expect(cancelled.requests).toBe(2);
    const cache = JSON.parse(await readFile(commentCachePath(options.root, VIDEO), 'utf8')) as { fetch: { pages: number } };
    expect(cache.fetch.pages).toBe(1);
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
