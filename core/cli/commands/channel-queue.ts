import { KirinukiError } from '../../errors.js';
import { padToWidth, truncateToWidth } from '../../moments/display-width.js';
import type { ChannelBatchOptions } from '../../pipeline/channel-batch.js';
import { enqueueChannel, type EnqueueResult } from '../../queue/enqueue-channel.js';
import { channelQueueStatus, type QueuedVideo, type QueueStatusResult } from '../../queue/queue-status.js';
import { parseRedisUrl } from '../../queue/redis-url.js';
import { runCommand, type CommandContext } from '../run-command.js';
import type { ChannelCommandOptions } from './channel.js';

const title = (text: string): string => padToWidth(truncateToWidth(text, 40), 40);

function renderEnqueued(result: EnqueueResult, input: string, out: string): void {
  const counts = { added: 0, exists: 0, retried: 0 };
  for (const job of result.jobs) counts[job.action] += 1;
  const lines = [`${result.channel.title} (${result.channel.id}) → ${result.queue}`];
  for (const job of result.jobs) lines.push(`  ${job.action.padEnd(8)} ${job.videoId}  ${title(job.title)}  job ${job.jobId}`);
  lines.push(
    `${counts.added} jobs added, ${counts.exists} already queued or done, ${counts.retried} failed ones tried again; listing quota: ${result.quota.units} units`,
    `start workers: kirinuki worker --queue ${result.queue} --out ${out}`,
    `watch:         kirinuki channel ${input} --out ${out} --queue ${result.queue} --status`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

function stateText(video: QueuedVideo): string {
  if (video.state === 'active' && video.progress) {
    return `active   ${Math.round(video.progress.fraction * 100)}% ${video.progress.stage}${video.progress.message ? `: ${truncateToWidth(video.progress.message, 30)}` : ''}`;
  }
  if (video.state === 'failed') return `failed   ${video.error?.code ?? ''}: ${video.error?.message ?? ''}`;
  if (video.state === 'done') return `done     ${video.reason ?? `${video.moments ?? 0} moments, ${video.clips ?? 0} clips`}`;
  if (video.state === 'retrying') return `retrying (attempt ${(video.attempts ?? 0) + 1})`;
  return video.state;
}

function renderStatus(result: QueueStatusResult): void {
  const lines = [`${result.channel.title} (${result.channel.id}) on ${result.queue}`];
  for (const video of result.videos) lines.push(`  ${video.id}  ${title(video.title)}  ${stateText(video)}`);
  const counts = new Map<string, number>();
  for (const video of result.videos) counts.set(video.state, (counts.get(video.state) ?? 0) + 1);
  lines.push([...counts].map(([state, n]) => `${n} ${state}`).join(', ') + (result.finished ? ' — finished' : ''));
  lines.push(`quota: ${result.quota.units} units (${result.quota.requests} requests) for this channel; ${result.quota.today} today on this queue`);
  if (result.pausedUntil) lines.push(`paused until ${result.pausedUntil} (the quota resets at midnight Pacific)`);
  lines.push(`manifest: ${result.manifest}`, `report: ${result.report}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `kirinuki channel --queue URL [--status]`: enqueue the channel's videos, or report on their jobs. */
export async function runQueuedChannel(
  input: string,
  options: ChannelCommandOptions,
  batchOptions: (context: CommandContext) => Promise<ChannelBatchOptions>,
): Promise<void> {
  if (options.queue === undefined) {
    await runCommand(options, () => Promise.reject(new KirinukiError('INVALID_ARGUMENT', '--status needs --queue redis://HOST:PORT[/DB] (the queue the channel was enqueued on).')), () => undefined);
    return;
  }
  const raw = options.queue;
  if (options.status === true) {
    await runCommand(options, async () => channelQueueStatus({ out: options.out, queue: parseRedisUrl(raw) }), renderStatus);
    return;
  }
  let stopped: EnqueueResult['stopped'];
  await runCommand(
    options,
    async (context) => {
      const result = await enqueueChannel(input, { ...(await batchOptions(context)), queue: parseRedisUrl(raw) });
      stopped = result.stopped;
      return result;
    },
    (result) => renderEnqueued(result, input, options.out),
  );
  if (stopped) {
    process.stderr.write(`error ${stopped.code}: ${stopped.message}\n`);
    process.exitCode = 1;
  }
}
