import type { Progress } from '../progress.js';

/** What a job's progress holds in Redis: the stage and how far it is. */
export interface JobProgress {
  stage: string;
  fraction: number;
  message?: string;
}

const EVERY_MS = 500;
/** Stages reported inside another that carries them as its item (an export's clips): not forwarded twice. */
const NESTED = new Set(['clip']);

/**
 * Forwards the pipeline's progress to the job (`job.updateProgress`), at most every half second
 * except when the stage changes, so a busy export does not write to Redis hundreds of times.
 */
export function jobProgressListener(
  update: (progress: JobProgress) => Promise<void>,
  onStage: (stage: string) => void = () => undefined,
): (progress: Progress) => void {
  let last = 0;
  let stage = '';
  return (progress) => {
    if (NESTED.has(progress.stage)) return;
    const now = Date.now();
    if (progress.stage === stage && now - last < EVERY_MS && progress.fraction < 1) return;
    last = now;
    if (progress.stage !== stage) onStage(progress.stage);
    stage = progress.stage;
    const fraction = progress.item ? progress.item.fraction : progress.fraction;
    const message = progress.item?.label ?? progress.message;
    void update({ stage: progress.stage, fraction, ...(message ? { message } : {}) }).catch(() => undefined);
  };
}
