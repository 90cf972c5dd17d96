import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_RETRIES } from '../../core/youtube/call-api.js';
import { ensureBuilt, runCli, snapshotBuiltCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

/**
 * Issue 12, "a stalled network": a Data API server that accepts and never answers. Every request has
 * a deadline (KIRINUKI_API_TIMEOUT_MS, short here) and bounded retries, then NETWORK: `moments`
 * fails instead of hanging, and a channel batch fails that one video and finishes the others.
 */
const TIMEOUT_MS = 400;
const ATTEMPTS = 1 + DEFAULT_API_RETRIES;

let scratch: string;
let cliDir: string;

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-stalled-'));
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('kirinuki moments against a server that never answers (built CLI)', () => {
  let server: SilentServer;
  let root: string;
  let seen: string[];

  beforeAll(async () => {
    server = await startSilentServer();
    ({ url: root, seen } = server);
  });
  afterAll(() => server.close());

  it('fails with NETWORK well within two minutes after the bounded number of attempts', async () => {
    const started = Date.now();
    const run = await runCli(['moments', 'dQ4wT9xYz0A', '--out', join(scratch, 'moments'), '--json'], {
      cliDir,
      env: { YOUTUBE_API_ROOT: root, YOUTUBE_API_KEY: 'x', KIRINUKI_API_TIMEOUT_MS: String(TIMEOUT_MS) },
      timeout: 120_000,
    });
    const elapsed = Date.now() - started;
    expect(run.code, run.stderr).toBe(1);
    expect(elapsed).toBeLessThan(30_000);
    expect(elapsed).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_MS);
    const line = run.stderr.split('\n').find((l) => l.startsWith('error '));
    expect(line).toMatch(new RegExp(`^error NETWORK: .*${root.replace(/\./g, '\\.')}/youtube/v3/videos .*check the connection`));
    expect(line).toContain(`(${ATTEMPTS} attempts)`);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'NETWORK' } });
    expect(seen).toHaveLength(ATTEMPTS);
    expect(seen.every((url) => url.startsWith('/youtube/v3/videos?'))).toBe(true);
  });
});

describe('a channel batch where one video stalls (built CLI, fake Data API)', () => {
  let api: FakeYoutubeApi;
  const STALLED = 'stallVid002';
  const videos = fakeChannelVideos([
    { id: 'stallVid001', title: 'first', mentions: 12, peakS: 90 },
    { id: STALLED, title: 'the one that hangs', mentions: 12 },
    { id: 'stallVid003', title: 'no timestamps', mentions: 0, noise: 5 },
    { id: 'stallVid004', title: 'last', mentions: 12, peakS: 300 },
  ]);

  beforeAll(async () => {
    api = await startFakeYoutubeApi({
      videos,
      channels: [fakeChannel(videos)],
      faults: { hang: (path, query) => path.endsWith('/commentThreads') && query.get('videoId') === STALLED },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('fails that video with NETWORK and finishes the others as usual', async () => {
    const out = join(scratch, 'channel');
    const run = await runCli(['channel', CHANNEL_HANDLE, '--out', out, '--moments-only', '--json'], {
      cliDir,
      env: { YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, KIRINUKI_API_TIMEOUT_MS: String(TIMEOUT_MS) },
      timeout: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { videos: { id: string; status: string; error?: { code: string; message: string } }[]; stopped?: unknown };
    expect(result.stopped).toBeUndefined();
    expect(Object.fromEntries(result.videos.map((v) => [v.id, v.status]))).toEqual({
      stallVid001: 'done',
      [STALLED]: 'failed',
      stallVid003: 'skipped',
      stallVid004: 'done',
    });
    const failed = result.videos.find((v) => v.id === STALLED);
    expect(failed?.error?.code).toBe('NETWORK');
    expect(failed?.error?.message).toContain('/youtube/v3/commentThreads');
    expect(api.requests.filter((r) => r.path.endsWith('/commentThreads') && r.query.videoId === STALLED)).toHaveLength(ATTEMPTS);

    const manifest = JSON.parse(await readFile(join(out, 'channel.json'), 'utf8')) as { videos: { id: string; status: string; error?: { code: string } }[] };
    const entry = manifest.videos.find((v) => v.id === STALLED);
    expect(entry).toMatchObject({ status: 'failed', error: { code: 'NETWORK' } });
    expect(manifest.videos.filter((v) => v.status === 'done').map((v) => v.id).sort()).toEqual(['stallVid001', 'stallVid004']);
  });
});
