import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { JobView } from '../../../core/app/contract';
import { call } from '../api/call';
import { sortedJobs, withEvent, withViews, type JobMap } from './merge-jobs';

export interface JobsContextValue {
  /** Every job of the service this tab knows, newest first. */
  jobs: JobView[];
  /** Reads the service's jobs again (after a call ended, or when the events reconnect). */
  refresh: () => Promise<void>;
  /** Finished jobs whose error this tab's user closed. */
  dismissed: ReadonlySet<string>;
  dismiss: (jobId: string) => void;
}

export const JobsContext = createContext<JobsContextValue | null>(null);

/**
 * The jobs of the app service as this tab sees them: listed on start and on every reconnection of
 * the events, then followed through the events. Jobs belong to the service, so a reload or a
 * second tab shows the same running jobs with their progress.
 */
export function JobsProvider({ children }: { children: ReactNode }) {
  const [map, setMap] = useState<JobMap>(new Map());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const refresh = useCallback(async () => {
    const views = await call('listJobs', {}).catch(() => null);
    if (views) setMap((previous) => withViews(previous, views));
  }, []);

  useEffect(() => {
    const offEvents = window.kirinuki.onEvent((event) => setMap((previous) => withEvent(previous, event)));
    const offConnect = window.kirinuki.onConnect?.(() => void refresh());
    void refresh();
    return () => {
      offEvents();
      offConnect?.();
    };
  }, [refresh]);

  const value = useMemo<JobsContextValue>(
    () => ({
      jobs: sortedJobs(map),
      refresh,
      dismissed,
      dismiss: (jobId) => setDismissed((previous) => new Set(previous).add(jobId)),
    }),
    [map, refresh, dismissed],
  );
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}
