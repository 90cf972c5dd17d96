import type { AppEvent } from './contract.js';

interface Job {
  controller: AbortController;
  paused: boolean;
}

/**
 * The running long calls by their caller-chosen id, each with its abort controller, so "cancel",
 * "pause" and quitting the app stop them (and the ffmpeg processes under their signals).
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(event: AppEvent) => void>();

  start(jobId: string, outer?: AbortSignal): { signal: AbortSignal; paused: () => boolean; finish: () => void } {
    this.jobs.get(jobId)?.controller.abort();
    const job: Job = { controller: new AbortController(), paused: false };
    this.jobs.set(jobId, job);
    const onOuterAbort = (): void => job.controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    this.emit({ type: 'job', jobId, state: 'running' });
    return {
      signal: job.controller.signal,
      paused: () => job.paused,
      finish: () => {
        outer?.removeEventListener('abort', onOuterAbort);
        if (this.jobs.get(jobId) === job) this.jobs.delete(jobId);
      },
    };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  pause(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.paused = true;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }

  get running(): number {
    return this.jobs.size;
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
