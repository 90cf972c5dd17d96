import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleComments } from '../../core/demo/generate-sample-comments.js';
import { momentsForSource } from '../../core/moments/moments-for-source.js';
import type { VideoComment } from '../../core/youtube/types.js';
import { makeThreads, startFakeYoutubeApi, type FakeYoutubeApi, type SyntheticComment } from '../helpers/fake-youtube-api.js';

const VIDEO_ID = 'lOngStream1';
/** Two hours and a minute: the later moments are written `H:MM:SS`. */
const DURATION_S = 7260;

function asThreads(comments: VideoComment[]): SyntheticComment[] {
  const threads = new Map<string, SyntheticComment>();
  for (const c of comments.filter((c) => c.parentId === undefined)) {
    threads.set(c.id, { text: c.text, likes: c.likes, authorId: c.authorId, replies: [] });
  }
  for (const reply of comments.filter((c) => c.parentId !== undefined)) {
    threads.get(reply.parentId!)?.replies!.push({ text: reply.text, likes: reply.likes, authorId: reply.authorId });
  }
  return [...threads.values()];
}

describe('moments of a two-hour video through the Data API (fake server on 127.0.0.1)', () => {
  const sample = generateSampleComments({ seed: 99, comments: 1500, durationS: DURATION_S, videoId: VIDEO_ID });
  const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-moments-api-'));
  let api: FakeYoutubeApi;

  beforeAll(async () => {
    const threads = makeThreads(VIDEO_ID, asThreads(sample.commentSet.comments));
    api = await startFakeYoutubeApi({ videos: [{ id: VIDEO_ID, title: 'long stream', duration: 'PT2H1M', threads }] });
  });
  afterAll(async () => {
    await api.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ranks the true moments first, then answers a second run from the cache', async () => {
    const options = { root: scratch, apiRoot: api.url, apiKey: api.apiKey, top: 6 };
    const first = await momentsForSource(`https://www.youtube.com/watch?v=${VIDEO_ID}&t=90s`, options);
    expect(first.video).toEqual({ id: VIDEO_ID, title: 'long stream', durationS: DURATION_S });
    expect(first.commentsFetched).toBe(sample.commentSet.comments.length);
    expect(sample.truth.some((t) => t.t >= 3600)).toBe(true);
    for (const [i, truth] of sample.truth.entries()) {
      const moment = first.moments[i]!;
      expect(moment.start <= truth.t && truth.t <= moment.end).toBe(true);
      expect(moment.peak - moment.start).toBeGreaterThanOrEqual(1);
    }
    const threadPages = Math.ceil(api.videos.get(VIDEO_ID)!.threads.length / 100);
    expect(api.countOf('videos')).toBe(1);
    expect(api.countOf('commentThreads')).toBe(threadPages);

    const requestsBefore = api.requests.length;
    const second = await momentsForSource(VIDEO_ID, options);
    expect(api.requests.length).toBe(requestsBefore);
    expect(second).toEqual(first);
  });
});
