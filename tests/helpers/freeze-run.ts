import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO, type CliRun } from './built-cli.js';

/**
 * Two runs on one project at once, with the timing made, not hoped for: a CLI run is started in
 * its own process group, frozen (SIGSTOP) once it holds the project's run lock, the second run is
 * started and seen waiting, then the first is let go (SIGCONT).
 */

/** The run lock of a project folder (core/project/project-lock.ts). */
export const RUN_LOCK = '.kirinuki-run.lock';

export interface Running {
  pid: number;
  stderr: () => string;
  done: Promise<CliRun>;
  exited: boolean;
}

export interface StartOptions {
  /** Working directory of the CLI. */
  cwd: string;
  /** Laid over process.env. */
  env?: Record<string, string | undefined>;
}

const started: Running[] = [];

/** The built CLI in its own process group (so SIGSTOP/SIGCONT reach its ffmpeg too), output streamed. */
export function startCli(args: string[], options: StartOptions): Running {
  const child = spawn(process.execPath, [join(REPO, 'bin/kirinuki.js'), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const run: Running = {
    pid: child.pid ?? -1,
    stderr: () => stderr,
    exited: false,
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        run.exited = true;
        resolve({ code, stdout, stderr });
      });
    }),
  };
  started.push(run);
  return run;
}

/** Freezes a run and its children (SIGSTOP to its process group). */
export const pause = (run: Running): void => void process.kill(-run.pid, 'SIGSTOP');
/** Lets a frozen run go on (SIGCONT to its process group). */
export const resume = (run: Running): void => void process.kill(-run.pid, 'SIGCONT');

/** For afterEach: a failed test must not leave a frozen CLI behind. */
export function killStartedRuns(): void {
  for (const run of started.splice(0)) {
    if (run.exited) continue;
    try {
      process.kill(-run.pid, 'SIGCONT');
      process.kill(-run.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(20);
  }
}

/** Who holds a project's run lock right now (undefined when free or being written). */
export async function holder(dir: string): Promise<{ pid: number; what: string } | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, RUN_LOCK), 'utf8')) as { pid: number; what: string };
  } catch {
    return undefined;
  }
}

/** Whether a clip is being encoded in the project folder right now (a `.part` in clips/). */
export async function encoding(dir: string): Promise<boolean> {
  return (await readdir(join(dir, 'clips')).catch(() => [] as string[])).some((n) => n.endsWith('.part'));
}
