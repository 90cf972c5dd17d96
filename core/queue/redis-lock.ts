import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { cancelledError, throwIfAborted } from '../cancel.js';

/** Deletes the key only when it still holds our token (a lock that expired and was taken is not ours). */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Extends the key only when it still holds our token. */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface RedisLockOptions {
  /** How long the lock lives without a renewal: a dead holder's lock is free after this. */
  ttlMs: number;
  signal?: AbortSignal;
  /** Told once, with the holder, when the lock is busy and the caller waits. */
  onWait?: (holder: string) => void;
  /** Told when a renewal finds the lock gone (this process stalled past ttlMs): stop writing. */
  onLost?: () => void;
}

export interface RedisLock {
  release: () => Promise<void>;
}

/** The key of a project's lock across machines (one projects root per Redis database). */
export function projectLockKey(videoId: string): string {
  return `kirinuki:project:${videoId}:lock`;
}

/**
 * A lock in Redis (SET NX PX with a token of our own), for what a shared folder's file locks cannot
 * promise across machines. Waits for the holder, renews itself every third of its life, and is
 * released by compare-and-delete, so a lock that expired and was taken by another is left alone.
 */
export async function acquireRedisLock(redis: Redis, key: string, options: RedisLockOptions): Promise<RedisLock> {
  const token = `${hostname()}:${process.pid}:${randomUUID()}`;
  let told = false;
  for (;;) {
    throwIfAborted(options.signal);
    if ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK') break;
    if (!told) {
      told = true;
      options.onWait?.((await redis.get(key)) ?? 'another worker');
    }
    try {
      await sleep(Math.min(250, options.ttlMs / 4), undefined, options.signal ? { signal: options.signal } : undefined);
    } catch {
      throw cancelledError();
    }
  }
  const renewal = setInterval(() => {
    redis.eval(RENEW_SCRIPT, 1, key, token, options.ttlMs).then(
      (renewed) => {
        if (renewed === 0) {
          clearInterval(renewal);
          options.onLost?.();
        }
      },
      () => undefined, // Redis away for a moment: the next renewal tries again, expiry decides
    );
  }, Math.max(50, Math.floor(options.ttlMs / 3)));
  return {
    release: async () => {
      clearInterval(renewal);
      await redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined);
    },
  };
}
