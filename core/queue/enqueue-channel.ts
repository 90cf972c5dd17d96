import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { resolve } from 'node:path';
import type { ErrorPayload } from '../errors.js';
import { FINAL_FAILURES, openChannelBatch, type ChannelBatchOptions } from '../pipeline/channel-batch.js';
import { lockProjectsRoot } from '../pipeline/out-lock.js';
import { channelManifestPath, type ManifestVideo } from '../project/channel-manifest.js';
import { QuotaMeter } from '../youtube/quota-meter.js';
import { createYoutubeClient } from '../youtube/youtube-client.js';
import { CHANNEL_QUEUE, channelJobId, failureOf, jobSettings, type ChannelJobData, type ChannelJobSettings } from './channel-job.js';
import { JOB_ATTEMPTS, queueTimings } from './queue-timings.js';
import { batchKey, redisQuotaCounter } from './redis-quota.js';
import { connectRedis } from './redis-client.js';
import type { RedisAddress } from './redis-url.js';

export interface EnqueueOptions extends ChannelBatchOptions {
  queue: RedisAddress;
}

/** What became of each video: a new job, one already there (waiting, running or done), one tried again. */
export type EnqueueAction = 'added' | 'exists' | 'retried';

export interface EnqueueResult {
  channel: { id: string; title: string };
  queue: string;
  jobs: { videoId: string; title: string; jobId: string; action: EnqueueAction }[];
  /** The listing's quota (the workers' is counted on the queue). */
  quota: { units: number; requests: number; budget?: number };
  stopped?: ErrorPayload;
  manifest: string;
}

/** The hash of a batch's jobs: video id → job id. */
export function batchJobsKey(channelId: string): string {
  return `${batchKey(channelId)}:jobs`;
}

/**
 * `kirinuki channel --queue`: resolves and lists the channel exactly as a local run (same
 * channel.json, same quota), then enqueues one job per video that needs work instead of running
 * it. A job's id is the video and the settings' fingerprint, so enqueuing again adds nothing; a
 * job that failed with a transient error (or any, with --retry-failed) is tried again.
 */
export async function enqueueChannel(input: string, options: EnqueueOptions): Promise<EnqueueResult> {
  createYoutubeClient({ apiKey: options.apiKey, apiRoot: options.apiRoot }); // no key: fail before touching --out
  const settings = jobSettings(options);
  const redis = await connectRedis(options.queue, { persistent: false });
  const queue = new Queue(CHANNEL_QUEUE, { connection: redis });
  try {
    const lock = await lockProjectsRoot(options.out);
    try {
      return await enqueueLocked(input, options, settings, redis, queue);
    } finally {
      await lock.release();
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

async function enqueueLocked(input: string, options: EnqueueOptions, settings: ChannelJobSettings, redis: Redis, queue: Queue): Promise<EnqueueResult> {
  const quota = new QuotaMeter({ shared: redisQuotaCounter(redis, { budget: options.quotaBudget }) });
  const batch = await openChannelBatch(input, options, quota);
  const { manifest, run } = batch;
  const key = batchKey(manifest.channel.id);
  const jobs: EnqueueResult['jobs'] = [];
  try {
    for (const video of batch.todo) {
      const job = await addVideoJob(queue, video, { channelId: manifest.channel.id, settings, ...options });
      jobs.push({ videoId: video.id, title: video.title, ...job });
      await redis.hset(batchJobsKey(manifest.channel.id), video.id, job.jobId);
    }
  } catch (error) {
    batch.stop(error);
  }
  await redis
    .multi()
    .hincrby(key, 'units', quota.units)
    .hincrby(key, 'requests', quota.requests)
    .hset(key, 'runStartedAt', run.startedAt, 'queuedAt', new Date().toISOString())
    .exec();
  await batch.sync();
  const result: EnqueueResult = {
    channel: manifest.channel,
    queue: options.queue.display,
    jobs,
    quota: { ...quota.toJSON(), ...(options.quotaBudget === undefined ? {} : { budget: options.quotaBudget }) },
    manifest: channelManifestPath(options.out),
  };
  if (run.stopped) result.stopped = run.stopped;
  return result;
}

export interface VideoJobOptions {
  channelId: string;
  settings: ChannelJobSettings;
  videoDir?: string;
  quotaBudget?: number;
  retryFailed?: boolean;
}

function jobData(video: ManifestVideo, options: VideoJobOptions): ChannelJobData {
  const data: ChannelJobData = { videoId: video.id, title: video.title, channelId: options.channelId, settings: options.settings };
  if (video.publishedAt) data.publishedAt = video.publishedAt;
  if (options.videoDir) data.videoDir = resolve(options.videoDir);
  if (options.quotaBudget !== undefined) data.quotaBudget = options.quotaBudget;
  return data;
}

/** Adds a video's job unless it is there; one that failed is tried again unless its failure is final. */
export async function addVideoJob(queue: Queue, video: ManifestVideo, options: VideoJobOptions): Promise<{ jobId: string; action: EnqueueAction }> {
  const jobId = channelJobId(video.id, options.settings);
  const existing = (await queue.getJob(jobId)) as Job | undefined;
  if (!existing) {
    const { backoffMs } = queueTimings();
    await queue.add(video.id, jobData(video, options), { jobId, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: backoffMs } });
    return { jobId, action: 'added' };
  }
  if ((await existing.getState()) !== 'failed') return { jobId, action: 'exists' };
  const failure = failureOf(existing.failedReason);
  if (FINAL_FAILURES.has(failure.code) && options.retryFailed !== true) return { jobId, action: 'exists' };
  await existing.retry('failed');
  return { jobId, action: 'retried' };
}
