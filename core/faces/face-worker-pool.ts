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
  run<J extends FaceJob>(job: J): Promise<FaceJobResult<J>>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
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

function startWorker(path: string, describe: boolean, onCrash: (error: unknown) => void): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(path, { workerData: { describe } }), pending: new Map() };
  entry.worker.on('message', (message: { id: number; result?: unknown; error?: ErrorPayload }) => {
    const pending = entry.pending.get(message.id);
    if (!pending) return;
    entry.pending.delete(message.id);
    if (message.error) pending.reject(workerError(message.error));
    else pending.resolve(message.result);
  });
  entry.worker.on('error', onCrash);
  return entry;
}

/** Copies the picture into its own buffer so it can be transferred without touching the caller's. */
function transferable(job: FaceJob): { job: FaceJob; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(job.image.data);
  return { job: { ...job, image: { ...job.image, data } }, transfer: [data.buffer] };
}

/**
 * Worker threads running face jobs; each job goes to the least busy worker. Abort terminates them
 * all. `describe: false` (a pool that only detects) spares the workers loading the landmark and
 * recognition models up front; a describe job still loads them when it comes.
 */
export function createFaceWorkerPool(options: { size: number; signal?: AbortSignal; describe?: boolean }): FaceWorkerPool {
  const path = faceWorkerPath();
  let nextId = 1;
  let closed = false;
  const rejectAll = (error: unknown): void => {
    for (const entry of workers) {
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
    }
  };
  const workers: PoolWorker[] = Array.from({ length: Math.max(1, options.size) }, () =>
    startWorker(path, options.describe !== false, (error) => rejectAll(new KirinukiError('INTERNAL', `A face worker failed: ${String(error)}`))),
  );
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  };
  const onAbort = (): void => {
    rejectAll(cancelledError());
    void close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    size: workers.length,
    close,
    run<J extends FaceJob>(job: J): Promise<FaceJobResult<J>> {
      if (options.signal?.aborted || closed) return Promise.reject(cancelledError());
      const entry = workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
      const id = nextId++;
      const message = transferable(job);
      return new Promise((resolve, reject) => {
        entry.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        entry.worker.postMessage({ id, job: message.job }, message.transfer);
      });
    },
  };
}
