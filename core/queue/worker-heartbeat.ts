import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/** The key a live worker process keeps renewed: `kirinuki:worker:<host>:<pid>`. */
export function workerKey(host: string, pid: number): string {
  return `kirinuki:worker:${host}:${pid}`;
}

/** Whether the process `host:pid` is a worker that renewed its heartbeat within the lock time. */
export async function isWorkerAlive(redis: Redis, holder: { host: string; pid: number }): Promise<boolean> {
  return (await redis.exists(workerKey(holder.host, holder.pid))) === 1;
}

/**
 * Says in Redis that this worker process is alive, renewed every third of `ttlMs`: a worker on
 * another machine finding this process's lock file in the shared folder knows whether it may take
 * the project over (the key expires `ttlMs` after a SIGKILL).
 */
export function startHeartbeat(redis: Redis, ttlMs: number): { stop: () => Promise<void> } {
  const key = workerKey(hostname(), process.pid);
  const beat = (): void => void redis.set(key, new Date().toISOString(), 'PX', ttlMs).catch(() => undefined);
  beat();
  const timer = setInterval(beat, Math.max(50, Math.floor(ttlMs / 3)));
  return {
    stop: async () => {
      clearInterval(timer);
      await redis.del(key).catch(() => undefined);
    },
  };
}
