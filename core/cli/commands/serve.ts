import { join } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app/app-service.js';
import { defaultConfigDir } from '../../app/config-dir.js';
import { KirinukiError } from '../../errors.js';
import { appRoot } from '../../resources.js';
import { startHttpHost } from '../../serve/http-host.js';
import { runCommand, type CommonOptions } from '../run-command.js';

interface ServeOptions extends CommonOptions {
  port?: string;
  out?: string;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KirinukiError('INVALID_ARGUMENT', `--port ${text} must be a whole number from 0 to 65535.`);
  }
  return port;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('The app in your browser, on 127.0.0.1 only, behind a per-run token in the URL it prints.')
    .option('--port <P>', 'port to listen on (default: a free one)')
    .option('--out <DIR>', 'projects root when the settings name none (default ./kirinuki-projects)')
    .option('--json', 'print {url} as JSON on stdout once listening')
    .action((options: ServeOptions) =>
      runCommand(
        options,
        async (context) => {
          const port = parsePort(options.port);
          const app = createApp({ configDir: defaultConfigDir(), host: { kind: 'browser' }, defaultOutputDir: options.out });
          const host = await startHttpHost({ app, port, rendererDir: join(appRoot(), 'dist', 'renderer') });
          if (context.json) process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
          context.log(`Kirinuki is running at ${host.url}`);
          context.log('Open that URL in your browser (it carries the access token). Ctrl-C stops.');
          await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
          await host.close();
          return { url: host.url, stopped: true };
        },
        () => undefined,
      ),
    );
}
