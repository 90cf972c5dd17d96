import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';

type JobHandlers = Pick<AppService, 'listJobs' | 'getJob' | 'cancelJob' | 'pauseJob'>;

/** The jobs of the service as every tab sees them, and the calls that stop one. */
export function jobHandlers(app: AppContext): JobHandlers {
  return {
    listJobs: async ({ videoId }) => app.jobs.list(videoId),
    getJob: async ({ jobId }) => app.jobs.get(jobId),
    cancelJob: async ({ jobId }) => ({ cancelled: app.jobs.cancel(jobId) }),
    pauseJob: async ({ jobId }) => ({ paused: app.jobs.pause(jobId) }),
  };
}
