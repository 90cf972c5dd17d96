import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { isProcessRunning } from '../is-process-running.js';

const LOCK_FILE = '.kirinuki-batch.lock';
/** writeFileAtomic's temporaries (`name.<8 hex>.tmp`) and media's `.part` outputs. */
const TEMPORARY = /\.[0-9a-f]{8}\.tmp$|\.part$/;

async function removeTemporaries(dir: string, depth: number): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
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
 * Claims a projects root for one batch run. A lock left by a run that was killed is taken over,
 * and the half-written temporaries that run left behind are deleted: no other writer is alive.
 */
export async function lockProjectsRoot(out: string): Promise<{ release: () => Promise<void>; cleaned: number }> {
  const root = resolve(out);
  await mkdir(root, { recursive: true });
  const path = join(root, LOCK_FILE);
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessRunning(holder)) {
      throw new KirinukiError('INVALID_ARGUMENT', `${root} is in use by another Kirinuki run (process ${holder}).`);
    }
    await writeFile(path, `${process.pid}\n`);
  }
  const cleaned = await removeTemporaries(root, 3);
  return { release: () => rm(path, { force: true }), cleaned };
}
