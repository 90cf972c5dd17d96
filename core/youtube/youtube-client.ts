import { youtube, type youtube_v3 } from '@googleapis/youtube';
import { KirinukiError } from '../errors.js';
import { apiTimeoutMs } from './call-api.js';

export const DEFAULT_API_ROOT = 'https://youtube.googleapis.com/';

export interface YoutubeClientOptions {
  /** Defaults to `YOUTUBE_API_KEY`. */
  apiKey?: string;
  /** Scheme, host and port of the API (Google's client drops any path); defaults to `YOUTUBE_API_ROOT`, else Google's. */
  apiRoot?: string;
}

export function resolveApiKey(apiKey?: string): string | undefined {
  const key = apiKey ?? process.env.YOUTUBE_API_KEY;
  return key !== undefined && key.trim() !== '' ? key.trim() : undefined;
}

/**
 * The API root (`http://127.0.0.1:8080/`). A root that already ends in `/youtube/v3` loses that
 * suffix: the client appends `/youtube/v3/<resource>` itself.
 */
export function resolveApiRoot(apiRoot?: string): string {
  const root = (apiRoot ?? process.env.YOUTUBE_API_ROOT)?.trim();
  if (root === undefined || root === '') return DEFAULT_API_ROOT;
  const bare = root.replace(/\/+$/, '').replace(/\/youtube\/v3$/i, '');
  return `${bare}/`;
}

/**
 * Google's own client, keyed by an API key. Its built-in retry and timeout are switched off:
 * `callApi` retries itself so every HTTP request is counted against the quota meter, and gives each
 * attempt a deadline of its own (gaxios' `timeout` is an `AbortSignal.timeout` that Node 20 can
 * garbage-collect before it fires).
 */
export function createYoutubeClient(options: YoutubeClientOptions = {}): youtube_v3.Youtube {
  const apiKey = resolveApiKey(options.apiKey);
  if (apiKey === undefined) {
    throw new KirinukiError(
      'API_KEY_MISSING',
      'No YouTube Data API key: set YOUTUBE_API_KEY, or pass an offline source (.info.json or --comments FILE).',
    );
  }
  const rootUrl = resolveApiRoot(options.apiRoot);
  try {
    new URL(rootUrl);
  } catch {
    throw new KirinukiError('INVALID_ARGUMENT', `YOUTUBE_API_ROOT "${rootUrl}" is not a URL.`);
  }
  apiTimeoutMs(); // a bad KIRINUKI_API_TIMEOUT_MS fails here, before any work
  return youtube({ version: 'v3', auth: apiKey, rootUrl, retry: false });
}
