import { useEffect, useState } from 'react';
import type { AppEvent, AppProgress } from '../../../core/app/contract';

export interface JobProgress {
  progress: AppProgress | null;
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'paused' | null;
}

/** The latest progress and state of one job, from the host's event stream. */
export function useJobProgress(jobId: string | null): JobProgress {
  const [job, setJob] = useState<JobProgress>({ progress: null, state: null });
  useEffect(() => {
    setJob({ progress: null, state: null });
    if (!jobId) return undefined;
    return window.kirinuki.onEvent((event: AppEvent) => {
      if (event.jobId !== jobId) return;
      if (event.type === 'job') setJob((previous) => ({ ...previous, state: event.state }));
      else {
        const { type: _type, jobId: _id, ...progress } = event;
        setJob((previous) => ({ ...previous, progress }));
      }
    });
  }, [jobId]);
  return job;
}
