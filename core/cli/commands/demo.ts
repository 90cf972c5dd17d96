import type { Command } from 'commander';
import { DEFAULT_DEMO_DIR, runDemo, type DemoReport } from '../../demo/run-demo.js';
import { runCommand, type CommonOptions } from '../run-command.js';

interface DemoCommandOptions extends CommonOptions {
  out: string;
}

function render(report: DemoReport): void {
  const timings = report.steps.map((s) => `${s.name} ${s.seconds.toFixed(2)} s`).join(', ');
  process.stdout.write(`\ndemo done (${timings}); its projects are in ${report.outDir}\n`);
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run every capability on a sample made on the spot: no network, no API key.')
    .option('--out <dir>', 'projects root for the demo', DEFAULT_DEMO_DIR)
    .option('--json', 'print the demo report as JSON on stdout')
    .action((options: DemoCommandOptions) =>
      runCommand(
        options,
        (context) =>
          runDemo({
            outDir: options.out,
            signal: context.signal,
            onProgress: context.progress.listener,
            log: context.log,
            print: context.json ? undefined : (text) => process.stdout.write(`${text}\n`),
            columns: process.stdout.columns ?? 120,
          }),
        render,
      ),
    );
}
