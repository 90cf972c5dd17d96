import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/app-serve-process.js';

const BIN = join(REPO, 'bin/kirinuki.js');

describe('kirinuki serve (CLI)', () => {
  it('refuses a bad port with a one-line error naming it', () => {
    const result = spawnSync(process.execPath, [BIN, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('error INVALID_ARGUMENT: --port eighty must be a whole number from 0 to 65535.');
  });

  it('prints {url} with --json once listening, answers on 127.0.0.1 only, and stops on SIGINT', async () => {
    const config = await mkdtemp(join(tmpdir(), 'kirinuki-cli-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--json', '--out', join(config, 'p')], {
      env: { ...process.env, KIRINUKI_CONFIG_DIR: config },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0] ?? ''));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(config, { recursive: true, force: true });
    }
  }, 30_000);
});
