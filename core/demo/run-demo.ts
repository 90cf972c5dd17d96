import { resolve } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { DEFAULT_PROJECTS_ROOT } from '../project/project-dir.js';
import { sliceProgress, type StageOptions } from '../progress.js';
import type { DemoContext, DemoStep } from './demo-step.js';
import { DEMO_STEPS } from './steps/index.js';

/** The demo's sample is one more project in the usual root (`./kirinuki-projects`). */
export const DEFAULT_DEMO_DIR = DEFAULT_PROJECTS_ROOT;

export interface RunDemoOptions extends StageOptions {
  /** Projects root of the demo (default `./kirinuki-projects`). */
  outDir?: string;
  log?: (line: string) => void;
  print?: (text: string) => void;
  columns?: number;
  /** The steps to run (default DEMO_STEPS). */
  steps?: DemoStep[];
}

export interface DemoReport {
  outDir: string;
  steps: { name: string; title: string; seconds: number }[];
  results: Record<string, unknown>;
}

/** Runs every demo step on a sample made on the spot: no network, no API key. */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoReport> {
  const steps = options.steps ?? DEMO_STEPS;
  const context: DemoContext = {
    outDir: resolve(options.outDir ?? DEFAULT_DEMO_DIR),
    sample: {},
    log: options.log ?? (() => undefined),
    print: options.print ?? (() => undefined),
    columns: options.columns ?? 120,
    results: {},
    signal: options.signal,
  };
  const report: DemoReport = { outDir: context.outDir, steps: [], results: context.results };
  for (const [index, step] of steps.entries()) {
    throwIfAborted(options.signal);
    context.onProgress = sliceProgress(options.onProgress, index / steps.length, (index + 1) / steps.length, 'demo');
    const started = performance.now();
    context.log(`demo ${index + 1}/${steps.length}: ${step.title}`);
    await step.run(context);
    context.onProgress?.({ stage: 'demo', fraction: 1, message: step.name });
    report.steps.push({ name: step.name, title: step.title, seconds: Math.round(performance.now() - started) / 1000 });
  }
  return report;
}
