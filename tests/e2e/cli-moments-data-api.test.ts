import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, MAIN_JS, runCli, type CliRun } from '../helpers/built-cli.js';
import { fakeVideoFromCommentsFile, startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedFixture } from '../helpers/shared-media.js';

const fixture = fakeVideoFromCommentsFile(sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json'));
const PAGES = Math.ceil(fixture.threads.length / 100);

let api: FakeYoutubeApi;
let root: string;

/** Async on purpose: the fake server lives in this process and must keep answering. */
function kirinuki(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { env: { YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, ...env } });
}

beforeAll(async () => {
  await ensureBuilt();
  expect(statSync(MAIN_JS).isFile()).toBe(true);
  api = await startFakeYoutubeApi({
    videos: [fixture, { id: 'noComments1', title: 'comments off', duration: 'PT3M', threads: [], commentsDisabled: true }],
  });
  root = await mkdtemp(join(tmpdir(), 'kirinuki-yt-cli-'));
});

afterAll(async () => {
  await api?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('kirinuki moments against a loopback Data API', () => {
  it('fetches once (1 videos.list + 1 commentThreads.list per 100 threads), then answers from the cache', async () => {
    const url = `https://www.youtube.com/watch?v=${fixture.id}`;
    const first = await kirinuki(['moments', url, '--out', root, '--json']);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { video: { id: string; durationS: number }; commentsFetched: number; moments: { peak: number }[] };
    expect(result.video).toMatchObject({ id: fixture.id, durationS: 905 });
    expect(result.commentsFetched).toBe(505);
    expect(result.moments.length).toBeGreaterThanOrEqual(4);
    expect(api.countOf('videos')).toBe(1);
    expect(api.countOf('commentThreads')).toBe(PAGES);

    const second = await kirinuki(['moments', fixture.id, '--out', root, '--json'], { YOUTUBE_API_KEY: '' });
    expect(second.code).toBe(0);
    expect(api.requests).toHaveLength(1 + PAGES);
    expect(JSON.parse(second.stdout)).toEqual(result);
  });

  it('exits non-zero with one error line naming the code', async () => {
    const before = api.requests.length;
    const disabled = await kirinuki(['moments', 'https://youtu.be/noComments1', '--out', root]);
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toMatch(/^error COMMENTS_DISABLED: .*noComments1.*$/m);
    expect(api.requests.length - before).toBe(2);

    const badKey = await kirinuki(['moments', 'AAAAAAAAAAA', '--out', root, '--json'], { YOUTUBE_API_KEY: 'wrong' });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^error API_KEY_INVALID: /m);
    expect(JSON.parse(badKey.stdout)).toMatchObject({ error: { code: 'API_KEY_INVALID' } });

    const invalid = await kirinuki(['moments', 'https://vimeo.com/123', '--out', root]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error INVALID_URL: "https://vimeo.com/123"');
  });
});
