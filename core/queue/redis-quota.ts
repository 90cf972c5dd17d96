import type { Redis } from 'ioredis';
import { KirinukiError } from '../errors.js';
import type { ApiMethod, SharedQuotaCounter } from '../youtube/quota-meter.js';
import { quotaDay } from './quota-day.js';

const DAY_KEY_PREFIX = 'kirinuki:quota:';
/** A day's counter outlives the day by a day, for `--status` after midnight. */
const DAY_KEY_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Counts units on the day's key unless that would pass the budget (atomic: the check and the
 * INCRBY are one script), and adds them to the batch's totals. Returns [1, total] or [0, used].
 */
const TAKE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
if budget >= 0 and used + cost > budget then return {0, used} end
local total = redis.call('INCRBY', KEYS[1], cost)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if KEYS[2] ~= '' then
  redis.call('HINCRBY', KEYS[2], 'units', cost)
  redis.call('HINCRBY', KEYS[2], 'requests', 1)
end
return {1, total}
`;

export interface RedisQuotaOptions {
  /** Units all workers together may spend per quota day (`--quota`). */
  budget?: number;
  /** The hash that adds up a batch's units and requests (`batchKey(channelId)`). */
  batchKey?: string;
}

/** The hash of a channel batch on the queue: units, requests, the run it belongs to. */
export function batchKey(channelId: string): string {
  return `kirinuki:batch:${channelId}`;
}

/** The day's key of the shared quota counter. */
export function quotaDayKey(now = Date.now()): string {
  return `${DAY_KEY_PREFIX}${quotaDay(now).label}`;
}

/** Units counted today (this quota day) by every worker and enqueue of this Redis database. */
export async function unitsToday(redis: Redis): Promise<number> {
  return Number((await redis.get(quotaDayKey())) ?? 0);
}

/**
 * The Data API quota of a whole team: every request of every worker is counted on one key per
 * quota day (midnight Pacific), atomically, and refused with QUOTA_BUDGET_REACHED past `--quota`.
 */
export function redisQuotaCounter(redis: Redis, options: RedisQuotaOptions = {}): SharedQuotaCounter {
  return {
    take: async (units: number, method: ApiMethod) => {
      const key = quotaDayKey();
      const budget = options.budget ?? -1;
      const [taken, count] = (await redis.eval(TAKE_SCRIPT, 2, key, options.batchKey ?? '', units, budget, DAY_KEY_TTL_MS)) as [number, number];
      if (taken === 1) return;
      throw new KirinukiError(
        'QUOTA_BUDGET_REACHED',
        `The daily quota budget of ${budget} units shared by the queue's workers is spent (${count} used today); ${method} was not sent.`,
      );
    },
  };
}
