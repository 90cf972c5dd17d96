import { apiErrorField } from './api-error-field.js';
import { cancelledError } from '../cancel.js';
import { KirinukiError, isKirinukiError, type ErrorCode } from '../errors.js';
import { stripHtml } from './strip-html.js';

/** What the failing call was about, so the error names it ("video dQ4wT9xYz0A", "channel @foo"). */
export interface ApiErrorContext {
  subject: string;
  /** Code for a 404 / empty result: VIDEO_NOT_FOUND by default, CHANNEL_NOT_FOUND for channels. */
  notFoundCode?: ErrorCode;
}

/** The parts of a Data API failure the mapping looks at. */
export interface ApiFailure {
  status?: number;
  reasons: string[];
  message: string;
  /** A system error code (ECONNRESET, …) when no response arrived. */
  systemCode?: string;
}

const NO_RESPONSE_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH',
  'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'TimeoutError',
]);
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);
const KEY_REASONS = new Set(['keyInvalid', 'API_KEY_INVALID', 'keyExpired', 'API_KEY_EXPIRED']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);

/** Reads status, reasons (`errors[].reason`, `details[].reason`) and message from a gaxios error. */
export function describeApiFailure(error: unknown): ApiFailure {
  const e = error as {
    status?: number; code?: unknown; message?: string; response?: { status?: number; data?: unknown };
    cause?: { code?: unknown };
  };
  const status = e.response?.status ?? e.status;
  const body = parseBody(e.response?.data);
  const reasons = [
    ...(body?.errors ?? []).map((x) => x.reason),
    ...(body?.details ?? []).map((x) => x.reason),
  ].filter((r): r is string => typeof r === 'string');
  const message = redactKey(stripHtml(body?.message ?? e.message ?? String(error)));
  const failure: ApiFailure = { reasons, message };
  if (typeof status === 'number') failure.status = status;
  const systemCode = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string');
  if (systemCode) failure.systemCode = systemCode;
  return failure;
}

/** 5xx, 429, short-term rate limits and connection failures are worth another try. */
export function isRetryableFailure(failure: ApiFailure): boolean {
  if (failure.status === undefined) return isNoResponse(failure);
  if (failure.status >= 500 || failure.status === 429) return true;
  return failure.status === 403 && failure.reasons.some((r) => RATE_REASONS.has(r));
}

/**
 * Maps a Data API failure (a gaxios error) to a KirinukiError with a stable code; `attempts` is how
 * many requests were sent before giving up (named in NETWORK messages).
 */
export function mapApiError(error: unknown, context: ApiErrorContext, attempts = 1): KirinukiError {
  if (isKirinukiError(error)) return error;
  if ((error as Error | undefined)?.name === 'AbortError') return cancelledError();
  const f = describeApiFailure(error);
  const [code, text] = classify(f, context, requestUrl(error), attempts);
  return new KirinukiError(code, text, { cause: error });
}

/** NETWORK for a request that got no answer within its deadline, every attempt. */
export function apiTimeoutError(error: unknown, context: ApiErrorContext, timeoutMs: number, attempts: number): KirinukiError {
  const within = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  const url = requestUrl(error);
  return new KirinukiError(
    'NETWORK',
    `The YouTube Data API${atEndpoint(url)} did not answer for ${context.subject} within ${within}${tries(attempts)}; ${checkConnection(url)}`,
    { cause: error },
  );
}

/** The URL a gaxios error's request went to, if it names one. */
function requestUrl(error: unknown): URL | undefined {
  const url = (error as { config?: { url?: unknown } } | undefined)?.config?.url;
  if (!(url instanceof URL) && typeof url !== 'string') return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** ` at https://youtube.googleapis.com/youtube/v3/videos`: the request URL without its query (which holds the key). */
function atEndpoint(url: URL | undefined): string {
  return url ? ` at ${url.origin}${url.pathname}` : '';
}

/** The advice, naming YOUTUBE_API_ROOT when the request did not go to Google. */
function checkConnection(url: URL | undefined): string {
  const custom = url !== undefined && /^https?:$/.test(url.protocol) && !/(^|\.)googleapis\.com$/i.test(url.hostname);
  return custom ? 'check the connection and YOUTUBE_API_ROOT.' : 'check the connection.';
}

function tries(attempts: number): string {
  return attempts > 1 ? ` (${attempts} attempts)` : '';
}

function classify(
  f: ApiFailure,
  { subject, notFoundCode = 'VIDEO_NOT_FOUND' }: ApiErrorContext,
  url: URL | undefined,
  attempts: number,
): [ErrorCode, string] {
  const endpoint = atEndpoint(url);
  const has = (set: Set<string>): boolean => f.reasons.some((r) => set.has(r));
  if (f.reasons.includes('commentsDisabled')) return ['COMMENTS_DISABLED', `Comments are disabled for ${subject}.`];
  if (has(QUOTA_REASONS)) return ['QUOTA_EXCEEDED', `The YouTube Data API quota is exhausted (${subject}).`];
  if (has(KEY_REASONS) || /api key not valid/i.test(f.message)) {
    return ['API_KEY_INVALID', 'The YouTube Data API key (YOUTUBE_API_KEY) is not valid.'];
  }
  if (f.status === 404) return [notFoundCode, `YouTube has no ${subject}.`];
  if (f.status === 401 || f.status === 403) {
    return ['FORBIDDEN', `The YouTube Data API refused the request for ${subject} (${f.status}: ${f.message}).`];
  }
  if (f.status === 400) return ['INVALID_ARGUMENT', `The YouTube Data API rejected the request for ${subject}: ${f.message}`];
  if (f.status !== undefined) {
    return ['NETWORK', `The YouTube Data API${endpoint} failed for ${subject} with HTTP ${f.status}${tries(attempts)}: ${f.message}`];
  }
  return [
    'NETWORK',
    `Could not reach the YouTube Data API${endpoint} for ${subject} (${f.systemCode ?? f.message})${tries(attempts)}; ${checkConnection(url)}`,
  ];
}

/** Network errors quote the request URL, which carries the API key. */
function redactKey(text: string): string {
  return text.replace(/([?&]key=)[^&\s]+/gi, '$1***');
}

function isNoResponse(failure: ApiFailure): boolean {
  if (failure.systemCode && NO_RESPONSE_CODES.has(failure.systemCode)) return true;
  return /socket hang up|network|ECONNRESET|fetch failed|premature close/i.test(failure.message);
}

interface ErrorBody {
  message?: string;
  errors?: { reason?: unknown }[];
  details?: { reason?: unknown }[];
}

function parseBody(data: unknown): ErrorBody | undefined {
  const error = apiErrorField(data);
  if (typeof error !== 'object' || error === null) return undefined;
  const body = error as Record<string, unknown>;
  const result: ErrorBody = {};
  if (typeof body.message === 'string') result.message = body.message;
  if (Array.isArray(body.errors)) result.errors = body.errors as ErrorBody['errors'];
  if (Array.isArray(body.details)) result.details = body.details as ErrorBody['details'];
  return result;
}
