import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChannelBatch, type ChannelBatchOptions } from '../../core/pipeline/channel-batch.js';
import { readChannelManifest } from '../../core/project/channel-manifest.js';
import { readProject } from '../../core/project/project-store.js';
import { readCommentCache } from '../../core/youtube/comment-cache.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { CHANNEL_HANDLE, CHANNEL_ID, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';

// newest first: A 2 pages, B comments disabled, C 1 page, D no timestamps, E 3 pages
const videos = fakeChannelVideos([
  { id: 'vidAAAAAAA1', title: 'Collab stream part 1', mentions: 30, noise: 120 },
  { id: 'vidBBBBBBB2', title: 'Comments off', mentions: 0, commentsDisabled: true },
  { id: 'vidCCCCCCC3', title: 'ゲーム実況 #3', mentions: 12, peakS: 300 },
  { id: 'vidDDDDDDD4', title: 'Just chatting', mentions: 0, noise: 10 },
  { id: 'vidEEEEEEE5', title: 'Karaoke [live]', mentions: 40, noise: 230, peakS: 61 },
]);
const ids = videos.map((v) => v.id);

let api: FakeYoutubeApi;
let scratch: string;
let outCount = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-channel-'));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
});

afterAll(async () => {
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

function options(out: string, extra: Partial<ChannelBatchOptions> = {}): ChannelBatchOptions {
  return { out, apiKey: api.apiKey, apiRoot: api.url, momentsOnly: true, ...extra };
}

function freshOut(): string {
  outCount += 1;
  return join(scratch, `out${outCount}`);
}

async function during<T>(action: () => Promise<T>): Promise<{ result: T; requests: FakeYoutubeApi['requests'] }> {
  const from = api.requests.length;
  const result = await action();
  return { result, requests: api.requests.slice(from) };
}

async function leftoverTemporaries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => /\.tmp$|\.part$/.test(name));
}

