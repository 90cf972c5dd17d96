import cliProgress from 'cli-progress';
import type { Progress, ProgressListener } from '../progress.js';

export interface ProgressReporter {
  /** A listener that shows one bar per stage on stderr. */
  listener: ProgressListener;
  /** Writes a line on stderr above the bars, so it does not tear them. */
  log: (line: string) => void;
  stop: () => void;
}

const SILENT: ProgressReporter = {
  listener: () => undefined,
  log: (line) => process.stderr.write(`${line}\n`),
  stop: () => undefined,
};

/**
 * Progress bars on stderr in a terminal; plain lines at each quarter when stderr is a file or a
 * pipe (bars there are only noise); silent with --json so stdout and stderr stay clean for machines.
 */
export function createProgressReporter(options: { silent: boolean }): ProgressReporter {
  if (options.silent) return SILENT;
  if (!process.stderr.isTTY) return createLineReporter();
  const multibar = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {stage} |{bar}| {percentage}% {message}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  const listener = (p: Progress): void => {
    const value = Math.round(p.fraction * 1000) / 10;
    const payload = { stage: p.stage.padEnd(10), message: p.message ?? '' };
    const bar = bars.get(p.stage);
    if (bar) bar.update(value, payload);
    else bars.set(p.stage, multibar.create(100, value, payload));
  };
  return {
    listener,
    log: (line) => {
      if (bars.size === 0) process.stderr.write(`${line}\n`);
      else multibar.log(`${line}\n`);
    },
    stop: () => multibar.stop(),
  };
}

function createLineReporter(): ProgressReporter {
  const lastQuarter = new Map<string, number>();
  return {
    listener: (p) => {
      const quarter = Math.floor(p.fraction * 4);
      if (lastQuarter.get(p.stage) === quarter) return;
      lastQuarter.set(p.stage, quarter);
      const suffix = p.message ? ` ${p.message}` : '';
      process.stderr.write(`${p.stage} ${Math.round(p.fraction * 100)}%${suffix}\n`);
    },
    log: SILENT.log,
    stop: () => undefined,
  };
}
