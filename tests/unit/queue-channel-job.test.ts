import { describe, expect, it } from 'vitest';
import { channelJobId, failureOf, failureReason, jobSettings, parseChannelJob } from '../../core/queue/channel-job.js';
import { failureKind } from '../../core/queue/failure-kind.js';
import { parseRedisUrl } from '../../core/queue/redis-url.js';

describe('channel jobs', () => {
  const settings = jobSettings({ moments: { minLength: 2, maxLength: 3 }, clips: { crop: 'center', noFaces: true, top: 1 }, signals: ['comments'] });

  it('are named by the video and the settings, so the same batch enqueued twice is the same jobs', () => {
    const again = jobSettings({ signals: ['comments'], clips: { top: 1, noFaces: true, crop: 'center' }, moments: { maxLength: 3, minLength: 2 } });
    expect(channelJobId('abcdefghijk', again)).toBe(channelJobId('abcdefghijk', settings));
    expect(channelJobId('abcdefghijk', settings)).toMatch(/^abcdefghijk-[0-9a-f]{12}$/);
    expect(channelJobId('abcdefghijk', jobSettings({ ...settings, clips: { crop: 'blur' } }))).not.toBe(channelJobId('abcdefghijk', settings));
  });

  it('carry no run-time objects (signal, latch, callbacks)', () => {
    const withRuntime = jobSettings({ ...settings, ytdlpLatch: {}, ...({ signal: new AbortController().signal, log: () => undefined } as object) });
    expect(withRuntime).toEqual(settings);
  });

  it('are validated when read back from Redis, naming the bad field', () => {
    const data = { videoId: 'abcdefghijk', title: 't', channelId: 'UCx', settings };
    expect(parseChannelJob('j1', data)).toEqual(data);
    expect(() => parseChannelJob('j1', { ...data, videoId: '../../etc' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('videoId') }));
    expect(() => parseChannelJob('j1', { ...data, settings: { clips: { crop: 'zoom' } } })).toThrow(/settings\.clips\.crop/);
  });

  it('keep their failure code in failedReason', () => {
    const reason = failureReason({ code: 'COMMENTS_DISABLED', message: 'Comments are off: x.' });
    expect(failureOf(reason)).toEqual({ code: 'COMMENTS_DISABLED', message: 'Comments are off: x.' });
    expect(failureOf('job stalled more than allowable limit')).toEqual({ code: 'INTERNAL', message: 'job stalled more than allowable limit' });
  });
});

describe('failureKind', () => {
  it('retries transient failures, fails permanent ones at once, pauses for the quota', () => {
    expect(['NETWORK', 'INTERNAL', 'DOWNLOAD_FAILED'].map((c) => failureKind(c as never))).toEqual(['retry', 'retry', 'retry']);
    expect(['COMMENTS_DISABLED', 'VIDEO_NOT_FOUND', 'GUIDELINE_PAID', 'INVALID_ARGUMENT', 'NO_VIDEO_STREAM'].map((c) => failureKind(c as never))).toEqual(Array(5).fill('permanent'));
    expect(failureKind('QUOTA_EXCEEDED')).toBe('quota');
    expect(failureKind('QUOTA_BUDGET_REACHED')).toBe('quota');
    expect(failureKind('CANCELLED')).toBe('hand-back');
    expect(failureKind('API_KEY_INVALID')).toBe('worker');
  });
});

describe('parseRedisUrl', () => {
  it('reads host, port and database', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, display: 'redis://10.0.0.5:6380/2' });
    expect(parseRedisUrl('redis://queue.local')).toMatchObject({ host: 'queue.local', port: 6379, db: 0 });
  });

  it('keeps a password out of what it shows', () => {
    const address = parseRedisUrl('redis://:s3cret@queue.local:6379/1');
    expect(address.password).toBe('s3cret');
    expect(address.display).not.toContain('s3cret');
    expect(() => parseRedisUrl('redis://:s3cret@queue.local/99')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('refuses what is not a redis:// URL with INVALID_ARGUMENT', () => {
    for (const bad of ['http://x:1', 'localhost:6379', 'redis://h/abc']) {
      expect(() => parseRedisUrl(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('--queue') }));
    }
  });
});
