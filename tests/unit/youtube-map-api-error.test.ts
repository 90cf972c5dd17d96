import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../core/youtube/iso-duration.js';
import { describeApiFailure, isRetryableFailure, mapApiError } from '../../core/youtube/map-api-error.js';
import { QuotaMeter } from '../../core/youtube/quota-meter.js';
import { stripHtml } from '../../core/youtube/strip-html.js';
import { DEFAULT_API_ROOT, resolveApiRoot } from '../../core/youtube/youtube-client.js';

/** The shape gaxios rejects with: status + the API's error body in response.data. */
function httpError(status: number, reason: string, message = 'msg', details?: { reason: string }[]): unknown {
  const error = Object.assign(new Error(message), {
    status,
    response: { status, data: { error: { code: status, message, errors: [{ message, domain: 'd', reason }], ...(details ? { details } : {}) } } },
  });
  return error;
}

function systemError(code: string): unknown {
  return Object.assign(new Error(`request failed, reason: ${code}`), { code });
}

const ctx = { subject: 'video dQ4wT9xYz0A' };

describe('mapApiError', () => {
  it.each([
    [httpError(403, 'commentsDisabled', 'The video … has <code>disabled</code> comments.'), 'COMMENTS_DISABLED'],
    [httpError(403, 'quotaExceeded'), 'QUOTA_EXCEEDED'],
    [httpError(403, 'dailyLimitExceeded'), 'QUOTA_EXCEEDED'],
    [httpError(400, 'keyInvalid', 'Bad Request'), 'API_KEY_INVALID'],
    [httpError(400, 'badRequest', 'API key not valid. Please pass a valid API key.'), 'API_KEY_INVALID'],
    [httpError(400, 'badRequest', 'Bad', [{ reason: 'API_KEY_INVALID' }]), 'API_KEY_INVALID'],
    [httpError(404, 'videoNotFound'), 'VIDEO_NOT_FOUND'],
    [httpError(404, 'notFound'), 'VIDEO_NOT_FOUND'],
    [httpError(403, 'forbidden'), 'FORBIDDEN'],
    [httpError(403, 'accessNotConfigured'), 'FORBIDDEN'],
    [httpError(401, 'unauthorized'), 'FORBIDDEN'],
    [httpError(400, 'invalidPageToken'), 'INVALID_ARGUMENT'],
    [httpError(503, 'backendError'), 'NETWORK'],
    [httpError(500, 'internalError'), 'NETWORK'],
    [systemError('ECONNRESET'), 'NETWORK'],
    [systemError('ECONNREFUSED'), 'NETWORK'],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), 'CANCELLED'],
  ])('%#: → %s', (error, code) => {
    const mapped = mapApiError(error, ctx);
    expect(mapped.code).toBe(code);
    expect(mapped.message).not.toMatch(/<code>|<a /);
  });

  it('names the subject, and CHANNEL_NOT_FOUND replaces VIDEO_NOT_FOUND for channel calls', () => {
    expect(mapApiError(httpError(403, 'commentsDisabled'), ctx).message).toContain('dQ4wT9xYz0A');
    expect(mapApiError(httpError(404, 'playlistNotFound'), { subject: 'channel @x', notFoundCode: 'CHANNEL_NOT_FOUND' })).toMatchObject({
      code: 'CHANNEL_NOT_FOUND',
      message: expect.stringContaining('@x'),
    });
  });

  it('never repeats the API key a network error quotes in its URL', () => {
    const error = new Error('request to http://127.0.0.1:1/youtube/v3/videos?id=x&key=AIzaSECRET&part=snippet failed');
    const mapped = mapApiError(error, ctx);
    expect(mapped.code).toBe('NETWORK');
    expect(mapped.message).not.toContain('AIzaSECRET');
  });

  it('reads a JSON body that arrived as a string', () => {
    const error = { status: 403, response: { status: 403, data: JSON.stringify({ error: { errors: [{ reason: 'quotaExceeded' }] } }) } };
    expect(mapApiError(error, ctx).code).toBe('QUOTA_EXCEEDED');
  });
});

describe('isRetryableFailure', () => {
  it.each([
    [httpError(503, 'backendError'), true],
    [httpError(500, 'internalError'), true],
    [httpError(429, 'rateLimitExceeded'), true],
    [httpError(403, 'rateLimitExceeded'), true],
    [systemError('ECONNRESET'), true],
    [systemError('ETIMEDOUT'), true],
    [httpError(403, 'quotaExceeded'), false],
    [httpError(403, 'commentsDisabled'), false],
    [httpError(400, 'keyInvalid'), false],
    [httpError(404, 'videoNotFound'), false],
  ])('%#: → %s', (error, expected) => {
    expect(isRetryableFailure(describeApiFailure(error))).toBe(expected);
  });
});

describe('QuotaMeter', () => {
  it('counts requests and units per method', () => {
    const meter = new QuotaMeter();
    meter.charge('videos.list');
    meter.charge('commentThreads.list');
    meter.charge('commentThreads.list');
    meter.charge('channels.list');
    meter.charge('playlistItems.list');
    expect(meter.toJSON()).toEqual({ requests: 5, units: 5 });
    expect(meter.requestsOf('commentThreads.list')).toBe(2);
    expect(meter.remaining).toBe(Infinity);
  });

  it('throws QUOTA_BUDGET_REACHED before a request would pass the budget, without counting it', () => {
    const meter = new QuotaMeter({ budget: 2 });
    meter.charge('videos.list');
    meter.charge('commentThreads.list');
    expect(meter.remaining).toBe(0);
    expect(() => meter.charge('commentThreads.list')).toThrow(expect.objectContaining({ code: 'QUOTA_BUDGET_REACHED' }));
    expect(meter.requests).toBe(2);
    expect(() => new QuotaMeter({ budget: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('parseIsoDuration and stripHtml', () => {
  it.each([
    ['PT15M5S', 905],
    ['PT1H23M20S', 5000],
    ['PT45S', 45],
    ['PT10M', 600],
    ['PT2H', 7200],
    ['P1DT1S', 86401],
    ['P0D', 0],
    ['PT1.5S', 1.5],
  ])('%s → %d s', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', '15:05', 'PT5X', '905'])('rejects %j naming the field', (text) => {
    expect(() => parseIsoDuration(text, 'video.duration')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('video.duration') }));
  });

  it('turns textDisplay HTML into the text a viewer typed', () => {
    expect(stripHtml('<a href="https://www.youtube.com/watch?v=x&amp;t=301">5:01</a> lol')).toBe('5:01 lol');
    expect(stripHtml('a<br>b<br/>c')).toBe('a\nb\nc');
    expect(stripHtml('&lt;3 &amp; &quot;x&quot; &#39;y&#39; &#x1F600; &bogus;')).toBe('<3 & "x" \'y\' 😀 &bogus;');
  });
});

describe('resolveApiRoot', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
    ['http://127.0.0.1:8080/youtube/v3', 'http://127.0.0.1:8080/'],
    ['http://127.0.0.1:8080/youtube/v3/', 'http://127.0.0.1:8080/'],
    ['', DEFAULT_API_ROOT],
  ])('%j → %j', (given, expected) => {
    expect(resolveApiRoot(given)).toBe(expected);
  });
});
