import { useEffect, useRef, useState } from 'react';
import type { AppProgress, JobKind, JobView } from '../../../core/app/contract';
import { call, CallError, newJobId } from '../api/call';
import { useJobs } from './useJobs';

export interface ServiceJob {
  /** The latest job of these kinds on this project (running or finished), or null. */
  job: JobView | null;
  running: boolean;
  progress: AppProgress | null;
  /** Why the last start was refused (e.g. PROJECT_BUSY), or why the job failed or stopped. */
  error: unknown;
  dismissError: () => void;
  /** Starts one long call under a fresh job id; its outcome is read from the service's job. */
  start: (work: (jobId: string) => Promise<unknown>) => Promise<void>;
  cancel: () => void;
}

/**
 * A screen's view of a job of the service: whoever started it (this tab, another tab, this tab
 * before a reload), the screen shows it with its live progress and can cancel it. `onEnd` runs
 * once when a job this screen saw running (or started) ends, to reload what the job changed.
 * `ownErrorsOnly`: show a failure only for a job this screen started (opening a source).
 */
export function useServiceJob(
  kinds: readonly JobKind[],
  videoId: string | null,
  prefix: string,
  onEnd?: (job: JobView, mine: boolean) => void,
  options: { ownErrorsOnly?: boolean } = {},
): ServiceJob {
  const { jobs, refresh, dismissed, dismiss } = useJobs();
  const [refused, setRefused] = useState<unknown>(null);
  const mine = useRef(new Set<string>());
  const seenRunning = useRef(new Set<string>());
  const ended = useRef(new Set<string>());
  const job = jobs.find((j) => kinds.includes(j.kind) && j.videoId === videoId) ?? null;
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  useEffect(() => {
    if (!job) return;
    if (job.state === 'running') {
      seenRunning.current.add(job.jobId);
      return;
    }
    const id = job.jobId;
    if (ended.current.has(id) || !(seenRunning.current.has(id) || mine.current.has(id))) return;
    ended.current.add(id);
    endRef.current?.(job, mine.current.has(id));
  }, [job]);

  const start = async (work: (jobId: string) => Promise<unknown>): Promise<void> => {
    const jobId = newJobId(prefix);
    mine.current.add(jobId);
    setRefused(null);
    try {
      await work(jobId);
    } catch (caught) {
      // a job that ran reports its own failure; only a refused start (it never ran) is shown here
      const ran = await call('getJob', { jobId }).catch(() => null);
      if (!ran) setRefused(caught);
    }
    await refresh();
  };

  const failed =
    job &&
    (job.state === 'failed' || job.state === 'cancelled') &&
    !dismissed.has(job.jobId) &&
    (!options.ownErrorsOnly || mine.current.has(job.jobId));
  return {
    job,
    running: job?.state === 'running',
    progress: job?.state === 'running' ? job.progress : null,
    error: refused ?? (failed && job.error ? new CallError(job.error.code, job.error.message) : null),
    dismissError: () => {
      setRefused(null);
      if (job) dismiss(job.jobId);
    },
    start,
    cancel: () => {
      if (job?.state === 'running') void call('cancelJob', { jobId: job.jobId });
    },
  };
}
