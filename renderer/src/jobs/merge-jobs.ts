import type { AppEvent, JobView } from '../../../core/app/contract';

/** The jobs a tab knows, by id. */
export type JobMap = ReadonlyMap<string, JobView>;

/** Takes in views from listJobs or a job-update event; of two views of one job the newer (seq) wins. */
export function withViews(map: JobMap, views: readonly JobView[]): JobMap {
  let next: Map<string, JobView> | null = null;
  for (const view of views) {
    const known = (next ?? map).get(view.jobId);
    if (known && known.seq >= view.seq) continue;
    next ??= new Map(map);
    next.set(view.jobId, view);
  }
  return next ?? map;
}

/** One event from the host: a job's whole view, or the latest progress of a running job. */
export function withEvent(map: JobMap, event: AppEvent): JobMap {
  if (event.type === 'job-update') return withViews(map, [event.job]);
  if (event.type !== 'progress') return map;
  const known = map.get(event.jobId);
  if (!known || known.state !== 'running') return map;
  const { type: _type, jobId: _jobId, ...progress } = event;
  return new Map(map).set(event.jobId, { ...known, progress });
}

/** Newest first. */
export function sortedJobs(map: JobMap): JobView[] {
  return [...map.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.seq - a.seq);
}
