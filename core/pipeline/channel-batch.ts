import { throwIfAborted } from '../cancel.js';
import { KirinukiError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../errors.js';
import { normaliseMomentsOptions } from '../moments/moments-options.js';
import type { StageOptions } from '../progress.js';
import { writeChannelReport } from '../report/write-report.js';
import { resolveChannel, type ChannelApiOptions } from '../youtube/channel-resolve.js';
import { parseSource, type ChannelRef } from '../youtube/parse-source.js';
import { QuotaMeter } from '../youtube/quota-meter.js';
import { createYoutubeClient } from '../youtube/youtube-client.js';
import {
  CHANNEL_MANIFEST_VERSION,
  channelManifestPath,
  createManifestWriter,
  readChannelManifest,
  type ChannelManifest,
  type ChannelRun,
  type ManifestVideo,
} from '../project/channel-manifest.js';
import { extendUploadsListing, newestFirst } from './channel-listing.js';
import { matchVideoFiles } from '../acquire/match-video-files.js';
import { lockProjectsRoot } from './out-lock.js';
import { CHANNEL_DEFAULT_PRESET, processChannelVideo, type ChannelClipSettings, type ChannelVideoSettings, type VideoOutcome } from './process-channel-video.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';
import { presetClipCap } from './preset-clip-cap.js';

export interface ChannelBatchOptions extends StageOptions, ChannelVideoSettings {
  /** Projects root: `<out>/channel.json`, `<out>/<videoId>/`, `<out>/report.html`. */
  out: string;
  limit?: number;
  since?: Date;
  /** Videos the user already has, matched by the id in the file name. */
  videoDir?: string;
  concurrency?: number;
  /** Quota units this run may spend. */
  quotaBudget?: number;
  apiKey?: string;
  apiRoot?: string;
  /** List the uploads again from the newest, to pick up videos uploaded since the last run. */
  refreshListing?: boolean;
  /** Run again videos that failed for good last time (comments disabled, not found). */
  retryFailed?: boolean;
  /**
   * The guidelines profile for the channel, asked once it is resolved (the app's choice per
   * channel in Settings): checked before each video like `--guidelines`, its `maxClipS` capping
   * the clips. A profile that cannot be loaded stops the run before any video.
   */
  guidelinesFor?: (channel: { id: string; title: string }) => Promise<GuidelinesProfile | undefined>;
  log?: (line: string) => void;
}

export interface ChannelVideoResult {
  id: string;
  title: string;
  status: ManifestVideo['status'];
  error?: ErrorPayload;
  reason?: string;
  moments?: number;
  clips?: number;
}

/** The README's `channel --json` shape, plus the quota spent and why a run stopped early. */
export interface ChannelBatchResult {
  channel: { id: string; title: string };
  videos: ChannelVideoResult[];
  quota: { units: number; requests: number; budget?: number };
  stopped?: ErrorPayload;
  manifest: string;
  report: string;
}

/** The manifest keeps the history of the last runs (quota spent, why they stopped). */
const MAX_RUNS_KEPT = 50;

/** Codes that stop the whole batch (keeping everything) instead of failing one video. */
export const STOP_CODES = new Set<ErrorCode>([
  'QUOTA_EXCEEDED', 'QUOTA_BUDGET_REACHED', 'CANCELLED', 'API_KEY_INVALID', 'API_KEY_MISSING', 'DISK_FULL',
]);
/** Failures that will not change by trying again: a resumed run leaves them alone. */
export const FINAL_FAILURES = new Set<ErrorCode>(['COMMENTS_DISABLED', 'VIDEO_NOT_FOUND', 'FORBIDDEN']);

function channelKey(by: ChannelRef, value: string): string {
  return by === 'handle' ? `handle:${value.toLowerCase()}` : `${by}:${value}`;
}

function parseChannelInput(input: string): { by: ChannelRef; value: string } {
  const source = parseSource(input);
  if (source.kind !== 'channel') {
    throw new KirinukiError('INVALID_URL', `"${input}" is not a channel (use a channel URL, @handle or UC… id).`);
  }
  return { by: source.by, value: source.value };
}

async function openManifest(input: string, options: ChannelBatchOptions, api: ChannelApiOptions): Promise<ChannelManifest> {
  const { by, value } = parseChannelInput(input);
  const key = channelKey(by, value);
  const existing = await readChannelManifest(options.out);
  if (existing && (existing.source === key || (by === 'id' && existing.channel.id === value))) return existing;
  const mismatch = (): KirinukiError =>
    new KirinukiError(
      'INVALID_ARGUMENT',
      `${channelManifestPath(options.out)} belongs to channel ${existing?.channel.title} (${existing?.channel.id}); use another --out for ${input}.`,
    );
  if (existing && by === 'id') throw mismatch();
  const channel = await resolveChannel(by, value, api);
  if (existing) {
    // the same channel named another way (@handle after UC… id): one unit to find out, then resume
    if (channel.id !== existing.channel.id) throw mismatch();
    return existing;
  }
  return {
    schemaVersion: CHANNEL_MANIFEST_VERSION,
    channel: { id: channel.id, title: channel.title },
    source: key,
    uploadsPlaylistId: channel.uploadsPlaylistId,
    listing: { complete: false },
    videos: [],
    runs: [],
    updatedAt: new Date().toISOString(),
  };
}

function validatedOptions(options: ChannelBatchOptions): { concurrency: number } {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) {
    throw new KirinukiError('INVALID_ARGUMENT', `--concurrency must be a whole number from 1 to 8, got ${concurrency}.`);
  }
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--limit must be a positive whole number, got ${options.limit}.`);
  }
  normaliseMomentsOptions(options.moments); // a bad option fails the run once, not every video
  if (options.since !== undefined && Number.isNaN(options.since.getTime())) {
    throw new KirinukiError('INVALID_ARGUMENT', '--since must be a date such as 2024-05-01.');
  }
  return { concurrency };
}

/** The videos this run is about: newest first, published since --since, the first --limit. */
function selectTargets(manifest: ChannelManifest, options: ChannelBatchOptions): ManifestVideo[] {
  const since = options.since?.getTime();
  const inRange = newestFirst(manifest.videos).filter(
    (v) => since === undefined || (v.publishedAt !== undefined && Date.parse(v.publishedAt) >= since),
  );
  return options.limit === undefined ? inRange : inRange.slice(0, options.limit);
}

function needsWork(video: ManifestVideo, options: ChannelBatchOptions): boolean {
  if (video.error?.code === 'VIDEO_UNAVAILABLE') return false;
  if (video.status === 'failed' && video.error && FINAL_FAILURES.has(video.error.code)) return options.retryFailed === true;
  // done and skipped videos go through again: every stage is skipped unless an option changed
  return true;
}

export function toResult(video: ManifestVideo): ChannelVideoResult {
  const result: ChannelVideoResult = { id: video.id, title: video.title, status: video.status };
  if (video.error) result.error = video.error;
  if (video.reason) result.reason = video.reason;
  if (video.moments !== undefined) result.moments = video.moments;
  if (video.clips !== undefined) result.clips = video.clips;
  return result;
}

interface QueueContext {
  options: ChannelBatchOptions;
  quota: QuotaMeter;
  run: ChannelRun;
  videoFiles: Map<string, string> | undefined;
  sync: () => Promise<void>;
  stop: (error: unknown) => void;
  log: (line: string) => void;
}

/** A video's manifest entry once the pipeline went through it (locally or on a queue's worker). */
export function recordOutcome(video: ManifestVideo, outcome: VideoOutcome): void {
  Object.assign(video, { status: outcome.status, error: undefined, reason: outcome.reason, moments: outcome.moments, clips: outcome.clips });
}

/** A video's manifest entry once it failed (not stopped) with this error. */
export function recordFailure(video: ManifestVideo, error: ErrorPayload): void {
  Object.assign(video, { status: 'failed', error, reason: undefined });
}

/** Runs one video and records its outcome on its manifest entry; a stop code ends the run instead. */
async function processOne(video: ManifestVideo, context: QueueContext): Promise<void> {
  const { options, log } = context;
  try {
    throwIfAborted(options.signal);
    const outcome = await processChannelVideo(video, { ...options, quota: context.quota, videoFile: context.videoFiles?.get(video.id) });
    recordOutcome(video, outcome);
    log(`${video.id} ${video.status}${outcome.reason ? ` (${outcome.reason})` : ''}`);
  } catch (error) {
    const payload = toErrorPayload(error);
    if (STOP_CODES.has(payload.code)) {
      context.stop(error);
      // a finished video that was only being checked again keeps its status
      if (video.status !== 'done' && video.status !== 'skipped') video.status = 'pending';
    } else {
      recordFailure(video, payload);
      log(`${video.id} failed: ${payload.code} ${payload.message}`);
    }
  }
}

/** `concurrency` workers take videos off the queue, newest first, until it is empty or the run stops. */
async function processQueue(queue: ManifestVideo[], context: QueueContext, concurrency: number): Promise<void> {
  const pending = [...queue];
  let finished = 0;
  const worker = async (): Promise<void> => {
    for (let video = pending.shift(); video && !context.run.stopped; video = pending.shift()) {
      context.options.onProgress?.({ stage: 'channel', fraction: finished / queue.length, message: video.title });
      await processOne(video, context);
      finished += 1;
      await context.sync();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
}

/**
 * `kirinuki channel`: resolve the channel (1 unit), list its uploads 50 per page, then run the
 * pipeline on each video newest first, writing channel.json after each one. One video failing never
 * stops the batch; quota exhaustion, the budget and Ctrl-C stop it cleanly with everything kept,
 * and the next run picks up where this one stopped without paying again for what it has.
 */
export async function runChannelBatch(input: string, options: ChannelBatchOptions): Promise<ChannelBatchResult> {
  validatedOptions(options);
  parseChannelInput(input);
  createYoutubeClient({ apiKey: options.apiKey, apiRoot: options.apiRoot }); // no key: fail before touching --out
  const lock = await lockProjectsRoot(options.out);
  try {
    return await runLocked(input, options);
  } finally {
    await lock.release();
  }
}

/** A channel batch with its uploads listed: what a local run processes and a queued run enqueues. */
export interface OpenedChannelBatch {
  manifest: ChannelManifest;
  run: ChannelRun;
  /** The videos in range (newest first, --since, --limit). */
  targets: ManifestVideo[];
  /** Those of the targets that need work (empty when the listing was stopped). */
  todo: ManifestVideo[];
  stop: (error: unknown) => void;
  /** Writes channel.json with the run's quota so far. */
  sync: () => Promise<void>;
}

/**
 * Resolves the channel (or reopens its channel.json), starts a run in it and lists the uploads as
 * far as the run needs. Call with the projects root locked (lockProjectsRoot).
 */
export async function openChannelBatch(input: string, options: ChannelBatchOptions, quota: QuotaMeter): Promise<OpenedChannelBatch> {
  validatedOptions(options);
  const client = createYoutubeClient({ apiKey: options.apiKey, apiRoot: options.apiRoot });
  const api: ChannelApiOptions = { client, quota, signal: options.signal };
  const manifest = await openManifest(input, options, api);
  const persist = createManifestWriter(options.out);
  const run: ChannelRun = { startedAt: new Date().toISOString(), quotaUnits: 0, requests: 0 };
  manifest.runs = [...manifest.runs.slice(-(MAX_RUNS_KEPT - 1)), run];
  const stop = (error: unknown): void => {
    run.stopped ??= toErrorPayload(error);
  };
  const sync = async (): Promise<void> => {
    Object.assign(run, { quotaUnits: quota.units, requests: quota.requests });
    await persist(manifest);
  };
  await sync();
  try {
    await extendUploadsListing(manifest, { limit: options.limit, since: options.since, refresh: options.refreshListing }, api, sync);
  } catch (error) {
    if (!STOP_CODES.has(toErrorPayload(error).code)) throw error;
    stop(error);
  }
  const targets = selectTargets(manifest, options);
  const todo = run.stopped ? [] : targets.filter((v) => needsWork(v, options));
  return { manifest, run, targets, todo, stop, sync };
}

/** The run's clip settings with the profile `guidelinesFor` gives the channel (none for --moments-only: no clips). */
async function channelClips(options: ChannelBatchOptions, channel: ChannelManifest['channel'], log: (line: string) => void): Promise<ChannelClipSettings | undefined> {
  const profile = options.momentsOnly ? undefined : await options.guidelinesFor?.(channel);
  if (!profile) return options.clips;
  const cap = presetClipCap(profile, { preset: options.clips?.preset ?? CHANNEL_DEFAULT_PRESET, maxLength: options.clips?.maxLength });
  if (cap.note) log(cap.note.message);
  return { ...options.clips, guidelines: profile, ...(cap.maxLength !== undefined ? { maxLength: cap.maxLength } : {}) };
}

async function runLocked(input: string, options: ChannelBatchOptions): Promise<ChannelBatchResult> {
  const { concurrency } = validatedOptions(options);
  const log = options.log ?? (() => undefined);
  const quota = new QuotaMeter(options.quotaBudget === undefined ? {} : { budget: options.quotaBudget });
  const videoFiles = options.videoDir ? await matchVideoFiles(options.videoDir) : undefined;
  const { manifest, run, targets, todo, stop, sync } = await openChannelBatch(input, options, quota);
  const clips = await channelClips(options, manifest.channel, log).catch((error: unknown) => {
    stop(error);
    return undefined;
  });
  const queue = run.stopped ? [] : todo;
  log(`${manifest.channel.title}: ${targets.length} videos in range, ${queue.length} to process`);
  // one latch per run: once yt-dlp is missing or cannot reach YouTube, the later videos do not try again
  const shared = { ytdlpLatch: {}, ...options, clips };
  await processQueue(queue, { options: shared, quota, run, videoFiles, sync, stop, log }, concurrency);
  if (!run.stopped) options.onProgress?.({ stage: 'channel', fraction: 1, message: `${queue.length} videos` });
  run.finishedAt = new Date().toISOString();
  await sync();
  const report = await writeChannelReport(options.out, manifest, { units: quota.units, requests: quota.requests });
  const result: ChannelBatchResult = {
    channel: manifest.channel,
    videos: targets.map(toResult),
    quota: quota.toJSON(),
    manifest: channelManifestPath(options.out),
    report,
  };
  if (run.stopped) result.stopped = run.stopped;
  return result;
}
