import type { Project, StageName } from '../project/project-schema.js';
import type { ProgressListener } from '../progress.js';

/** What a stage gets besides the job: its cancel signal, its own progress and a log line. */
export interface StageContext {
  signal?: AbortSignal;
  /** Progress of this stage alone; the runner adds the stage's place in the plan. */
  onProgress: ProgressListener;
  log: (line: string) => void;
}

/**
 * One stage of the pipeline, declared once: the inputs its result depends on (their fingerprint
 * decides whether it runs again), how it runs, and where its result lives in the project (the
 * patch it returns). `J` is the job: the run's settings and the results of the earlier stages.
 */
export interface PipelineStage<J> {
  readonly name: StageName;
  /** Everything the stage's output depends on; an equal fingerprint skips a complete stage. */
  inputs: (job: J, project: Project) => unknown | Promise<unknown>;
  /** Runs the stage, puts its results on the job for later stages, returns the project patch. */
  run: (job: J, context: StageContext, project: Project) => Promise<Partial<Project>>;
  /**
   * For a complete stage with unchanged inputs: checks its outputs are still there and puts
   * them on the job (cheaply: from the project or a cache). False makes it run again.
   */
  reuse?: (job: J, project: Project, context: StageContext) => Promise<boolean>;
  /**
   * A gate checked before the stage, whether it then runs or is reused (the guidelines before the
   * video is acquired): a throw stops the run there, and is not recorded as the stage failing.
   */
  check?: (job: J, project: Project, context: StageContext) => Promise<void>;
  /** True when the stage must run whatever its fingerprint (matching the channel's people; `--reanalyse`). */
  always?: (job: J) => boolean;
}