describe('channel batch against the fake Data API', () => {
  it('stops cleanly on QUOTA_EXCEEDED mid-video and resumes without paying twice', async () => {
    const out = freshOut();
    // pages served: A 2, C 1, D 1, then E's first page; its second page hits the quota
    api.setFaults({ quotaExceededAfterPages: 5 });
    const first = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out)));
    api.setFaults({});
    const statuses = Object.fromEntries(first.result.videos.map((v) => [v.id, v.status]));
    expect(statuses).toEqual({
      vidAAAAAAA1: 'done',
      vidBBBBBBB2: 'failed',
      vidCCCCCCC3: 'done',
      vidDDDDDDD4: 'skipped',
      vidEEEEEEE5: 'pending',
    });
    expect(first.result.videos.map((v) => v.id)).toEqual(ids);
    expect(first.result.videos[1]?.error?.code).toBe('COMMENTS_DISABLED');
    expect(first.result.stopped?.code).toBe('QUOTA_EXCEEDED');
    expect(first.result.channel).toEqual({ id: CHANNEL_ID, title: 'Kirinuki Test <Channel>' });
    // counted, not estimated: one unit per HTTP request the server saw
    expect(first.result.quota.units).toBe(first.requests.length);
    expect(first.requests.filter((r) => r.path.endsWith('/channels'))).toHaveLength(1);
    expect(first.requests.filter((r) => r.path.endsWith('/playlistItems'))).toHaveLength(1);
    expect(first.requests.find((r) => r.path.endsWith('/playlistItems'))?.query.maxResults).toBe('50');
    expect(first.requests.some((r) => r.path.endsWith('/search'))).toBe(false);
    // 1 + 1 + videos.list ×5 + pages A2 B1(403) C1 D1 E1 + E's refused page
    expect(first.result.quota.units).toBe(1 + 1 + 5 + 2 + 1 + 1 + 1 + 1 + 1);
    const savedE = await readCommentCache(out, 'vidEEEEEEE5');
    expect(savedE?.comments.length).toBe(100);
    const manifest = await readChannelManifest(out);
    expect(manifest?.videos.map((v) => v.status)).toEqual(['done', 'failed', 'done', 'skipped', 'pending']);
    expect(manifest?.runs[0]?.stopped?.code).toBe('QUOTA_EXCEEDED');
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('The last run stopped early: QUOTA_EXCEEDED');

    const second = await during(() => runChannelBatch(CHANNEL_ID, options(out)));
    expect(second.result.stopped).toBeUndefined();
    expect(second.result.videos.map((v) => v.status)).toEqual(['done', 'failed', 'done', 'skipped', 'done']);
    // only E's two missing pages: no channels.list, no listing, nothing for finished videos
    expect(second.requests.map((r) => `${r.path.split('/').pop()}:${r.query.videoId}`)).toEqual([
      'commentThreads:vidEEEEEEE5',
      'commentThreads:vidEEEEEEE5',
    ]);
    expect(second.result.quota.units).toBe(2);
    const cacheE = await readCommentCache(out, 'vidEEEEEEE5');
    expect(cacheE?.comments.length).toBe(270);
    expect(new Set(cacheE?.comments.map((c) => c.id)).size).toBe(270);
    const projectE = await readProject(out, 'vidEEEEEEE5');
    expect(projectE?.moments?.[0]?.start).toBeLessThan(61);
    expect(projectE?.moments?.[0]?.end).toBeGreaterThan(61);
    expect(second.result.videos[4]?.moments).toBe(projectE?.moments?.length);
    const momentsJson = JSON.parse(await readFile(join(out, 'vidEEEEEEE5', 'moments.json'), 'utf8')) as { commentsFetched: number; moments: unknown[] };
    expect(momentsJson.commentsFetched).toBe(270);
    expect(momentsJson.moments).toEqual(projectE?.moments);

    const third = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out)));
    expect(third.requests).toHaveLength(0);
    expect(third.result.quota.units).toBe(0);
    expect(await leftoverTemporaries(out)).toEqual([]);
  });

  it('keeps a run inside --quota and reports what it spent', async () => {
    const out = freshOut();
    const first = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out, { quotaBudget: 4 })));
    expect(first.result.stopped?.code).toBe('QUOTA_BUDGET_REACHED');
    expect(first.result.quota).toEqual({ units: 4, requests: 4, budget: 4 });
    expect(first.requests).toHaveLength(4);
    expect(first.result.videos.every((v) => v.status === 'pending')).toBe(true);
    const rest = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out)));
    expect(rest.result.videos.map((v) => v.status)).toEqual(['done', 'failed', 'done', 'skipped', 'done']);
    // 4 + 12 would be a fresh full run (16): nothing of the first run was paid for again
    expect(first.result.quota.units + rest.result.quota.units).toBe(1 + 1 + 5 + 2 + 1 + 1 + 1 + 3);
  });

  it('takes --limit newest videos and lists no more pages than needed', async () => {
    const out = freshOut();
    const run = await during(() => runChannelBatch(`https://www.youtube.com/channel/${CHANNEL_ID}`, options(out, { limit: 2, concurrency: 2 })));
    expect(run.result.videos.map((v) => v.id)).toEqual(['vidAAAAAAA1', 'vidBBBBBBB2']);
    expect(run.requests.filter((r) => r.path.endsWith('/playlistItems'))).toHaveLength(1);
    expect(run.requests.filter((r) => r.query.videoId === 'vidCCCCCCC3' || r.query.id === 'vidCCCCCCC3')).toHaveLength(0);
    const manifest = await readChannelManifest(out);
    expect(manifest?.videos.find((v) => v.id === 'vidCCCCCCC3')?.status).toBe('pending');
  });

  it('takes --since and names an unknown channel', async () => {
    const out = freshOut();
    const run = await runChannelBatch(CHANNEL_HANDLE, options(out, { since: new Date('2026-06-28T00:00:00Z') }));
    expect(run.videos.map((v) => v.id)).toEqual(['vidAAAAAAA1', 'vidBBBBBBB2', 'vidCCCCCCC3']);
    await expect(runChannelBatch('@NoSuchChannel', options(freshOut()))).rejects.toMatchObject({
      code: 'CHANNEL_NOT_FOUND',
      message: expect.stringContaining('@NoSuchChannel'),
    });
    await expect(runChannelBatch('dQ4wT9xYz0A', options(freshOut()))).rejects.toMatchObject({ code: 'INVALID_URL' });
  });

  it('refuses to mix two channels in one --out, but accepts the same channel named another way', async () => {
    const out = freshOut();
    api.channels.push({ id: 'UCotherChannel0000000000', title: 'Other', handle: '@OtherOne', uploads: [] });
    await runChannelBatch(CHANNEL_ID, options(out, { limit: 1 }));
    const same = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out, { limit: 1 })));
    expect(same.requests.map((r) => r.path.split('/').pop())).toEqual(['channels']);
    await expect(runChannelBatch('@OtherOne', options(out))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(join(out, 'channel.json')),
    });
    const empty = await runChannelBatch('@OtherOne', options(freshOut()));
    expect(empty.videos).toEqual([]);
    expect(empty.stopped).toBeUndefined();
  });

  it('picks up a new upload with --refresh, paying only for the first page and the new video', async () => {
    const out = freshOut();
    const fresh = fakeChannelVideos([{ id: 'vidNEWNEW06', title: 'Brand new', mentions: 8 }])[0];
    await runChannelBatch(CHANNEL_HANDLE, options(out));
    const channel = api.channels.find((c) => c.id === CHANNEL_ID);
    if (!fresh || !channel?.uploads) throw new Error('fixture');
    api.videos.set(fresh.id, { ...fresh, publishedAt: '2026-07-01T12:00:00.000Z' });
    channel.uploads.unshift(fresh.id);
    try {
      const plain = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out)));
      expect(plain.requests).toHaveLength(0);
      const refreshed = await during(() => runChannelBatch(CHANNEL_HANDLE, options(out, { refreshListing: true })));
      expect(refreshed.requests.map((r) => `${r.path.split('/').pop()}:${r.query.videoId ?? r.query.id ?? ''}`)).toEqual([
        'playlistItems:',
        'videos:vidNEWNEW06',
        'commentThreads:vidNEWNEW06',
      ]);
      expect(refreshed.result.videos[0]).toMatchObject({ id: 'vidNEWNEW06', status: 'done' });
      expect(refreshed.result.videos).toHaveLength(6);
    } finally {
      channel.uploads.shift();
      api.videos.delete(fresh.id);
    }
  });

  it('lists uploads 50 per page and resumes the listing from the saved page token', async () => {
    const many = fakeChannelVideos(
      Array.from({ length: 70 }, (_, i) => ({ id: `bigCh${String(i).padStart(6, '0')}`, title: `Upload ${i}`, mentions: 0 })),
    ).map((v) => ({ ...v, channelId: 'UCbigChannel000000000000' }));
    for (const video of many) api.videos.set(video.id, video);
    api.channels.push({ id: 'UCbigChannel000000000000', title: 'Big', handle: '@BigChannel', uploads: many.map((v) => v.id) });
    const out = freshOut();
    const first = await during(() => runChannelBatch('@BigChannel', options(out, { limit: 60, quotaBudget: 2 })));
    expect(first.result.stopped?.code).toBe('QUOTA_BUDGET_REACHED');
    expect(first.requests.map((r) => [r.path.split('/').pop(), r.query.maxResults, r.query.pageToken])).toEqual([
      ['channels', undefined, undefined],
      ['playlistItems', '50', undefined],
    ]);
    const listed = await readChannelManifest(out);
    expect(listed?.videos).toHaveLength(50);
    expect(listed?.listing.nextPageToken).toBeDefined();

    const second = await during(() => runChannelBatch('@BigChannel', options(out, { limit: 60 })));
    expect(second.requests[0]?.path).toMatch(/playlistItems$/);
    expect(second.requests[0]?.query.pageToken).toBe(listed?.listing.nextPageToken);
    expect(second.requests.filter((r) => /channels$|playlistItems$/.test(r.path))).toHaveLength(1);
    expect(second.result.videos.map((v) => v.id)).toEqual(many.slice(0, 60).map((v) => v.id));
    expect(second.result.videos.every((v) => v.status === 'skipped')).toBe(true);
    expect((await readChannelManifest(out))?.videos).toHaveLength(70);
  });

  it('fails one video with a corrupt or too new project.json, and names a corrupt channel.json', async () => {
    const out = freshOut();
    await runChannelBatch(CHANNEL_HANDLE, options(out));
    await writeFile(join(out, 'vidCCCCCCC3', 'project.json'), '{"schemaVersion": 1, "videoId": ');
    await writeFile(join(out, 'vidAAAAAAA1', 'project.json'), JSON.stringify({ schemaVersion: 99, videoId: 'vidAAAAAAA1' }));
    const run = await runChannelBatch(CHANNEL_HANDLE, options(out));
    const byId = new Map(run.videos.map((v) => [v.id, v]));
    expect(byId.get('vidCCCCCCC3')?.error).toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringContaining(join(out, 'vidCCCCCCC3', 'project.json')) });
    expect(byId.get('vidAAAAAAA1')?.error?.code).toBe('PROJECT_TOO_NEW');
    expect(byId.get('vidEEEEEEE5')?.status).toBe('done');
    await writeFile(join(out, 'channel.json'), 'not json');
    await expect(runChannelBatch(CHANNEL_HANDLE, options(out))).rejects.toMatchObject({
      code: 'PROJECT_CORRUPT',
      message: expect.stringContaining(join(out, 'channel.json')),
    });
  });

  it('writes a report that escapes titles and comments', async () => {
    const out = freshOut();
    await runChannelBatch(CHANNEL_HANDLE, options(out));
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Kirinuki Test &lt;Channel&gt;');
    expect(html).toContain('Karaoke [live]');
    expect(html).toContain('ここ最高 &lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('COMMENTS_DISABLED');
  });
});
