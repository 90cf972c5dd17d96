import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, type Job } from 'bullmq';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { appRoot } from '../../core/resources.js';
import { CHANNEL_QUEUE, jobSettings } from '../../core/queue/channel-job.js';
import { addVideoJob } from '../../core/queue/enqueue-channel.js';
import { connectRedis } from '../../core/queue/redis-client.js';
import { parseRedisUrl } from '../../core/queue/redis-url.js';
import { newCommentCache, writeCommentCache } from '../../core/youtube/comment-cache.js';
import type { BenchMetric, BenchRow } from '../bench-row.js';
import { startTestRedis } from '../redis-server.js';

const VIDEOS = 12;
const SOURCE_S = 12;
const BIN = join(appRoot(), 'bin/kirinuki.js');
const ids = Array.from({ length: VIDEOS }, (_, i) => `benchVid${String(i).padStart(3, '0')}`);
const SETTINGS = jobSettings({ moments: { minLength: 4, maxLength: 6 }, signals: ['comments'], clips: { crop: 'center', noFaces: true, top: 1 } });

/** Every video's comments as a finished fetch, so the batch spends no Data API request (the row times the work and the queue). */
async function seedComments(out: string): Promise<void> {
  for (const [n, id] of ids.entries()) {
    const cache = newCommentCache({ id, title: `Bench stream ${n}`, durationS: SOURCE_S });
    cache.comments = Array.from({ length: 15 }, (_, i) => ({ id: `${id}c${i}`, text: `0:0${5 + (i % 2)} ここ #${i}`, likes: i % 4, authorId: `UCbench${n}x${i}` }));
    cache.fetch = { complete: true, pages: 1, updatedAt: new Date().toISOString() };
    await writeCommentCache(out, cache);
  }
}

function startWorkers(count: number, url: string, out: string): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [BIN, 'worker', '--queue', url, '--out', out], { env: { ...process.env, YOUTUBE_API_KEY: 'bench-never-called' }, stdio: 'ignore' }),
  );
}

/** Enqueue → start of each job when a worker was free for it: a job's start less its enqueue or its worker's last finish. */
function queueOverheadsMs(jobs: Job[]): number[] {
  const byWorker = new Map<string, Job[]>();
  for (const job of jobs) byWorker.set(job.processedBy ?? '', [...(byWorker.get(job.processedBy ?? '') ?? []), job]);
  return [...byWorker.values()].flatMap((mine) => {
    const ordered = mine.sort((a, b) => (a.processedOn ?? 0) - (b.processedOn ?? 0));
    return ordered.map((job, i) => (job.processedOn ?? 0) - Math.max(job.timestamp, ordered[i - 1]?.finishedOn ?? 0));
  });
}

/** One batch of the 12 videos on a fresh Redis with `workers` worker processes: wall time and queue overheads. */
async function runBatch(workers: number, dir: string, videoDir: string): Promise<{ seconds: number; overheads: number[] }> {
  const out = join(dir, `out-${workers}`);
  await seedComments(out);
  const server = await startTestRedis();
  const redis = await connectRedis(parseRedisUrl(server.url()), { persistent: false });
  const queue = new Queue(CHANNEL_QUEUE, { connection: redis });
  const children = startWorkers(workers, server.url(), out);
  try {
    await sleep(3000); // the workers are up and waiting, as on a real farm
    const started = Date.now();
    for (const [n, id] of ids.entries()) await addVideoJob(queue, { id, title: `Bench stream ${n}`, status: 'pending' }, { channelId: 'UCbench', settings: SETTINGS, videoDir });
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if ((counts.failed ?? 0) > 0) throw new Error(`${counts.failed} bench jobs failed: ${(await queue.getFailed())[0]?.failedReason}`);
      if (counts.completed === VIDEOS) break;
      await sleep(100);
    }
    const jobs = (await queue.getCompleted()) as Job[];
    const finished = Math.max(...jobs.map((j) => j.finishedOn ?? 0));
    return { seconds: (finished - started) / 1000, overheads: queueOverheadsMs(jobs) };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((done) => (c.exitCode === null ? c.once('exit', done) : done(undefined)))));
    await queue.close();
    redis.disconnect();
    await server.stop();
  }
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export const channelWorkersRow: BenchRow = {
  id: 'channel-workers',
  title: `a ${VIDEOS}-video channel batch on the Redis queue (moments + one shorts clip each, centre crop), 2 workers`,
  baseline: 'the same batch with 1 worker, on the same machine in the same run',
  run: async (): Promise<BenchMetric[]> => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-bench-queue-'));
    try {
      const videoDir = join(dir, 'videos');
      await mkdir(videoDir);
      const source = join(dir, 'source.mp4');
      await runFfmpeg({
        inputs: [
          { path: `testsrc2=size=640x360:rate=25:duration=${SOURCE_S}`, lavfi: true },
          { path: `sine=frequency=440:sample_rate=48000:duration=${SOURCE_S}`, lavfi: true },
        ],
        outputOptions: ['-t', String(SOURCE_S), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
        output: source, format: 'mp4', expectedDurationS: SOURCE_S,
      });
      for (const id of ids) await symlink(source, join(videoDir, `${id}.mp4`));
      const one = await runBatch(1, dir, videoDir);
      const two = await runBatch(2, dir, videoDir);
      const overheads = [...one.overheads, ...two.overheads];
      return [
        { name: 'wall time', value: two.seconds, unit: 's', baseline: one.seconds },
        { name: 'throughput', value: VIDEOS / two.seconds * 60, unit: 'videos/min', baseline: VIDEOS / one.seconds * 60 },
        { name: 'queue overhead per job (enqueue → start), mean', value: mean(overheads), unit: 'ms (must stay < 100)' },
        { name: 'queue overhead per job, median', value: median(overheads), unit: 'ms' },
        { name: 'queue overhead per job, worst', value: Math.max(...overheads), unit: 'ms' },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
