import { Redis } from 'ioredis';
import { KirinukiError } from '../errors.js';
import type { RedisAddress } from './redis-url.js';

export interface RedisClientOptions {
  /** A worker keeps reconnecting when Redis goes away; a one-shot command (enqueue, status) gives up. */
  persistent: boolean;
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * One ioredis connection (BullMQ takes it as its `connection` and duplicates it for blocking calls):
 * connected before it is returned, so an unreachable Redis is one NETWORK error naming it.
 */
export async function connectRedis(address: RedisAddress, options: RedisClientOptions): Promise<Redis> {
  const client = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    username: address.username,
    password: address.password,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // BullMQ's blocking commands must never be cut by a retry limit
    maxRetriesPerRequest: null,
    retryStrategy: options.persistent ? (times) => Math.min(times * 500, 5_000) : () => null,
  });
  client.on('error', () => undefined); // reported through the commands that fail, not as an unhandled event
  try {
    await client.connect();
  } catch {
    client.disconnect();
    throw new KirinukiError('NETWORK', `Cannot reach Redis at ${address.display}; start redis-server there or fix --queue.`);
  }
  return client;
}
