import { z } from 'zod';
import { ERROR_CODES, KirinukiError, type ErrorPayload } from '../errors.js';
import { CROP_MODES } from '../export/crop-modes.js';
import { SIGNAL_NAMES } from '../moments/signal-names.js';
import type { ChannelVideoSettings } from '../pipeline/process-channel-video.js';
import type { VideoOutcome } from '../pipeline/process-channel-video.js';
import { fingerprint } from '../project/fingerprint.js';
import { showValue } from '../fs/show-value.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';

/** The one queue of a Redis database: one projects root (DIR) per database. */
export const CHANNEL_QUEUE = 'kirinuki-channel';

const number = z.number().finite();
const settingsSchema = z.object({
  momentsOnly: z.boolean().optional(),
  moments: z.object({ top: number.optional(), minLength: number.optional(), maxLength: number.optional() }).optional(),
  maxComments: number.optional(),
  signals: z.array(z.enum(SIGNAL_NAMES)).optional(),
  subsLang: z.string().max(40).optional(),
  // loose: export settings added later (guidelines, credit) travel with the job as they are
  clips: z
    .looseObject({
      preset: z.string().max(40).optional(),
      crop: z.enum(CROP_MODES).optional(),
      perPerson: z.boolean().optional(),
      noFaces: z.boolean().optional(),
      top: number.optional(),
      maxLength: number.optional(),
      credit: z.boolean().optional(),
    })
    .optional(),
});

/** What a job carries: one video of a channel and the settings of the batch (never a secret). */
export const channelJobSchema = z.object({
  videoId: z.string().refine(isYoutubeVideoId, 'not a YouTube video id'),
  title: z.string().max(500),
  publishedAt: z.string().optional(),
  channelId: z.string().max(100),
  /** The --video-dir of the batch (a folder every worker sees), matched by the id in the name. */
  videoDir: z.string().max(4096).optional(),
  /** The daily quota budget of the batch (`--quota`), shared by all workers. */
  quotaBudget: z.number().int().nonnegative().optional(),
  settings: settingsSchema,
});

export type ChannelJobData = z.infer<typeof channelJobSchema>;
export type ChannelJobSettings = z.infer<typeof settingsSchema>;

/** What a finished job keeps: the video's outcome and the quota it spent. */
export interface ChannelJobResult extends VideoOutcome {
  quota: { units: number; requests: number };
}

/** The settings of a batch as a job carries them (what processChannelVideo is given). */
export function jobSettings(settings: ChannelVideoSettings): ChannelJobSettings {
  return settingsSchema.parse(JSON.parse(JSON.stringify({ ...settings, ytdlpLatch: undefined })));
}

/** `<video id>-<settings fingerprint>`: enqueuing the same video with the same settings adds nothing. */
export function channelJobId(videoId: string, settings: ChannelJobSettings): string {
  return `${videoId}-${fingerprint(settings).slice(0, 12)}`;
}

/** A job's data as read back from Redis: validated, a bad one is INVALID_ARGUMENT naming the job. */
export function parseChannelJob(jobId: string | undefined, data: unknown): ChannelJobData {
  const parsed = channelJobSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KirinukiError('INVALID_ARGUMENT', `Queue job ${showValue(jobId)} has a bad field ${issue?.path.join('.') || '(data)'}: ${issue?.message}; enqueue it again with kirinuki channel --queue.`);
  }
  return parsed.data;
}

/** A failure as the job keeps it (`failedReason`): `CODE: message`. */
export function failureReason(error: ErrorPayload): string {
  return `${error.code}: ${error.message}`;
}

/** The error a failed job's `failedReason` names; BullMQ's own reasons (a stalled job) are INTERNAL. */
export function failureOf(reason: string | undefined): ErrorPayload {
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(reason ?? '');
  const code = match?.[1];
  if (match && (ERROR_CODES as readonly string[]).includes(code ?? '')) {
    return { code: code as ErrorPayload['code'], message: match[2] ?? '' };
  }
  return { code: 'INTERNAL', message: reason || 'The job failed without a reason.' };
}
