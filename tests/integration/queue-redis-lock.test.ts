import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../core/queue/redis-client.js';
import { acquireRedisLock, projectLockKey } from '../../core/queue/redis-lock.js';
import { quotaDayKey, redisQuotaCounter } from '../../core/queue/redis-quota.js';
import { parseRedisUrl } from '../../core/queue/redis-url.js';
import { QuotaMeter } from '../../core/youtube/quota-meter.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

let server: TestRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startTestRedis();
  redis = await connectRedis(parseRedisUrl(server.url(3)), { persistent: false });
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe('the project lock in Redis', () => {
  it('is held by one at a time, renewed while held, and released only by its holder', async () => {
    const key = projectLockKey('lockVid0001');
    const first = await acquireRedisLock(redis, key, { ttlMs: 600 });
    const holder = await redis.get(key);
    let waitedFor = '';
    const second = acquireRedisLock(redis, key, { ttlMs: 600, onWait: (h) => (waitedFor = h) });
    await sleep(1500); // more than twice the ttl: the renewals keep it
    expect(await redis.get(key)).toBe(holder);
    expect(waitedFor).toBe(holder);
    await first.release();
    const next = await second;
    expect(await redis.get(key)).not.toBe(holder);
    await first.release(); // a release of a lock now someone else's leaves it alone
    expect(await redis.get(key)).not.toBeNull();
    await next.release();
    expect(await redis.get(key)).toBeNull();
  });

  it('is taken over once a dead holder\'s lock expires, and tells a holder that lost it', async () => {
    const key = projectLockKey('lockVid0002');
    await redis.set(key, 'dead-host:1:token', 'PX', 500); // a killed worker's: nobody renews it
    let lost = false;
    const started = Date.now();
    const lock = await acquireRedisLock(redis, key, { ttlMs: 600, onLost: () => (lost = true) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await redis.set(key, 'thief', 'PX', 5000);
    await sleep(400);
    expect(lost).toBe(true);
    await lock.release();
    expect(await redis.get(key)).toBe('thief');
  });

  it('stops waiting when cancelled', async () => {
    const key = projectLockKey('lockVid0003');
    await redis.set(key, 'busy', 'PX', 10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(acquireRedisLock(redis, key, { ttlMs: 600, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('the shared quota counter', () => {
  it('counts every worker\'s units on one daily key and never lets them pass the budget together', async () => {
    const meters = Array.from({ length: 4 }, () => new QuotaMeter({ shared: redisQuotaCounter(redis, { budget: 25, batchKey: 'kirinuki:batch:UCtest' }) }));
    const outcomes = await Promise.allSettled(meters.flatMap((meter) => Array.from({ length: 10 }, () => meter.reserve('commentThreads.list'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(25);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'QUOTA_BUDGET_REACHED' });
    expect(Number(await redis.get(quotaDayKey()))).toBe(25);
    expect(meters.reduce((sum, m) => sum + m.units, 0)).toBe(25);
    expect(await redis.hgetall('kirinuki:batch:UCtest')).toEqual({ units: '25', requests: '25' });
  });
});
