import { Queue, RateLimitError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { matchVideoFiles } from '../acquire/match-video-files.js';
import { toErrorPayload, type ErrorPayload } from '../errors.js';
import { processChannelVideo, type VideoOutcome } from '../pipeline/process-channel-video.js';
import { clearDeadForeignRunLock } from '../project/project-lock.js';
import { QuotaMeter } from '../youtube/quota-meter.js';
import { CHANNEL_QUEUE, failureReason, parseChannelJob, type ChannelJobData, type ChannelJobResult } from './channel-job.js';
import { failureKind } from './failure-kind.js';
import { jobProgressListener } from './job-progress.js';
import { quotaDay } from './quota-day.js';
import { queueTimings } from './queue-timings.js';
import { acquireRedisLock, projectLockKey } from './redis-lock.js';
import { batchKey, redisQuotaCounter } from './redis-quota.js';
import { isWorkerAlive, startHeartbeat } from './worker-heartbeat.js';

export interface ChannelWorkerOptions {
  redis: Redis;
  /** The projects root every worker sees (a shared folder). */
  out: string;
  concurrency: number;
  apiKey?: string;
  apiRoot?: string;
  log: (line: string) => void;
  /** Told when this worker cannot go on (no or a bad API key): the caller stops it. */
  onFatal: (error: ErrorPayload) => void;
}

export interface ChannelWorker {
  /** Stops taking jobs and resolves once the running ones are over (finished or handed back). */
  close: () => Promise<void>;
  /** Stops the running jobs (their finished stages are kept) and sends them back to the queue. */
  handBack: () => void;
}

/** Even with no limiter wanted, BullMQ honours a manual rate limit (the quota pause) only with one. */
const NO_LIMIT = { max: 1_000_000, duration: 1_000 };
/** A job whose worker died this many times is failed rather than picked up again. */
const MAX_STALLS = 3;

/** What the jobs of one worker process share. */
interface WorkerContext {
  options: ChannelWorkerOptions;
  queue: Queue;
  lockMs: number;
  /** Once yt-dlp is missing or offline, the later jobs of this worker do not try it again. */
  ytdlpLatch: object;
}

/**
 * A worker of the channel queue: each job is one video run through the same pipeline as a local
 * channel batch, under the project's file lock and a Redis lock (held across machines). Transient
 * failures are retried with back-off, permanent ones fail at once with their code, and a spent
 * quota sends the job back and pauses the whole queue until the quota resets (midnight Pacific).
 */
export function startChannelWorker(options: ChannelWorkerOptions): ChannelWorker {
  const { lockMs } = queueTimings();
  const context: WorkerContext = { options, queue: new Queue(CHANNEL_QUEUE, { connection: options.redis }), lockMs, ytdlpLatch: {} };
  const heartbeat = startHeartbeat(options.redis, lockMs);
  const running = new Map<string, AbortController>();
  const processor = async (job: Job, token?: string): Promise<ChannelJobResult> => {
    const controller = new AbortController();
    running.set(job.id ?? '', controller);
    try {
      return await runJob(job, parseChannelJob(job.id, job.data), controller.signal, context);
    } catch (error) {
      throw await settleFailure(job, token, error, context);
    } finally {
      running.delete(job.id ?? '');
    }
  };
  const worker = new Worker(CHANNEL_QUEUE, processor, {
    name: `${hostname()}:${process.pid}`,
    connection: options.redis,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(100, Math.floor(lockMs / 2)),
    maxStalledCount: MAX_STALLS,
    limiter: NO_LIMIT,
  });
  worker.on('error', (error) => options.log(`queue error: ${error.message}`));
  let closing: Promise<void> | undefined;
  return {
    close: () => (closing ??= worker.close().then(() => Promise.all([context.queue.close(), heartbeat.stop()])).then(() => undefined)),
    handBack: () => {
      for (const controller of running.values()) controller.abort();
    },
  };
}

/** One video under its Redis lock; a project left locked by a dead worker of another machine is freed first. */
async function runJob(job: Job, data: ChannelJobData, signal: AbortSignal, context: WorkerContext): Promise<ChannelJobResult> {
  const { options } = context;
  const quota = new QuotaMeter({ shared: redisQuotaCounter(options.redis, { budget: data.quotaBudget, batchKey: batchKey(data.channelId) }) });
  const videoFile = data.videoDir ? (await matchVideoFiles(data.videoDir)).get(data.videoId) : undefined;
  const lost = new AbortController();
  const lock = await acquireRedisLock(options.redis, projectLockKey(data.videoId), {
    ttlMs: context.lockMs,
    signal,
    onWait: (holder) => options.log(`${data.videoId}: waiting for ${holder} to finish with the project…`),
    onLost: () => lost.abort(),
  });
  try {
    const dead = await clearDeadForeignRunLock(options.out, data.videoId, async (holder) => !(await isWorkerAlive(options.redis, holder)));
    if (dead) options.log(`${data.videoId}: took over the project from dead process ${dead.pid} on ${dead.host}`);
    const outcome = await processChannelVideo(
      { id: data.videoId, title: data.title, status: 'pending', ...(data.publishedAt ? { publishedAt: data.publishedAt } : {}) },
      {
        ...data.settings,
        ytdlpLatch: context.ytdlpLatch,
        out: options.out,
        quota,
        apiKey: options.apiKey,
        apiRoot: options.apiRoot,
        videoDir: data.videoDir,
        videoFile,
        signal: AbortSignal.any([signal, lost.signal]),
        onProgress: jobProgressListener(
          (progress) => job.updateProgress(progress),
          (stage) => options.log(`${data.videoId} stage ${stage} (job ${job.id})`),
        ),
        log: (line) => options.log(`${data.videoId}: ${line}`),
      },
    );
    options.log(`${data.videoId} ${outcomeLine(outcome)} (job ${job.id}, attempt ${job.attemptsMade + 1})`);
    return { ...outcome, quota: { units: quota.units, requests: quota.requests } };
  } finally {
    await lock.release();
  }
}

/** The error the processor throws, after sending the job back where its failure says. */
async function settleFailure(job: Job, token: string | undefined, error: unknown, context: WorkerContext): Promise<Error> {
  const { options } = context;
  const payload = toErrorPayload(error);
  const kind = failureKind(payload.code);
  options.log(`${job.data?.videoId ?? job.id} ${kind === 'permanent' || kind === 'retry' ? 'failed' : 'stopped'}: ${failureReason(payload)}`);
  if (kind === 'permanent') return new UnrecoverableError(failureReason(payload));
  if (kind === 'retry') return new Error(failureReason(payload));
  if (kind === 'quota') {
    const until = quotaDay().resetsAt;
    await context.queue.rateLimit(Math.max(1, until - Date.now()));
    options.log(`quota spent: the queue waits until ${new Date(until).toISOString()} (midnight Pacific)`);
    return new RateLimitError();
  }
  if (kind === 'worker') options.onFatal(payload);
  await job.moveToWait(token);
  return new WaitingError();
}

function outcomeLine(outcome: VideoOutcome): string {
  const counts = [`${outcome.moments} moments`, outcome.clips === undefined ? '' : `${outcome.clips} clips`].filter(Boolean).join(', ');
  return `${outcome.status}: ${counts}; ran: ${outcome.ran?.join(',') || 'nothing'}`;
}
