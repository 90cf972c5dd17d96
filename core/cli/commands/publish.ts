import type { Command } from 'commander';
import { defaultConfigDir } from '../../app/config-dir.js';
import { fileSecretStore } from '../../app/secret-store.js';
import { publishAuth, signInToYoutube, YOUTUBE_TOKEN_NAME, type YoutubeAccountOptions } from '../../app/youtube-account.js';
import { KirinukiError } from '../../errors.js';
import { openInSystemBrowser } from '../../publish/open-browser.js';
import { DEFAULT_DAILY_QUOTA, planPublish, publishClips, type PublishPlan, type PublishResult } from '../../publish/publish-clips.js';
import { resolvePublishEndpoints } from '../../publish/publish-endpoints.js';
import { parsePublishSettings, PRIVACY_VALUES } from '../../publish/publish-settings.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface PublishCommandOptions extends CommonOptions {
  privacy?: string;
  at?: string;
  madeForKids?: boolean;
  category?: string;
  signIn?: boolean;
  signOut?: boolean;
}

interface PublishCommandResult extends Partial<PublishResult> {
  signedIn?: boolean;
  signedOut?: boolean;
  /** The quota units the upload was planned to cost, as shown before it started. */
  quotaPlanned?: number;
}

const SIGN_IN_HINT = 'run `kirinuki publish --sign-in` once (it opens the browser), then publish again';

const units = (n: number): string => n.toLocaleString('en-US').replace(/,/g, ' ');

/** The cost, said before anything is sent. */
function announce(plan: PublishPlan, context: CommandContext): void {
  const toUpload = plan.clips.filter((c) => !c.published);
  const resumed = toUpload.filter((c) => c.resuming).length;
  if (toUpload.length === 0) return;
  const resuming = resumed > 0 ? ` (${resumed} resumed, at no further cost)` : '';
  context.log(`Publishing ${toUpload.length} clip(s)${resuming}: ${units(plan.quotaUnits)} quota units of the ${units(DEFAULT_DAILY_QUOTA)} a Google Cloud project gets a day by default.`);
}

function render(result: PublishCommandResult): void {
  const lines: string[] = [];
  if (result.signedIn) lines.push('Signed in to YouTube (upload only).');
  if (result.signedOut) lines.push('Signed out: the stored YouTube sign-in is deleted.');
  for (const clip of result.clips ?? []) {
    const when = clip.publishAt ? `, public at ${clip.publishAt}` : '';
    lines.push(`${clip.alreadyPublished ? 'already published' : 'published'}  ${clip.url}  (${clip.privacy}${when})  ${clip.title}`);
  }
  if (result.quota && result.quota.units > 0) lines.push(`Quota used: ${units(result.quota.units)} units.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function run(target: string | undefined, options: PublishCommandOptions, context: CommandContext): Promise<PublishCommandResult> {
  if (!target && !options.signIn && !options.signOut) {
    throw new KirinukiError('INVALID_ARGUMENT', 'Give a project folder or a clip to publish, or --sign-in / --sign-out.');
  }
  const settings = parsePublishSettings({ privacy: options.privacy, at: options.at, madeForKids: options.madeForKids, categoryId: options.category });
  const endpoints = resolvePublishEndpoints();
  const configDir = defaultConfigDir();
  const account: YoutubeAccountOptions = { configDir, tokens: fileSecretStore(configDir, YOUTUBE_TOKEN_NAME) };
  const result: PublishCommandResult = {};
  if (options.signOut) {
    await account.tokens.write(null);
    result.signedOut = true;
  }
  if (options.signIn) {
    await signInToYoutube(account, {
      endpoints,
      openUrl: (url) => openInSystemBrowser(url),
      onUrl: (url) => context.log(`Sign in to YouTube in the browser; if it did not open, open this address:\n${url}`),
      signal: context.signal,
    });
    result.signedIn = true;
  }
  if (!target) return result;
  const plan = await planPublish(target);
  announce(plan, context);
  const published = await publishClips(plan, {
    settings,
    auth: publishAuth(account, SIGN_IN_HINT),
    endpoints,
    signal: context.signal,
    onProgress: context.progress.listener,
    log: context.log,
  });
  return { ...result, ...published, quotaPlanned: plan.quotaUnits };
}

export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('Upload exported clips to YouTube (your OAuth client, a resumable upload; never the same clip twice).')
    .argument('[target]', 'a project folder (every clip of its manifest) or one clip file')
    .option('--privacy <privacy>', `${PRIVACY_VALUES.join(', ')} (default private)`)
    .option('--at <time>', 'schedule: an ISO time with a zone when the private video goes public, e.g. 2026-12-24T18:00:00+09:00')
    .option('--made-for-kids', 'declare the clips made for kids (default: declared not made for kids)')
    .option('--category <id>', 'YouTube category number (default 24, Entertainment)')
    .option('--sign-in', 'sign in to YouTube through the browser first (upload scope only)')
    .option('--sign-out', 'delete the stored YouTube sign-in')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (target: string | undefined, options: PublishCommandOptions) => {
      await runCommand(options, (context) => run(target, options, context), render);
    });
}
