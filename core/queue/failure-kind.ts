import type { ErrorCode } from '../errors.js';

/**
 * What a worker does with a job that threw:
 * - `retry`: transient (network, 5xx after the client's own retries, unknown): BullMQ's back-off;
 * - `quota`: the day's quota is spent: the job goes back and the queue waits for midnight Pacific;
 * - `hand-back`: the worker is stopping (or lost the project): the job goes back untouched;
 * - `worker`: this worker cannot work (no or a bad API key): the job goes back, the worker stops;
 * - `permanent`: trying again changes nothing: failed at once with its code.
 */
export type FailureKind = 'retry' | 'quota' | 'hand-back' | 'worker' | 'permanent';

const TRANSIENT = new Set<ErrorCode>(['NETWORK', 'INTERNAL', 'DOWNLOAD_FAILED', 'FFMPEG_FAILED', 'PROJECT_BUSY', 'DISK_FULL']);
const QUOTA = new Set<ErrorCode>(['QUOTA_EXCEEDED', 'QUOTA_BUDGET_REACHED']);
const WORKER = new Set<ErrorCode>(['API_KEY_MISSING', 'API_KEY_INVALID']);

export function failureKind(code: ErrorCode): FailureKind {
  if (TRANSIENT.has(code)) return 'retry';
  if (QUOTA.has(code)) return 'quota';
  if (code === 'CANCELLED') return 'hand-back';
  if (WORKER.has(code)) return 'worker';
  return 'permanent';
}
