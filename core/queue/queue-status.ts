import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { KirinukiError, type ErrorPayload } from '../errors.js';
import { recordFailure, recordOutcome, toResult, type ChannelVideoResult } from '../pipeline/channel-batch.js';
import { lockProjectsRoot } from '../pipeline/out-lock.js';
import { channelManifestPath, readChannelManifest, writeChannelManifest, type ChannelManifest, type ManifestVideo } from '../project/channel-manifest.js';
import { writeChannelReport } from '../report/write-report.js';
import { CHANNEL_QUEUE, failureOf, type ChannelJobResult } from './channel-job.js';
import { batchJobsKey } from './enqueue-channel.js';
import type { JobProgress } from './job-progress.js';
import { batchKey, unitsToday } from './redis-quota.js';
import { connectRedis } from './redis-client.js';
import type { RedisAddress } from './redis-url.js';

/** Where a video's job is: BullMQ's states in a few words. */
export type QueueState = 'waiting' | 'active' | 'done' | 'failed' | 'retrying' | 'not queued';

export interface QueuedVideo extends ChannelVideoResult {
  state: QueueState;
  jobId?: string;
  attempts?: number;
  progress?: JobProgress;
}

export interface QueueStatusResult {
  channel: { id: string; title: string };
  queue: string;
  videos: QueuedVideo[];
  /** The batch's quota: the listing's and every worker's, from the counters in Redis. */
  quota: { units: number; requests: number; today: number };
  /** Set while the queue waits for the quota to reset. */
  pausedUntil?: string;
  finished: boolean;
  manifest: string;
  report: string;
}

const RATE_LIMIT_PROBE = 1_000_000; // the workers' limiter max: the quota pause sets the key above it

/**
 * `kirinuki channel --queue --status`: each video's job state, and channel.json and report.html
 * rewritten from the jobs' results, the same files a local run writes.
 */
export async function channelQueueStatus(options: { out: string; queue: RedisAddress }): Promise<QueueStatusResult> {
  const manifest = await readChannelManifest(options.out);
  if (!manifest) {
    throw new KirinukiError('FILE_NOT_FOUND', `There is no ${channelManifestPath(options.out)}; enqueue the channel first with kirinuki channel <channel> --out ${options.out} --queue ${options.queue.display}.`);
  }
  const redis = await connectRedis(options.queue, { persistent: false });
  const queue = new Queue(CHANNEL_QUEUE, { connection: redis });
  try {
    const lock = await lockProjectsRoot(options.out);
    try {
      return await statusLocked(manifest, options, redis, queue);
    } finally {
      await lock.release();
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

async function statusLocked(manifest: ChannelManifest, options: { out: string; queue: RedisAddress }, redis: Redis, queue: Queue): Promise<QueueStatusResult> {
  const jobIds = await redis.hgetall(batchJobsKey(manifest.channel.id));
  const videos: QueuedVideo[] = [];
  for (const video of manifest.videos) {
    const jobId = jobIds[video.id];
    const job = jobId ? ((await queue.getJob(jobId)) as Job | undefined) : undefined;
    videos.push(job ? await fromJob(video, job) : { ...toResult(video), state: 'not queued' });
  }
  const batch = await redis.hgetall(batchKey(manifest.channel.id));
  const quota = { units: Number(batch.units ?? 0), requests: Number(batch.requests ?? 0) };
  const finished = videos.every((v) => v.state === 'done' || v.state === 'failed' || v.state === 'not queued');
  const run = manifest.runs.find((r) => r.startedAt === batch.runStartedAt) ?? manifest.runs.at(-1);
  if (run) Object.assign(run, { quotaUnits: quota.units, requests: quota.requests, finishedAt: finished ? (run.finishedAt ?? new Date().toISOString()) : undefined });
  await writeChannelManifest(options.out, manifest);
  const report = await writeChannelReport(options.out, manifest, quota);
  const pause = await queue.getRateLimitTtl(RATE_LIMIT_PROBE);
  const result: QueueStatusResult = {
    channel: manifest.channel,
    queue: options.queue.display,
    videos,
    quota: { ...quota, today: await unitsToday(redis) },
    finished,
    manifest: channelManifestPath(options.out),
    report,
  };
  if (pause > 0) result.pausedUntil = new Date(Date.now() + pause).toISOString();
  return result;
}

/** The job's state, its result or failure written onto the video's manifest entry. */
async function fromJob(video: ManifestVideo, job: Job): Promise<QueuedVideo> {
  const state = await job.getState();
  const base = { jobId: job.id, attempts: job.attemptsMade };
  if (state === 'completed') {
    recordOutcome(video, job.returnvalue as ChannelJobResult);
    return { ...toResult(video), ...base, state: 'done' };
  }
  if (state === 'failed') {
    const error: ErrorPayload = failureOf(job.failedReason);
    recordFailure(video, error);
    return { ...toResult(video), ...base, state: 'failed' };
  }
  if (video.status !== 'done' && video.status !== 'skipped') video.status = 'pending';
  if (state === 'active') return { ...toResult(video), ...base, state: 'active', progress: job.progress as JobProgress };
  return { ...toResult(video), ...base, state: state === 'delayed' && job.attemptsMade > 0 ? 'retrying' : 'waiting' };
}
