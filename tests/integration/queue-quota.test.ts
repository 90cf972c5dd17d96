import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, snapshotBuiltCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { queueStatus, startWorker, waitFor, type WorkerProcess } from '../helpers/queue-workers.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

// each video costs 2 units (videos.list + one comment page), the listing 2: 10 in all
const videos = fakeChannelVideos(Array.from({ length: 4 }, (_, i) => ({ id: `quotaVid00${i}`, title: `Quota stream ${i}`, mentions: 12, peakS: 30 })));
const BUDGET = 5;
/** A quota "day" of 30 s (KIRINUKI_QUOTA_DAY_MS, for tests only) instead of one ending at midnight Pacific. */
const DAY_MS = 30_000;

interface StatusJson {
  videos: { id: string; state: string; attempts?: number }[];
  quota: { units: number };
  pausedUntil?: string;
  finished: boolean;
}

let api: FakeYoutubeApi;
let redis: TestRedis;
let scratch: string;
let cliDir: string;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-queue-quota-'));
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
  redis = await startTestRedis();
}, 120_000);

afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await redis?.stop();
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the queue and the shared daily quota', () => {
  it('pauses the queue when the day\'s budget is spent, resumes the next day, and pays nothing twice', async () => {
    const out = join(scratch, 'out');
    const env = { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url, KIRINUKI_QUOTA_DAY_MS: String(DAY_MS), KIRINUKI_QUEUE_LOCK_MS: '3000' };
    const batch = ['--out', out, '--moments-only', '--signals', 'comments', '--quota', String(BUDGET)];
    // start at the beginning of a test day, so the budget is met in this day, well before it ends
    await sleep(DAY_MS - (Date.now() % DAY_MS) + 100);
    const queued = await runCli(['channel', CHANNEL_HANDLE, ...batch, '--queue', redis.url()], { cliDir, env });
    expect(queued.code, queued.stderr).toBe(0);

    worker = startWorker('quota', cliDir, ['--queue', redis.url(), '--out', out], env);
    const statusArgs = [CHANNEL_HANDLE, '--out', out, '--queue', redis.url()];
    const reset = await waitFor('the worker to meet the budget', () => /quota spent: the queue waits until (\S+)/.exec(worker!.output())?.[1], (DAY_MS * 2) / 3, 100);
    expect(Date.parse(reset) % DAY_MS).toBe(0); // the next day's start
    const paused = await queueStatus<StatusJson>(cliDir, statusArgs, env);
    expect(Math.abs(Date.parse(paused.pausedUntil ?? '') - Date.parse(reset))).toBeLessThan(1000);
    expect(paused.videos.filter((v) => v.state === 'done').length).toBeLessThan(videos.length);
    expect(paused.videos.some((v) => v.state === 'waiting')).toBe(true);

    const done = await waitFor('every job to finish', async () => {
      const now = await queueStatus<StatusJson>(cliDir, statusArgs, env);
      return now.finished ? now : undefined;
    }, 90_000, 500);
    expect(done.videos.map((v) => v.state)).toEqual(videos.map(() => 'done'));
    // sent back for the quota is not a failed attempt
    expect(done.videos.map((v) => v.attempts)).toEqual(videos.map(() => 1));

    const queuePages = api.countOf('commentThreads');
    const local = await runCli(['channel', CHANNEL_HANDLE, '--out', join(scratch, 'local'), '--moments-only', '--signals', 'comments', '--json'], { cliDir, env });
    const localUnits = (JSON.parse(local.stdout) as { quota: { units: number } }).quota.units;
    expect(localUnits).toBe(10);
    expect(done.quota.units).toBe(localUnits);
    // the fake API saw each comment page of the queued run once: no work already done paid for twice
    expect(queuePages).toBe(videos.length);

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  }, 240_000);
});
