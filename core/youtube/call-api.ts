import { setTimeout as sleep } from 'node:timers/promises';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { apiTimeoutError, describeApiFailure, isRetryableFailure, mapApiError, type ApiErrorContext } from './map-api-error.js';
import type { ApiMethod, QuotaMeter } from './quota-meter.js';
import { showValue } from '../fs/show-value.js';

/**
 * Every request gets an answer within this, or is cut and tried again. The Data API answers a
 * 100-thread page in about a second; 20 s leaves room for a slow line without letting a stalled
 * server hold a run: with the retries below, a dead server is NETWORK in about 82 s at worst.
 */
export const DEFAULT_API_TIMEOUT_MS = 20_000;
/** Retries after the first attempt, for timeouts, connection failures, 5xx and 429. */
export const DEFAULT_API_RETRIES = 3;
const DEFAULT_API_BASE_DELAY_MS = 250;
/** Overrides DEFAULT_API_TIMEOUT_MS (tests use a short one). */
export const API_TIMEOUT_ENV = 'KIRINUKI_API_TIMEOUT_MS';

export interface RetryOptions {
  /** Retries after the first attempt (default DEFAULT_API_RETRIES). */
  attempts?: number;
  /** First back-off delay in ms, doubled each retry (default 250). */
  baseDelayMs?: number;
  /** Deadline of each attempt in ms (default KIRINUKI_API_TIMEOUT_MS, else DEFAULT_API_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface CallApiOptions extends ApiErrorContext {
  method: ApiMethod;
  quota: QuotaMeter;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

const MAX_DELAY_MS = 10_000;

/** The per-request deadline: `KIRINUKI_API_TIMEOUT_MS` when set (a whole number of ms ≥ 1), else 20 s. */
export function apiTimeoutMs(): number {
  const raw = process.env[API_TIMEOUT_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_API_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) {
    throw new KirinukiError('INVALID_ARGUMENT', `${API_TIMEOUT_ENV} must be a whole number of milliseconds ≥ 1, got ${showValue(raw)}.`);
  }
  return ms;
}

/**
 * Sends one Data API request through `send`, counting every attempt on the quota meter. Each
 * attempt has a deadline (its own timer and AbortController: Google's client `timeout` rides on
 * `AbortSignal.any([signal, AbortSignal.timeout()])`, whose timeout Node 20 can garbage-collect
 * before it fires, so a server that never answers hung the run). Timeouts, connection failures,
 * 5xx and 429 are retried a bounded number of times with exponential back-off; then NETWORK. The
 * caller's signal cuts the request at once and is CANCELLED, never retried. Failures come out as
 * KirinukiErrors (see mapApiError).
 */
export async function callApi<T>(
  send: (signal: AbortSignal) => Promise<{ data: T }>,
  options: CallApiOptions,
): Promise<T> {
  const retries = options.retry?.attempts ?? DEFAULT_API_RETRIES;
  const baseDelayMs = options.retry?.baseDelayMs ?? DEFAULT_API_BASE_DELAY_MS;
  const timeoutMs = options.retry?.timeoutMs ?? apiTimeoutMs();
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(options.signal);
    await options.quota.reserve(options.method);
    const deadline = startDeadline(timeoutMs, options.signal);
    try {
      return (await send(deadline.signal)).data;
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError();
      // the caller did not abort, so an aborted deadline is the timer's
      const timedOut = deadline.signal.aborted;
      if (!timedOut && !isRetryableFailure(describeApiFailure(error))) throw mapApiError(error, options, attempt + 1);
      if (attempt >= retries) {
        throw timedOut ? apiTimeoutError(error, options, timeoutMs, attempt + 1) : mapApiError(error, options, attempt + 1);
      }
      await backOff(delayFor(error, attempt, baseDelayMs), options.signal);
    } finally {
      deadline.clear();
    }
  }
}

interface Deadline {
  signal: AbortSignal;
  clear: () => void;
}

/** An AbortSignal that fires after `ms` or when `caller` does, whichever is first. */
function startDeadline(ms: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  // a plain (ref'd) timer holding the controller: nothing here can be collected before it fires
  const timer = setTimeout(() => controller.abort(new KirinukiError('NETWORK', `No answer within ${ms} ms.`)), ms);
  const onCancel = (): void => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCancel);
    },
  };
}

function delayFor(error: unknown, attempt: number, baseDelayMs: number): number {
  const retryAfter = retryAfterMs(error);
  const exponential = baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
  return Math.min(MAX_DELAY_MS, retryAfter ?? exponential);
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } }).response?.headers;
  const raw = headers instanceof Headers ? headers.get('retry-after') : (headers as Record<string, unknown> | undefined)?.['retry-after'];
  const seconds = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

async function backOff(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch {
    throw cancelledError();
  }
}
