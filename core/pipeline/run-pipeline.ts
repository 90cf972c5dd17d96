import { throwIfAborted } from '../cancel.js';
import { toErrorPayload } from '../errors.js';
import { fingerprint } from '../project/fingerprint.js';
import type { LockHolder } from '../project/file-lock.js';
import { lockProjectRun } from '../project/project-lock.js';
import type { Project, StageName } from '../project/project-schema.js';
import { isStageComplete, readProject, updateProject } from '../project/project-store.js';
import type { Progress, ProgressListener } from '../progress.js';
import type { PipelineStage, StageContext } from './pipeline-stage.js';

export interface PipelineRunOptions {
  root: string;
  videoId: string;
  /** What project.json records as the project's source (URL, id or path). */
  source: string;
  /** What this run is, in words, for whoever has to wait for it ("kirinuki clips"). */
  what: string;
  /** When another run holds the project: wait for it (CLI, channel) or fail with PROJECT_BUSY (app). */
  wait: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Told when the run waits for another, and which stages it kept from an earlier run. */
  log?: (line: string) => void;
  /** Told who holds the project when this run has to wait for it. */
  onWait?: (holder: LockHolder) => void;
}

export interface PipelineResult {
  project: Project;
  ran: StageName[];
  skipped: StageName[];
}

/** Those mean "stopped", not "this stage is broken": they are not recorded as a failure. */
const STOP_CODES = new Set(['CANCELLED', 'QUOTA_EXCEEDED', 'QUOTA_BUDGET_REACHED', 'PROJECT_BUSY']);

/**
 * The one runner of the pipeline: holds the project's run lock, and for each stage of the plan
 * either reuses its complete result (same input fingerprint, outputs still there) or runs it,
 * writing the project state atomically after each. Progress is structured: `{stage, index,
 * count, fraction, message}`. An abort stops it between and inside stages.
 */
export async function runPipeline<J>(plan: PipelineStage<J>[], job: J, options: PipelineRunOptions): Promise<PipelineResult> {
  throwIfAborted(options.signal);
  const log = options.log ?? (() => undefined);
  const lock = await lockProjectRun(options.root, options.videoId, {
    what: options.what,
    wait: options.wait,
    signal: options.signal,
    onWait: (holder) => {
      options.onWait?.(holder);
      log(`waiting for ${holder.what} (process ${holder.pid}) to finish with project ${options.videoId}…`);
    },
  });
  try {
    const result: PipelineResult = { project: await currentProject(options), ran: [], skipped: [] };
    for (const [index, stage] of plan.entries()) {
      throwIfAborted(options.signal);
      const context = stageContext(options, index, plan.length);
      const outcome = await runOne(stage, job, result.project, context, options);
      result.project = outcome.project;
      (outcome.ran ? result.ran : result.skipped).push(stage.name);
    }
    if (result.skipped.length > 0) log(stagesLine(result));
    return result;
  } finally {
    await lock.release();
  }
}

/** "ran: export; skipped (unchanged): comments, moments, acquire", for the log of a re-run. */
function stagesLine(result: PipelineResult): string {
  const ran = result.ran.length > 0 ? `ran: ${result.ran.join(', ')}` : 'ran: nothing';
  return `${ran}; skipped (unchanged): ${result.skipped.join(', ')}`;
}

async function currentProject(options: PipelineRunOptions): Promise<Project> {
  return (await readProject(options.root, options.videoId)) ?? updateProject(options.root, options.videoId, options.source, {});
}

function stageContext(options: PipelineRunOptions, index: number, count: number): StageContext {
  const onProgress = options.onProgress;
  return {
    signal: options.signal,
    // the stage's own events keep their names (download, clip, summary); the runner adds where it is
    onProgress: onProgress ? (p: Progress) => onProgress({ ...p, index, count }) : () => undefined,
    log: options.log ?? (() => undefined),
  };
}

async function runOne<J>(
  stage: PipelineStage<J>,
  job: J,
  project: Project,
  context: StageContext,
  options: PipelineRunOptions,
): Promise<{ project: Project; ran: boolean }> {
  await stage.check?.(job, project, context);
  const inputs = await stage.inputs(job, project);
  const always = stage.always?.(job) === true;
  if (!always && isStageComplete(project, stage.name, inputs) && (await (stage.reuse?.(job, project, context) ?? true))) {
    context.onProgress({ stage: stage.name, fraction: 1, message: 'unchanged: skipped' });
    return { project, ran: false };
  }
  const state = (status: 'complete' | 'failed', error?: unknown) => ({
    status,
    fingerprint: fingerprint(inputs),
    completedAt: new Date().toISOString(),
    ...(error === undefined ? {} : { error: toErrorPayload(error) }),
  });
  try {
    const patch = await stage.run(job, context, project);
    const next = await updateProject(options.root, options.videoId, options.source, (current) => ({
      ...patch,
      stages: { ...current.stages, [stage.name]: state('complete') },
    }));
    return { project: next, ran: true };
  } catch (error) {
    if (!STOP_CODES.has(toErrorPayload(error).code)) {
      await updateProject(options.root, options.videoId, options.source, (current) => ({
        stages: { ...current.stages, [stage.name]: state('failed', error) },
      }));
    }
    throw error;
  }
}
