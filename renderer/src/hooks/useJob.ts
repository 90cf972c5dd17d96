import { useState } from 'react';
import { newJobId } from '../api/call';
import { useJobProgress, type JobProgress } from './useJobProgress';

export interface Job extends JobProgress {
  /** The running job's id, null when idle. */
  id: string | null;
  /** Runs one long call under a fresh job id: clears the error first, reports a failure to it. */
  run: (work: (jobId: string) => Promise<void>) => Promise<void>;
}

/** A screen's long-running call (open, analyse, export, download, channel) with its live progress. */
export function useJob(prefix: string, setError: (error: unknown) => void): Job {
  const [id, setId] = useState<string | null>(null);
  const progress = useJobProgress(id);
  const run = async (work: (jobId: string) => Promise<void>): Promise<void> => {
    const jobId = newJobId(prefix);
    setId(jobId);
    setError(null);
    try {
      await work(jobId);
    } catch (caught) {
      setError(caught);
    } finally {
      setId(null);
    }
  };
  return { ...progress, id, run };
}
