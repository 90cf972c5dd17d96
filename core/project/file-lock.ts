import { hostname } from 'node:os';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cancelledError } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { isProcessRunning } from '../is-process-running.js';

/** Who holds a lock, as written in the lock file and shown to whoever has to wait for it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, in words: "kirinuki clips", "export in the app". */
  what: string;
  since: string;
}

export interface FileLockOptions {
  what: string;
  /** Wait for the holder to finish (polling) instead of failing with PROJECT_BUSY. */
  wait: boolean;
  signal?: AbortSignal;
  /** Told once when the lock is busy and the caller waits. */
  onWait?: (holder: LockHolder) => void;
  /** The sentence of the PROJECT_BUSY error, given the holder. */
  busyMessage: (holder: LockHolder) => string;
  /** How often a waiting caller looks again (default 150 ms). */
  pollMs?: number;
  /** Called when a lock left by a dead process is taken over, before it is held. */
  onTakeover?: (dead: LockHolder) => Promise<void>;
}

export interface FileLock {
  release: () => Promise<void>;
}

const POLL_MS = 150;
/** Locks this process holds, by path: a second job of the same process is as busy as another process. */
const heldHere = new Map<string, LockHolder>();

/** The holder written in a lock file, or undefined when there is none. */
export async function readHolder(path: string): Promise<LockHolder | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number') return { pid: value.pid, host: String(value.host ?? ''), what: String(value.what ?? 'another run'), since: String(value.since ?? '') };
  } catch {
    // a lock file cut short by a crash: its writer is gone
  }
  return { pid: 0, host: '', what: 'an interrupted run', since: '' };
}

/** A holder on another machine (a shared folder) cannot be checked, so it counts as alive. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return holder.host !== '' && holder.pid > 0;
  return holder.pid > 0 && isProcessRunning(holder.pid);
}

let serial = 0;

/**
 * Creates the lock file with its content in one step: written under a name of its own, then
 * hard-linked to the lock's name (which fails if it exists). A file created empty and written
 * after would be seen half-written by a waiter, taken for a crashed holder's and removed.
 */
async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  serial += 1;
  const draft = `${path}.${process.pid}.${serial}.draft`;
  await writeFile(draft, JSON.stringify(holder));
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/**
 * An exclusive lock as a file created with O_EXCL, holding the holder's pid, host and purpose.
 * A lock whose process is dead is taken over (after `onTakeover`); a live one makes the caller
 * wait or fail with PROJECT_BUSY naming the holder. Within one process a map plays the same role,
 * since two jobs of one server share a pid.
 */
export async function acquireFileLock(path: string, options: FileLockOptions): Promise<FileLock> {
  await mkdir(dirname(path), { recursive: true });
  const me: LockHolder = { pid: process.pid, host: hostname(), what: options.what, since: new Date().toISOString() };
  let told = false;
  for (;;) {
    if (options.signal?.aborted) throw cancelledError();
    const here = heldHere.get(path);
    const holder = here ?? (await readHolder(path));
    if (!holder) {
      if (await tryCreate(path, me)) {
        heldHere.set(path, me);
        return { release: () => release(path, me) };
      }
    } else if (!here && !isAlive(holder)) {
      await options.onTakeover?.(holder);
      await rm(path, { force: true });
    } else {
      if (!options.wait) throw new KirinukiError('PROJECT_BUSY', options.busyMessage(holder));
      if (!told) options.onWait?.(holder);
      told = true;
      await sleep(options.pollMs ?? POLL_MS, undefined, { signal: options.signal }).catch(() => {
        throw cancelledError();
      });
    }
  }
}

async function release(path: string, me: LockHolder): Promise<void> {
  if (heldHere.get(path) !== me) return;
  heldHere.delete(path);
  const current = await readHolder(path);
  if (current && current.pid === me.pid && current.since === me.since) await rm(path, { force: true });
}

/** Runs `work` holding the lock, releasing it however `work` ends. */
export async function withFileLock<T>(path: string, options: FileLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireFileLock(path, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
