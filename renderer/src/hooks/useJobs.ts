import { useContext } from 'react';
import { JobsContext, type JobsContextValue } from '../jobs/JobsProvider';

/** The service's jobs, from the JobsProvider around the app. */
export function useJobs(): JobsContextValue {
  const value = useContext(JobsContext);
  if (!value) throw new Error('useJobs needs a JobsProvider around the app.');
  return value;
}
