import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

const KIRINUKI_VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command()
    .name('kirinuki')
    .description(
      'Highlight clips from the moments viewers point at in the comments, per person, in portrait.',
    )
    .version(KIRINUKI_VERSION)
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
