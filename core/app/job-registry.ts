import { randomBytes } from 'node:crypto';
import { KirinukiError, type ErrorPayload } from '../errors.js';
import type { AppEvent, AppProgress, JobKind, JobState, JobView } from './contract.js';

/** How many finished jobs the registry remembers (their state, result or error). */
export const KEEP_FINISHED = 50;

/**
 * Kinds that may not run twice at once on one project, by group (attaching and downloading both
 * write the project's video), with how to say what the running one is doing.
 */
const ONE_PER_PROJECT: Partial<Record<JobKind, { group: string; doing: (videoId: string) => string }>> = {
  exportClips: { group: 'export', doing: (id) => `Clips of ${id} are already being exported` },
  analyzeFaces: { group: 'faces', doing: (id) => `The people of ${id} are already being analysed` },
  downloadVideo: { group: 'video', doing: (id) => `The video of ${id} is already being downloaded` },
  attachVideo: { group: 'video', doing: (id) => `The video of ${id} is already being attached` },
};

interface Running {
  view: JobView;
  controller: AbortController;
  paused: boolean;
}

/** What the one who started a job holds: its signal, and the calls that report on it. */
export interface JobHandle {
  jobId: string;
  signal: AbortSignal;
  paused: () => boolean;
  progress: (progress: AppProgress) => void;
  /** Ends the job with its method's value or its error; the state follows from both. */
  finish: (outcome: { ok: true; value: unknown } | { ok: false; error: ErrorPayload }) => void;
}

/**
 * The jobs of the app service. Every long call runs as a job here until it ends, whoever started
 * it and whether or not they are still listening: its state, latest progress and, once finished,
 * its result or error are kept (the last KEEP_FINISHED finished ones), so any tab can list them and
 * follow them through the events. Cancel, pause and quitting stop a job through its signal; a
 * second job of a kind on a project already running one is refused with PROJECT_BUSY.
 */
export class JobRegistry {
  private readonly running = new Map<string, Running>();
  private finished: JobView[] = [];
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private seq = 0;

  /** Starts a job, or throws PROJECT_BUSY / INVALID_ARGUMENT before anything runs. */
  begin(kind: JobKind, args: unknown, jobId: string | null): JobHandle {
    const id = jobId ?? `${kind}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    if (this.running.has(id)) throw new KirinukiError('INVALID_ARGUMENT', `A job with the id ${id} is already running; pick a new id.`);
    const videoId = videoIdOf(args);
    this.refuseIfBusy(kind, videoId);
    const view = { jobId: id, kind, videoId, state: 'running', startedAt: new Date().toISOString(), endedAt: null, progress: null, result: null, error: null, seq: this.next() } as JobView;
    const job: Running = { view, controller: new AbortController(), paused: false };
    this.running.set(id, job);
    this.finished = this.finished.filter((old) => old.jobId !== id);
    this.emit({ type: 'job-update', jobId: id, job: view });
    this.emit({ type: 'job', jobId: id, state: 'running' });
    return {
      jobId: id,
      signal: job.controller.signal,
      paused: () => job.paused,
      progress: (progress) => {
        if (this.running.get(id) !== job) return;
        job.view = { ...job.view, progress, seq: this.next() } as JobView;
        this.emit({ type: 'progress', jobId: id, ...progress });
      },
      finish: (outcome) => {
        if (this.running.get(id) !== job) return;
        this.running.delete(id);
        const state: JobState = job.paused ? 'paused' : outcome.ok ? 'done' : outcome.error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        const ended = {
          ...job.view,
          state,
          endedAt: new Date().toISOString(),
          result: outcome.ok ? outcome.value : null,
          error: outcome.ok ? null : outcome.error,
          seq: this.next(),
        } as JobView;
        this.finished = [ended, ...this.finished].slice(0, KEEP_FINISHED);
        this.emit({ type: 'job-update', jobId: id, job: ended });
        this.emit({ type: 'job', jobId: id, state });
      },
    };
  }

  /** Running jobs first, then the finished ones; newest first in each; by project if asked. */
  list(videoId?: string): JobView[] {
    const running = [...this.running.values()].map((job) => job.view).reverse();
    return [...running, ...this.finished].filter((job) => videoId === undefined || job.videoId === videoId);
  }

  get(jobId: string): JobView | null {
    return this.running.get(jobId)?.view ?? this.finished.find((job) => job.jobId === jobId) ?? null;
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  pause(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.paused = true;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }

  /** How many jobs are running now. */
  get runningCount(): number {
    return this.running.size;
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private refuseIfBusy(kind: JobKind, videoId: string | null): void {
    const rule = ONE_PER_PROJECT[kind];
    if (!rule || videoId === null) return;
    for (const { view } of this.running.values()) {
      const other = ONE_PER_PROJECT[view.kind];
      if (view.videoId !== videoId || other?.group !== rule.group) continue;
      const started = new Date(view.startedAt).toLocaleTimeString('en-GB');
      throw new KirinukiError('PROJECT_BUSY', `${other.doing(videoId)} (job ${view.jobId}, started ${started}); wait for it or cancel it.`);
    }
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }
}

function videoIdOf(args: unknown): string | null {
  // a call about one file of a project (publishClip) names it by its MediaRef
  const named = args as { videoId?: unknown; file?: { videoId?: unknown } } | null;
  const videoId = named?.videoId ?? named?.file?.videoId;
  return typeof videoId === 'string' ? videoId : null;
}
