import { join, resolve } from 'node:path';
import { acquireFileLock, type FileLock } from '../project/file-lock.js';

const LOCK_FILE = '.kirinuki-batch.lock';

/**
 * Claims a projects root for one channel batch (channel.json, report.html and people.json are
 * the batch's). A lock left by a killed run is taken over; the half-written files of each video
 * are cleaned by that video's own project lock, never here (a `clips` run may be writing them).
 */
export function lockProjectsRoot(out: string): Promise<FileLock> {
  const root = resolve(out);
  return acquireFileLock(join(root, LOCK_FILE), {
    what: 'a channel run',
    wait: false,
    busyMessage: (holder) => `${root} is in use by another channel run (process ${holder.pid}); wait for it to finish or use another --out.`,
  });
}
