import type { Command } from 'commander';
import { KirinukiError, type ErrorPayload } from '../../errors.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { startChannelWorker } from '../../queue/channel-worker.js';
import { connectRedis } from '../../queue/redis-client.js';
import { parseRedisUrl } from '../../queue/redis-url.js';
import { createYoutubeClient } from '../../youtube/youtube-client.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface WorkerCommandOptions extends CommonOptions {
  queue: string;
  out: string;
  concurrency: string;
}

function concurrencyOf(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 8) {
    throw new KirinukiError('INVALID_ARGUMENT', `--concurrency must be a whole number from 1 to 8, got "${raw}".`);
  }
  return value;
}

/**
 * Runs until stopped: the first SIGTERM/SIGINT lets the running jobs finish (no new ones are
 * taken), a second one sends them back to the queue at once; a SIGKILLed worker's jobs stall and
 * another worker picks them up, keeping every stage that was complete.
 */
async function work(options: WorkerCommandOptions, context: CommandContext): Promise<{ stopped: string; fatal?: ErrorPayload }> {
  const address = parseRedisUrl(options.queue);
  const concurrency = concurrencyOf(options.concurrency);
  createYoutubeClient({}); // no YOUTUBE_API_KEY: say so now, not on every job
  const redis = await connectRedis(address, { persistent: true });
  let fatal: ErrorPayload | undefined;
  let handedBack = false;
  let finish = (): void => undefined;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  const worker = startChannelWorker({
    redis,
    out: options.out,
    concurrency,
    log: (line) => context.log(`${new Date().toISOString()} ${line}`),
    onFatal: (error) => {
      fatal ??= error;
      handBack();
    },
  });
  const close = (): void => void worker.close().then(finish, finish);
  const handBack = (): void => {
    handedBack = true;
    worker.handBack();
    close();
  };
  context.signal.addEventListener('abort', () => {
    context.log('stopping: the running jobs finish first (signal again to hand them back now)');
    process.once('SIGTERM', handBack);
    process.once('SIGINT', handBack);
    close();
  }, { once: true });
  context.log(`worker on ${address.display}, ${concurrency} job${concurrency === 1 ? '' : 's'} at a time, projects in ${options.out}`);
  await closed;
  const how = handedBack ? 'jobs handed back' : 'jobs finished';
  process.off('SIGTERM', handBack);
  process.off('SIGINT', handBack);
  redis.disconnect();
  return fatal ? { stopped: how, fatal } : { stopped: how };
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Take channel jobs from a Redis queue (kirinuki channel --queue) and run each through the pipeline; as many workers on as many machines as you like.')
    .requiredOption('--queue <url>', 'the Redis the jobs are on: redis://HOST:PORT[/DB]')
    .option('--out <dir>', 'projects root, the same folder for every worker (a shared or network filesystem)', DEFAULT_PROJECTS_ROOT)
    .option('--concurrency <n>', 'jobs this worker runs at the same time', '1')
    .option('--json', 'print how the worker stopped as JSON on stdout')
    .action(async (options: WorkerCommandOptions) => {
      let fatal: ErrorPayload | undefined;
      await runCommand(
        options,
        async (context) => {
          const result = await work(options, context);
          fatal = result.fatal;
          return result;
        },
        (result) => process.stdout.write(`worker stopped: ${result.stopped}\n`),
      );
      if (fatal) {
        process.stderr.write(`error ${fatal.code}: ${fatal.message}\n`);
        process.exitCode = 1;
      }
    });
}
