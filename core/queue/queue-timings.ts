import { KirinukiError } from '../errors.js';

/** Tests only: BullMQ's job lock (and the project's Redis lock) in ms, so a killed worker's job stalls fast. */
export const QUEUE_LOCK_ENV = 'KIRINUKI_QUEUE_LOCK_MS';
/** Tests only: the first retry's delay in ms (doubled each attempt). */
export const QUEUE_BACKOFF_ENV = 'KIRINUKI_QUEUE_BACKOFF_MS';

/** Tries of a job whose failures are transient (NETWORK, 5xx, unknown), the first included. */
export const JOB_ATTEMPTS = 5;
const DEFAULT_LOCK_MS = 30_000;
const DEFAULT_BACKOFF_MS = 30_000;

export interface QueueTimings {
  /** A job's lock lives this long without renewal; the stalled check runs every half of it. */
  lockMs: number;
  /** Exponential back-off of a retried job: this, then twice, four times… */
  backoffMs: number;
}

function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100) {
    throw new KirinukiError('INVALID_ARGUMENT', `${name} must be a whole number of milliseconds ≥ 100, got "${raw}".`);
  }
  return ms;
}

export function queueTimings(): QueueTimings {
  return { lockMs: fromEnv(QUEUE_LOCK_ENV, DEFAULT_LOCK_MS), backoffMs: fromEnv(QUEUE_BACKOFF_ENV, DEFAULT_BACKOFF_MS) };
}
