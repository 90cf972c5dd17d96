import { toErrorPayload } from '../errors.js';
import { createProgressReporter, type ProgressReporter } from './progress-reporter.js';

export interface CommonOptions {
  json?: boolean;
}

export interface CommandContext {
  json: boolean;
  progress: ProgressReporter;
  signal: AbortSignal;
  /** A log line on stderr (stdout stays machine-readable with --json). */
  log: (line: string) => void;
}

/**
 * Wraps a command's action: Ctrl-C aborts the signal (so ffmpeg and workers stop), a result is
 * printed as JSON on stdout with --json or by `render` otherwise, and any failure becomes one line
 * `error CODE: message` on stderr (plus `{error}` on stdout with --json) and a non-zero exit.
 */
export async function runCommand<T>(
  options: CommonOptions,
  action: (context: CommandContext) => Promise<T>,
  render: (result: T, context: CommandContext) => void,
): Promise<void> {
  const json = options.json === true;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const progress = createProgressReporter({ silent: json });
  const context: CommandContext = {
    json,
    progress,
    signal: controller.signal,
    log: (line) => progress.log(line),
  };
  try {
    const result = await action(context);
    progress.stop();
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else render(result, context);
  } catch (error) {
    progress.stop();
    const payload = toErrorPayload(error);
    process.stderr.write(`error ${payload.code}: ${payload.message}\n`);
    if (process.env.KIRINUKI_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    if (json) process.stdout.write(`${JSON.stringify({ error: payload })}\n`);
    process.exitCode = payload.code === 'CANCELLED' ? 130 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
