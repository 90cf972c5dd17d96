import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const MAIN_JS = join(REPO, 'dist/core/cli/main.js');

export interface CliRun {
  /** Exit status; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory of the CLI (default: the repo). */
  cwd?: string;
  /** Laid over process.env; an undefined value removes that variable. */
  env?: Record<string, string | undefined>;
  /** Milliseconds until the CLI is sent SIGTERM. */
  timeout?: number;
  /** Own process group, so `process.kill(-pid)` ends the CLI and its children at once. */
  detached?: boolean;
  onStart?: (pid: number) => void;
  /** The folder holding bin/ and dist/ (default: the repo; see snapshotBuiltCli). */
  cliDir?: string;
}

export interface EnsureBuiltOptions {
  /** Throw when `npm run build` exits non-zero (by default only a missing output is a problem). */
  failOnBuildError?: boolean;
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether `builtFile` (relative to the repo) is missing or older than any .ts file under core/. */
export function distIsStale(builtFile = 'dist/core/cli/main.js'): boolean {
  const built = join(REPO, builtFile);
  if (!existsSync(built)) return true;
  return statSync(built).mtimeMs < newestSourceMtime(join(REPO, 'core'));
}

/**
 * Runs `npm run build` only when `builtFile` is stale (under `npm test` it is fresh, so this costs a
 * directory walk). tsc still emits when another part of the tree has a type error, so by default a
 * failed build is not an error: the caller checks that the file it needs is there.
 */
export async function ensureBuilt(builtFile = 'dist/core/cli/main.js', options: EnsureBuiltOptions = {}): Promise<string> {
  const built = join(REPO, builtFile);
  if (!distIsStale(builtFile)) return built;
  const build = await new Promise<CliRun>((done, fail) => {
    const child = spawn('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    collectOutput(child, done, fail);
  });
  if (options.failOnBuildError && build.code !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
  return built;
}

/** `node bin/kirinuki.js ...args`; async so fake servers living in the test process keep answering. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(options.cliDir ?? REPO, 'bin/kirinuki.js'), ...args], {
      cwd: options.cwd ?? REPO,
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached,
      timeout: options.timeout,
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    collectOutput(child, done, fail);
  });
}

function cliEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, ...overrides };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as NodeJS.ProcessEnv;
}

function collectOutput(child: ReturnType<typeof spawn>, done: (run: CliRun) => void, fail: (error: Error) => void): void {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('error', fail);
  child.on('close', (code) => done({ code, stdout, stderr }));
}

/**
 * A private copy of bin/ + dist/ (node_modules linked) in `dir`, taken while dist/ is quiet and
 * checked to load with `probeArgs`, so other engineers rebuilding dist/ mid-run cannot break a long
 * test. Falls back to the repo itself; pass the result as `cliDir`.
 */
export async function snapshotBuiltCli(dir: string, probeArgs: string[] = ['--help']): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = newestMtime(join(REPO, 'dist'));
    await rm(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(REPO, 'dist'), join(dir, 'dist'), { recursive: true });
    cpSync(join(REPO, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const loads = await new Promise<boolean>((done) => {
      const child = spawn(process.execPath, [join(dir, 'bin/kirinuki.js'), ...probeArgs], { stdio: 'ignore' });
      child.on('close', (status) => done(status === 0));
    });
    if (loads && newestMtime(join(REPO, 'dist')) === before) return dir;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return REPO;
}
