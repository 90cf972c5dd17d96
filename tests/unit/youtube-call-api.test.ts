import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_TIMEOUT_ENV, DEFAULT_API_RETRIES, DEFAULT_API_TIMEOUT_MS, apiTimeoutMs, callApi } from '../../core/youtube/call-api.js';
import { fetchVideoMeta } from '../../core/youtube/fetch-video-meta.js';
import { QuotaMeter } from '../../core/youtube/quota-meter.js';
import { createYoutubeClient } from '../../core/youtube/youtube-client.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

/** A `send` that never answers, and rejects the way gaxios does when its signal aborts. */
function stalled(seen: AbortSignal[]): (signal: AbortSignal) => Promise<{ data: unknown }> {
  return (signal) => {
    seen.push(signal);
    return new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })));
    });
  };
}

function httpFailure(status: number, reason: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), {
    status,
    config: { url: new URL('http://127.0.0.1:9/youtube/v3/videos?id=x&key=SECRET') },
    response: { status, data: { error: { code: status, message: reason, errors: [{ reason }] } } },
  });
}

const FAST = { baseDelayMs: 1 };
const ctx = (quota: QuotaMeter) => ({ method: 'videos.list' as const, quota, subject: 'video dQ4wT9xYz0A' });

describe('callApi: a deadline on every request, bounded retries, cancel at once', () => {
  afterEach(() => {
    delete process.env[API_TIMEOUT_ENV];
  });

  it('cuts a request that never answers, retries it, then fails with NETWORK', async () => {
    const quota = new QuotaMeter();
    const seen: AbortSignal[] = [];
    const started = Date.now();
    await expect(callApi(stalled(seen), { ...ctx(quota), retry: { ...FAST, attempts: 2, timeoutMs: 30 } })).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringMatching(/did not answer for video dQ4wT9xYz0A within 30 ms \(3 attempts\); check the connection/),
    });
    expect(quota.requests).toBe(3);
    expect(seen.every((s) => s.aborted)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops at once with CANCELLED when the caller aborts mid-request, without retrying', async () => {
    const quota = new QuotaMeter();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await expect(
      callApi(stalled([]), { ...ctx(quota), signal: controller.signal, retry: { ...FAST, timeoutMs: 60_000 } }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(quota.requests).toBe(1);
  });

  it('retries 5xx and 429, never 403 quotaExceeded, 400 or 404', async () => {
    for (const [status, reason, requests, code] of [
      [503, 'backendError', 1 + DEFAULT_API_RETRIES, 'NETWORK'],
      [429, 'rateLimitExceeded', 1 + DEFAULT_API_RETRIES, 'NETWORK'],
      [403, 'quotaExceeded', 1, 'QUOTA_EXCEEDED'],
      [400, 'badRequest', 1, 'INVALID_ARGUMENT'],
      [404, 'videoNotFound', 1, 'VIDEO_NOT_FOUND'],
    ] as const) {
      const quota = new QuotaMeter();
      const failure = await callApi(() => Promise.reject(httpFailure(status, reason)), { ...ctx(quota), retry: FAST }).catch((e: unknown) => e);
      expect(failure, `${status} ${reason}`).toMatchObject({ code });
      expect(quota.requests, `${status} ${reason}`).toBe(requests);
      expect((failure as Error).message).not.toContain('SECRET');
    }
  });

  it('takes the deadline from KIRINUKI_API_TIMEOUT_MS, and refuses a bad one by name', () => {
    expect(apiTimeoutMs()).toBe(DEFAULT_API_TIMEOUT_MS);
    process.env[API_TIMEOUT_ENV] = '250';
    expect(apiTimeoutMs()).toBe(250);
    process.env[API_TIMEOUT_ENV] = '2s';
    expect(() => apiTimeoutMs()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(API_TIMEOUT_ENV) }));
    expect(() => createYoutubeClient({ apiKey: 'k' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('the worst case with the defaults stays well inside two minutes', () => {
    const backOff = [...Array(DEFAULT_API_RETRIES).keys()].reduce((sum, i) => sum + 250 * 2 ** i * 1.25, 0);
    expect((1 + DEFAULT_API_RETRIES) * DEFAULT_API_TIMEOUT_MS + backOff).toBeLessThan(90_000);
  });
});

describe("Google's client against a loopback server that accepts and never answers", () => {
  let server: SilentServer;
  let root: string;
  beforeAll(async () => {
    server = await startSilentServer();
    root = server.url;
  });
  afterAll(() => server.close());

  it('is cut by the deadline: NETWORK naming the endpoint, not the key', async () => {
    const quota = new QuotaMeter();
    const client = createYoutubeClient({ apiKey: 'SECRETKEY', apiRoot: root });
    const failure = (await fetchVideoMeta('dQ4wT9xYz0A', { client, quota, retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 600 } }).then(
      () => new Error('answered'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(failure.code).toBe('NETWORK');
    expect(failure.message).toContain(`${root}/youtube/v3/videos`);
    expect(failure.message).not.toContain('SECRETKEY');
    expect(failure.message).toMatch(/within 600 ms \(2 attempts\); check the connection and YOUTUBE_API_ROOT\.$/);
    expect(quota.requests).toBe(2);
    // each attempt reached the server (600 ms leaves a loaded machine time to send the request)
    await expect.poll(() => server.seen.length).toBe(2);
  });
});
