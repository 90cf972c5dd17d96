import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface TestRedis {
  port: number;
  /** `redis://127.0.0.1:PORT/DB` for --queue. */
  url: (db?: number) => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real redis-server of its own (a test's or the bench's) on a free loopback port, nothing saved
 * to disk; scripts/ensure-system-tools.mjs installs it (Debian's redis-server).
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: run node scripts/ensure-system-tools.mjs (apt-get install redis-server).`);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await freePort();
    const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 100 && !exited; i += 1) {
      if (await answersPing(port)) {
        return {
          port,
          url: (db = 0) => `redis://127.0.0.1:${port}/${db}`,
          stop: async () => {
            if (exited) return;
            const gone = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGKILL');
            await gone;
          },
        };
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
  }
  throw new Error('redis-server did not start on a loopback port');
}
