import type { JobView } from '../../../core/app/contract';
import { call } from '../api/call';
import { useJobs } from '../hooks/useJobs';
import { jobLabel } from '../jobs/job-label';
import { ProgressBar } from './ProgressBar';

/**
 * The running jobs of the service, on every screen and in every tab: what each does, on which
 * project, its progress and a Cancel. Clicking one opens the screen it belongs to.
 */
export function JobTray({ onOpen }: { onOpen: (job: JobView) => void }) {
  const running = useJobs().jobs.filter((job) => job.state === 'running');
  // screen readers hear each job's progress in 10 % steps (the bars move every frame)
  const said = running.map((job) => `${jobLabel(job)}${job.videoId ? ` (${job.videoId})` : ''}: ${Math.floor(Math.min(1, Math.max(0, job.progress?.fraction ?? 0)) * 10) * 10}%`).join('; ');
  const status = (
    <div className="sr-only" role="status" aria-live="polite" data-testid="job-announcer">
      {said}
    </div>
  );
  if (running.length === 0) return status;
  return (
    <>
    {status}
    <ul className="job-tray" aria-label="Running jobs" data-testid="job-tray">
      {running.map((job) => (
        <li key={job.jobId} className="tray-job" data-testid={`tray-job-${job.kind}`}>
          <button type="button" className="tray-open" onClick={() => onOpen(job)} title={`${jobLabel(job)}${job.videoId ? ` · ${job.videoId}` : ''}`}>
            <span>{jobLabel(job)}</span>
            {job.videoId ? <span className="muted small">{job.videoId}</span> : null}
          </button>
          <ProgressBar fraction={job.progress?.fraction ?? 0} />
          <button type="button" className="tray-cancel" onClick={() => void call('cancelJob', { jobId: job.jobId })} data-testid={`tray-cancel-${job.kind}`}>
            Cancel
          </button>
        </li>
      ))}
    </ul>
    </>
  );
}
