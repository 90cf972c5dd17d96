import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';

type JobHandlers = Pick<AppService, 'listJobs' | 'getJob'>;

/** The jobs of the service as every tab sees them (cancelJob and pauseJob sit with the settings). */
export function jobHandlers(app: AppContext): JobHandlers {
  return {
    listJobs: async ({ videoId }) => app.jobs.list(videoId),
    getJob: async ({ jobId }) => app.jobs.get(jobId),
  };
}
