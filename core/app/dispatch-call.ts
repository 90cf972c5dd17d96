import { KirinukiError, toErrorPayload } from '../errors.js';
import { cancelledError } from '../cancel.js';
import {
  APP_CONTRACT,
  isJobKind,
  isMethodName,
  type AppService,
  type CallContext,
  type MethodName,
  type Outcome,
} from './contract.js';
import type { JobRegistry } from './job-registry.js';
import { argumentProblem } from './argument-problem.js';

const JOB_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The one entry point of both hosts: checks the method name and the arguments against the
 * contract's zod schemas, runs a long method as a job of the registry (progress events, cancel,
 * pause, one job of a kind per project) and turns every failure into a `{code, message}` outcome.
 * Never throws.
 */
export async function dispatchCall(
  service: AppService,
  jobs: JobRegistry,
  name: unknown,
  rawArgs: unknown,
  options: { jobId?: unknown; signal?: AbortSignal } = {},
): Promise<Outcome<unknown>> {
  try {
    if (!isMethodName(name)) {
      throw new KirinukiError('INVALID_ARGUMENT', `Unknown method "${String(name)}".`);
    }
    const args = parseArgs(name, rawArgs);
    const jobId = readJobId(options.jobId);
    const value = await runAsJob(service, jobs, name, args, jobId, options.signal);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}

function parseArgs(name: MethodName, rawArgs: unknown): unknown {
  const parsed = APP_CONTRACT[name].args.safeParse(rawArgs ?? {});
  if (parsed.success) return parsed.data;
  // the user reads this: their words for the field and the problem, never a zod path
  throw new KirinukiError('INVALID_ARGUMENT', argumentProblem(parsed.error.issues[0]));
}

function readJobId(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !JOB_ID.test(value)) {
    throw new KirinukiError('INVALID_ARGUMENT', 'jobId must be 1 to 100 letters, digits, _ or -.');
  }
  return value;
}

/**
 * A long call runs as a job of the registry, which may refuse it (PROJECT_BUSY) before the method
 * starts. The job belongs to the service, not to the request: the caller's own signal (an HTTP
 * request whose client went away) does not stop it; cancelJob, pauseJob and quitting do.
 */
async function runAsJob(
  service: AppService,
  jobs: JobRegistry,
  name: MethodName,
  args: unknown,
  jobId: string | null,
  outer: AbortSignal | undefined,
): Promise<unknown> {
  const run = service[name] as (args: unknown, context: CallContext) => Promise<unknown>;
  if (!isJobKind(name)) {
    const signal = outer ?? new AbortController().signal;
    return run(args, { jobId: null, signal, onProgress: () => undefined, paused: () => false });
  }
  const job = jobs.begin(name, args, jobId);
  try {
    const value = await run(args, { jobId: job.jobId, signal: job.signal, onProgress: job.progress, paused: job.paused });
    if (job.signal.aborted && !job.paused()) throw cancelledError();
    job.finish({ ok: true, value });
    return value;
  } catch (error) {
    job.finish({ ok: false, error: toErrorPayload(error) });
    throw error;
  }
}
