import { setTimeout as sleep } from 'node:timers/promises';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { describeApiFailure, isRetryableFailure, mapApiError, type ApiErrorContext } from './map-api-error.js';
import type { ApiMethod, QuotaMeter } from './quota-meter.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  attempts?: number;
  /** First back-off delay in ms, doubled each retry (default 250). */
  baseDelayMs?: number;
}

export interface CallApiOptions extends ApiErrorContext {
  method: ApiMethod;
  quota: QuotaMeter;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

const MAX_DELAY_MS = 10_000;

/**
 * Sends one Data API request through `send`, counting every attempt on the quota meter and
 * retrying 5xx / connection failures a bounded number of times with exponential back-off.
 * Failures come out as KirinukiErrors (see mapApiError).
 */
export async function callApi<T>(
  send: (signal: AbortSignal | undefined) => Promise<{ data: T }>,
  options: CallApiOptions,
): Promise<T> {
  const attempts = options.retry?.attempts ?? 4;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(options.signal);
    options.quota.charge(options.method);
    try {
      return (await send(options.signal)).data;
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError();
      const failure = describeApiFailure(error);
      if (attempt >= attempts || !isRetryableFailure(failure)) throw mapApiError(error, options);
      await backOff(delayFor(error, attempt, baseDelayMs), options.signal);
    }
  }
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
