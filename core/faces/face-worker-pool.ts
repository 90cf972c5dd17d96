import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cancelledError } from '../cancel.js';
import { KirinukiError, type ErrorPayload } from '../errors.js';
import { appRoot, unpackedPath } from '../resources.js';
import type { FaceJob, FaceJobResult } from './face-jobs.js';

export interface FaceWorkerPool {
  readonly size: number;
  /** Runs a job on the next free worker; lower `priority` first, equal ones in order (default: after all others). */
  run<J extends FaceJob>(job: J, priority?: number): Promise<FaceJobResult<J>>;
  close(): Promise<void>;
}

interface Waiting {
  job: FaceJob;
  priority: number;
  order: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  /** The job it is running: one at a time, so a job never waits behind a long one while another worker idles. */
  busy?: Waiting;
}

/**
 * The compiled worker script. Workers cannot run TypeScript, so runs from the sources (tests)
 * use the build in dist/. In a packaged app the script inside the asar is used (Electron's
 * workers read the asar, so its require() finds the packaged node_modules); the unpacked copy
 * is the fallback.
 */
export function faceWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'face-worker.js'), join(appRoot(), 'dist', 'core', 'faces', 'face-worker.js')];
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
    const unpacked = unpackedPath(candidate);
    if (existsSync(unpacked)) return unpacked;
  }
  throw new KirinukiError('INTERNAL', `The face worker ${candidates[1]} is missing: run \`npm run build\` first.`);
}

function workerError(payload: ErrorPayload): KirinukiError {
  return new KirinukiError(payload.code, payload.message);
}

function startWorker(path: string, describe: boolean, onMessage: (entry: PoolWorker, message: WorkerReply) => void, onCrash: (error: unknown) => void): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(path, { workerData: { describe } }) };
  entry.worker.on('message', (message: WorkerReply) => onMessage(entry, message));
  entry.worker.on('error', onCrash);
  return entry;
}

interface WorkerReply {
  result?: unknown;
  error?: ErrorPayload;
}

/** Copies the picture into its own buffer so it can be transferred without touching the caller's. */
function transferable(job: FaceJob): { job: FaceJob; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(job.image.data);
  return { job: { ...job, image: { ...job.image, data } }, transfer: [data.buffer] };
}

/** Where a job goes in the queue: by priority, then in the order it came. */
function insertAt(queue: Waiting[], item: Waiting): number {
  const at = queue.findIndex((q) => q.priority > item.priority || (q.priority === item.priority && q.order > item.order));
  return at === -1 ? queue.length : at;
}

/**
 * Worker threads running face jobs from one queue: a worker takes the most urgent waiting job
 * when it is free. Abort terminates them all. `describe: false` (a pool that only detects)
 * spares the workers loading the landmark and recognition models up front; a describe job
 * still loads them when it comes.
 */
export function createFaceWorkerPool(options: { size: number; signal?: AbortSignal; describe?: boolean }): FaceWorkerPool {
  const path = faceWorkerPath();
  const queue: Waiting[] = [];
  let order = 0;
  let closed = false;
  const rejectAll = (error: unknown): void => {
    for (const entry of workers) entry.busy?.reject(error);
    for (const waiting of queue.splice(0)) waiting.reject(error);
    for (const entry of workers) entry.busy = undefined;
  };
  const dispatch = (): void => {
    for (const entry of workers) {
      if (entry.busy || queue.length === 0 || closed) continue;
      const next = queue.shift()!;
      entry.busy = next;
      const message = transferable(next.job);
      entry.worker.postMessage({ id: next.order, job: message.job }, message.transfer);
    }
  };
  const onMessage = (entry: PoolWorker, message: WorkerReply): void => {
    const done = entry.busy;
    entry.busy = undefined;
    if (done) {
      if (message.error) done.reject(workerError(message.error));
      else done.resolve(message.result);
    }
    dispatch();
  };
  const workers: PoolWorker[] = Array.from({ length: Math.max(1, options.size) }, () =>
    startWorker(path, options.describe !== false, onMessage, (error) => rejectAll(new KirinukiError('INTERNAL', `A face worker failed: ${String(error)}`))),
  );
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    options.signal?.removeEventListener('abort', onAbort);
    rejectAll(cancelledError());
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  };
  const onAbort = (): void => {
    void close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    size: workers.length,
    close,
    run<J extends FaceJob>(job: J, priority = Number.MAX_SAFE_INTEGER): Promise<FaceJobResult<J>> {
      if (options.signal?.aborted || closed) return Promise.reject(cancelledError());
      return new Promise((resolve, reject) => {
        const item: Waiting = { job, priority, order: order++, resolve: resolve as (value: unknown) => void, reject };
        queue.splice(insertAt(queue, item), 0, item);
        dispatch();
      });
    },
  };
}
