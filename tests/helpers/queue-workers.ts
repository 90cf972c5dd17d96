import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, type CliRun } from './built-cli.js';

/** A `kirinuki worker` process of a test, with what it has written so far. */
export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(name: string, cliDir: string, args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [join(cliDir, 'bin/kirinuki.js'), 'worker', ...args], {
    cwd: cliDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { name, child, output: () => text, exited };
}

/** Waits until `check` gives a value (polling), or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** `kirinuki channel … --status --json` parsed (the CLI's own exit must be 0). */
export async function queueStatus<T>(cliDir: string, args: string[], env: Record<string, string>): Promise<T> {
  const run: CliRun = await runCli(['channel', ...args, '--status', '--json'], { cliDir, env });
  if (run.code !== 0) throw new Error(`--status exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The lines of workers' logs saying a video was finished: `<id> done: … ran: a,b,c (job …)`. */
export function finishedLines(workers: WorkerProcess[], videoId: string): string[] {
  return workers.flatMap((w) => w.output().split('\n')).filter((line) => line.includes(` ${videoId} done:`) || line.includes(` ${videoId} skipped:`));
}
