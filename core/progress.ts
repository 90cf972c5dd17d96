/** One progress report of a stage: `fraction` runs from 0 to 1. */
export interface Progress {
  stage: string;
  fraction: number;
  message?: string;
  /** The stage's place in the pipeline's plan (set by the pipeline runner). */
  index?: number;
  count?: number;
  /** The item being made inside a stage of several (a clip of an export, a video of a channel). */
  item?: ProgressItem;
}

export interface ProgressItem {
  index: number;
  count: number;
  fraction: number;
  label?: string;
}

export type ProgressListener = (progress: Progress) => void;

/** What every long-running core function accepts besides its own input. */
export interface StageOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export function clampFraction(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * Maps the 0..1 progress of one part of a job onto its slice of the whole job, so an
 * orchestrator can weigh its stages into one figure (e.g. download 30 %, encode 70 %).
 */
export function sliceProgress(
  onProgress: ProgressListener | undefined,
  from: number,
  to: number,
  stage?: string,
): ProgressListener | undefined {
  if (!onProgress) return undefined;
  return (p) =>
    onProgress({
      ...p,
      stage: stage ?? p.stage,
      fraction: from + (to - from) * clampFraction(p.fraction),
    });
}
