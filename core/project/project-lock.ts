import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { acquireFileLock, readHolder, withFileLock, type FileLock, type LockHolder } from './file-lock.js';
import { projectDir } from './project-dir.js';

/** Held for a whole run of the pipeline on one project (an export, an analysis, a channel video). */
const RUN_LOCK = '.kirinuki-run.lock';
/** Held for one read-modify-write of the project's state files (milliseconds). */
const STATE_LOCK = '.kirinuki-state.lock';
/** writeFileAtomic's temporaries (`name.<8 hex>.tmp`) and media's `.part` outputs. */
const TEMPORARY = /\.[0-9a-f]{8}\.tmp$|\.part$/;

export interface ProjectRunLockOptions {
  /** What this run is, in words ("kirinuki clips", "export in the app"). */
  what: string;
  wait: boolean;
  signal?: AbortSignal;
  onWait?: (holder: LockHolder) => void;
}

const since = (holder: LockHolder): string => (holder.since ? `, since ${holder.since.replace('T', ' ').slice(0, 19)}` : '');

/** The half-written files a dead holder left in a project folder (never a live run's). */
async function removeTemporaries(dir: string, depth = 3): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && TEMPORARY.test(entry.name)) {
      await rm(path, { force: true });
      removed += 1;
    } else if (entry.isDirectory() && depth > 0) {
      removed += await removeTemporaries(path, depth - 1);
    }
  }
  return removed;
}

/**
 * Claims a project for one run: the only writer of its outputs until released. A second run
 * waits or fails with PROJECT_BUSY naming the holder; a lock left by a dead process is taken
 * over, and only then are that project's half-written temporaries deleted.
 */
export function lockProjectRun(root: string | undefined, videoId: string, options: ProjectRunLockOptions): Promise<FileLock> {
  const dir = projectDir(root, videoId);
  return acquireFileLock(join(dir, RUN_LOCK), {
    what: options.what,
    wait: options.wait,
    signal: options.signal,
    onWait: options.onWait,
    busyMessage: (holder) =>
      `Project ${videoId} is busy: ${holder.what} (process ${holder.pid}${since(holder)}) is working on it; wait for it to finish or stop it, then try again.`,
    onTakeover: async () => {
      await removeTemporaries(dir);
    },
  });
}

/**
 * Frees a project whose run lock was left by a process on another machine that died: a file lock
 * cannot see another machine's processes, so it waits for such a holder for ever; a caller that
 * knows it is dead (a queue worker, from its peers' heartbeats in Redis) removes the lock and that
 * project's half-written files, as a takeover on one machine does. Returns the holder removed.
 */
export async function clearDeadForeignRunLock(
  root: string | undefined,
  videoId: string,
  isDead: (holder: LockHolder) => Promise<boolean>,
): Promise<LockHolder | undefined> {
  const dir = projectDir(root, videoId);
  const path = join(dir, RUN_LOCK);
  const holder = await readHolder(path);
  if (!holder || holder.host === hostname() || holder.host === '' || !(await isDead(holder))) return undefined;
  await removeTemporaries(dir);
  await rm(path, { force: true });
  return holder;
}

/** Runs one read-modify-write of a project's state under its state lock (waits for the holder). */
export function withProjectState<T>(root: string | undefined, videoId: string, work: () => Promise<T>): Promise<T> {
  return withProjectFolderState(projectDir(root, videoId), work);
}

/** withProjectState for a caller that knows the project by its folder (`projectDir(root, videoId)`). */
export function withProjectFolderState<T>(dir: string, work: () => Promise<T>): Promise<T> {
  return withFileLock(
    // resolved: the lock is one path however the folder was named
    join(resolve(dir), STATE_LOCK),
    {
      what: 'a project update',
      wait: true,
      pollMs: 5,
      busyMessage: (holder) => `Project ${basename(dir)} is being updated by process ${holder.pid}.`,
    },
    work,
  );
}
