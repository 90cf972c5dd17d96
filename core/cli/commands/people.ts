import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { applyPersonNames } from '../../pipeline/apply-person-names.js';
import { listChannelPeople, type ChannelPeopleListing } from '../../project/list-channel-people.js';
import { readChannelPeople, renamePerson, writeChannelPeople } from '../../project/channel-people.js';
import { runCommand, type CommonOptions } from '../run-command.js';

interface PeopleCommandOptions extends CommonOptions {
  name?: string[];
}

function parseRename(raw: string): { id: string; name: string } {
  const at = raw.indexOf('=');
  if (at <= 0) throw new KirinukiError('INVALID_ARGUMENT', `--name "${raw}" must look like P1="Member A".`);
  return { id: raw.slice(0, at).trim(), name: raw.slice(at + 1).trim() };
}

function render(listing: ChannelPeopleListing): void {
  if (listing.people.length === 0) {
    process.stdout.write('No people yet: run `kirinuki channel` without --moments-only first.\n');
    return;
  }
  const lines: string[] = [];
  for (const person of listing.people) {
    lines.push(`${person.id}  ${person.name ?? '(unnamed)'}  ${person.totalS.toFixed(1)} s in ${person.videos.length} video(s)`);
    for (const video of person.videos) {
      lines.push(`    ${video.totalS.toFixed(1).padStart(7)} s  ${video.id}  ${video.title}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerPeopleCommand(program: Command): void {
  program
    .command('people')
    .description("The people found across a channel's videos, with their screen time per video.")
    .argument('<out>', 'the projects root of a `kirinuki channel` run')
    .option('--name <id=name...>', 'name a person everywhere, e.g. --name P1="Member A"')
    .option('--json', 'print the list as JSON on stdout')
    .action(async (out: string, options: PeopleCommandOptions) => {
      await runCommand(
        options,
        async () => {
          if (options.name?.length) {
            let registry = await readChannelPeople(out);
            const renames = options.name.map(parseRename);
            for (const rename of renames) registry = renamePerson(registry, rename.id, rename.name);
            await writeChannelPeople(out, registry);
            await applyPersonNames(out, registry, renames.map((r) => r.id));
          }
          return listChannelPeople(out);
        },
        render,
      );
    });
}
