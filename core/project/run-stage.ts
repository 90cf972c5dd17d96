import { toErrorPayload } from '../errors.js';
import type { ProjectStore } from './project-store.js';
import type { Project, StageName } from './project-schema.js';

export interface StageRun {
  stage: StageName;
  /** Everything the stage's output depends on; a change makes the stage run again. */
  inputs: unknown;
  compute: () => Promise<Partial<Project>>;
  /** Checks that a complete stage's outputs still exist (e.g. clip files); invalid → run again. */
  isValid?: (project: Project) => Promise<boolean>;
}

/** Those mean "stopped", not "this stage is broken": they are not recorded as a failure. */
const STOP_CODES = new Set(['CANCELLED', 'QUOTA_EXCEEDED', 'QUOTA_BUDGET_REACHED']);

/** Runs a stage unless it is complete with the same inputs and still valid; records the result. */
export async function runStage(store: ProjectStore, run: StageRun): Promise<'skipped' | 'ran'> {
  if (store.isComplete(run.stage, run.inputs) && (await (run.isValid?.(store.project) ?? true))) {
    return 'skipped';
  }
  try {
    const patch = await run.compute();
    await store.completeStage(run.stage, run.inputs, patch);
    return 'ran';
  } catch (error) {
    if (!STOP_CODES.has(toErrorPayload(error).code)) await store.failStage(run.stage, run.inputs, error);
    throw error;
  }
}
