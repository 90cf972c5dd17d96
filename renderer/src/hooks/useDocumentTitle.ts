import { useEffect } from 'react';
import type { JobView } from '../../../core/app/contract';
import type { ProjectView } from '../../../core/app/views';
import { jobLabel } from '../jobs/job-label';
import { useJobs } from './useJobs';

/** The tab's title: a running job's progress first (so it shows in a background tab), then the project. */
export function documentTitle(project: Pick<ProjectView, 'title' | 'videoId'> | null, running: JobView[]): string {
  const parts: string[] = [];
  // the job of the open project first, else the newest
  const job = running.find((j) => project && j.videoId === project.videoId) ?? running[0];
  if (job) {
    const fraction = job.progress?.fraction;
    const percent = typeof fraction === 'number' && Number.isFinite(fraction) ? `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}% ` : '';
    const more = running.length > 1 ? ` (+${running.length - 1})` : '';
    parts.push(`${percent}${jobLabel(job)}${more}`);
  }
  if (project) parts.push(project.title);
  parts.push('Kirinuki');
  return parts.join(' · ');
}

export function useDocumentTitle(project: ProjectView | null): void {
  const running = useJobs().jobs.filter((job) => job.state === 'running');
  const title = documentTitle(project, running);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
