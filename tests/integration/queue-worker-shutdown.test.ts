import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../core/queue/redis-client.js';
import { parseRedisUrl } from '../../core/queue/redis-url.js';
import { workerKey } from '../../core/queue/worker-heartbeat.js';
import { readCommentCache } from '../../core/youtube/comment-cache.js';
import { ensureBuilt, runCli, snapshotBuiltCli } from '../helpers/built-cli.js';
import { startDelayProxy, type DelayProxy } from '../helpers/channel-delay-proxy.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { queueStatus, startWorker, waitFor, type WorkerProcess } from '../helpers/queue-workers.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

// five comment pages a video behind a slow line: a job lasts long enough to be stopped in the middle
const videos = fakeChannelVideos(Array.from({ length: 2 }, (_, i) => ({ id: `stopVid000${i}`, title: `Stop stream ${i}`, mentions: 25, noise: 430 })));

interface StatusJson {
  videos: { id: string; state: string; attempts?: number }[];
  finished: boolean;
}

let api: FakeYoutubeApi;
let slow: DelayProxy;
let redis: TestRedis;
let scratch: string;
let cliDir: string;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-queue-stop-'));
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
  slow = await startDelayProxy(api.url, 400);
  redis = await startTestRedis();
}, 120_000);

afterAll(async () => {
  for (const worker of started) worker.child.kill('SIGKILL');
  await Promise.all(started.map((w) => w.exited));
  await redis?.stop();
  await slow?.close();
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function enqueue(out: string, db: number, env: Record<string, string>): Promise<void> {
  const run = await runCli(['channel', CHANNEL_HANDLE, '--out', out, '--moments-only', '--signals', 'comments', '--queue', redis.url(db)], { cliDir, env });
  expect(run.code, run.stderr).toBe(0);
}

function worker(name: string, out: string, db: number, env: Record<string, string>): WorkerProcess {
  const child = startWorker(name, cliDir, ['--queue', redis.url(db), '--out', out], env);
  started.push(child);
  return child;
}

const status = (out: string, db: number, env: Record<string, string>): Promise<StatusJson> =>
  queueStatus<StatusJson>(cliDir, [CHANNEL_HANDLE, '--out', out, '--queue', redis.url(db)], env);

describe('kirinuki worker shutdown', () => {
  const env = (): Record<string, string> => ({ YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: slow.url, KIRINUKI_QUEUE_LOCK_MS: '3000' });

  it('SIGTERM lets the running job finish and takes no new one', async () => {
    const out = join(scratch, 'finish');
    await enqueue(out, 1, env());
    const first = worker('finish', out, 1, env());
    await waitFor('a job to start fetching comments', () => (first.output().includes('stage comments') ? true : undefined), 60_000, 20);
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code, first.output()).toBe(0);
    expect(first.output()).toContain('worker stopped: jobs finished');
    const after = await status(out, 1, env());
    expect(after.videos.map((v) => v.state).sort()).toEqual(['done', 'waiting']);
  }, 120_000);

  it('a second SIGTERM hands the running job back, its fetched pages kept, and the next worker finishes it', async () => {
    const out = join(scratch, 'hand-back');
    await enqueue(out, 2, env());
    const first = worker('hand-back', out, 2, env());
    const videoId = await waitFor('a comment page to be kept', async () => {
      for (const video of videos) if (((await readCommentCache(out, video.id))?.fetch.pages ?? 0) >= 1) return video.id;
      return undefined;
    }, 60_000, 20);
    first.child.kill('SIGTERM');
    await waitFor('the worker to say it is stopping', () => (first.output().includes('stopping:') ? true : undefined), 10_000, 20);
    first.child.kill('SIGTERM');
    expect((await first.exited).code, first.output()).toBe(0);
    expect(first.output()).toContain('worker stopped: jobs handed back');
    const handed = await status(out, 2, env());
    expect(handed.videos.map((v) => [v.state, v.attempts])).toEqual(videos.map(() => ['waiting', 0]));
    const pagesKept = (await readCommentCache(out, videoId))?.fetch.pages ?? 0;
    expect(pagesKept).toBeGreaterThanOrEqual(1);

    const pagesBefore = api.countOf('commentThreads');
    const second = worker('after', out, 2, env());
    const done = await waitFor('the jobs to finish', async () => {
      const now = await status(out, 2, env());
      return now.finished ? now : undefined;
    }, 90_000, 500);
    expect(done.videos.map((v) => v.state)).toEqual(['done', 'done']);
    // the pages fetched before the hand-back were not asked for again: 5 pages a video in all
    expect(api.countOf('commentThreads') - pagesBefore).toBe(5 * videos.length - pagesKept);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 180_000);

  it('takes over a project a dead worker on another machine left locked, and waits for a live one', async () => {
    const out = join(scratch, 'foreign');
    await enqueue(out, 3, env());
    const [dead, live] = videos.map((v) => join(out, v.id));
    const lockOf = (host: string, pid: number): string => JSON.stringify({ pid, host, what: 'a channel worker', since: new Date().toISOString() });
    await mkdir(dead!, { recursive: true });
    await mkdir(live!, { recursive: true });
    await writeFile(join(dead!, '.kirinuki-run.lock'), lockOf('other-machine', 4242));
    await writeFile(join(dead!, 'clips.json.deadbeef.tmp'), 'half written');
    await writeFile(join(live!, '.kirinuki-run.lock'), lockOf('live-machine', 77));
    const client = await connectRedis(parseRedisUrl(redis.url(3)), { persistent: false });
    try {
      await client.set(workerKey('live-machine', 77), 'now', 'PX', 60_000); // that worker is alive
      const first = worker('foreign', out, 3, env());
      await waitFor('the dead worker\'s project to be done', async () => ((await status(out, 3, env())).videos.find((v) => v.id === videos[0]!.id)?.state === 'done' ? true : undefined), 60_000, 300);
      expect(first.output()).toContain(`${videos[0]!.id}: took over the project from dead process 4242 on other-machine`);
      expect(existsSync(join(dead!, 'clips.json.deadbeef.tmp'))).toBe(false);
      expect((await status(out, 3, env())).videos.find((v) => v.id === videos[1]!.id)?.state).toBe('active');

      // the live one dies too: its heartbeat stops, and a worker that picks the job up takes over
      first.child.kill('SIGKILL');
      await first.exited;
      await client.del(workerKey('live-machine', 77));
      worker('foreign-2', out, 3, env());
      const done = await waitFor('every job to finish', async () => {
        const now = await status(out, 3, env());
        return now.finished ? now : undefined;
      }, 90_000, 500);
      expect(done.videos.map((v) => v.state)).toEqual(['done', 'done']);
    } finally {
      client.disconnect();
    }
  }, 180_000);
});
