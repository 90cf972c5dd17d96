import { KirinukiError } from '../errors.js';
import { showValue } from '../fs/show-value.js';

export const PRIVACY_VALUES = ['private', 'unlisted', 'public'] as const;
export type Privacy = (typeof PRIVACY_VALUES)[number];

/** How a clip is published: the status part of `videos.insert`. */
export interface PublishSettings {
  privacy: Privacy;
  /** ISO time YouTube makes the private video public (`status.publishAt`). */
  publishAt?: string;
  /** `status.selfDeclaredMadeForKids`, always sent: false unless the user says so. */
  madeForKids: boolean;
  /** `snippet.categoryId`; 24 is Entertainment. */
  categoryId: string;
}

export interface PublishSettingsInput {
  privacy?: string;
  at?: string;
  madeForKids?: boolean;
  categoryId?: string;
}

export const DEFAULT_CATEGORY_ID = '24';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Checks `--privacy`, `--at` and `--category` once, before anything is read or sent. */
export function parsePublishSettings(input: PublishSettingsInput, now: number = Date.now()): PublishSettings {
  const privacy = input.privacy ?? 'private';
  if (!(PRIVACY_VALUES as readonly string[]).includes(privacy)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--privacy ${showValue(privacy)} must be private, unlisted or public.`);
  }
  const categoryId = input.categoryId ?? DEFAULT_CATEGORY_ID;
  if (!/^\d{1,3}$/.test(categoryId)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--category ${showValue(categoryId)} must be a YouTube category number (24 is Entertainment, 20 Gaming).`);
  }
  const settings: PublishSettings = { privacy: privacy as Privacy, madeForKids: input.madeForKids === true, categoryId };
  if (input.at === undefined) return settings;
  const at = input.at.trim();
  const time = ISO_TIME.test(at) ? Date.parse(at) : NaN;
  if (!Number.isFinite(time)) {
    throw new KirinukiError('INVALID_ARGUMENT', `--at ${showValue(input.at)} is not an ISO time with a zone, like 2026-12-24T18:00:00+09:00.`);
  }
  if (time <= now) {
    throw new KirinukiError('INVALID_ARGUMENT', `--at ${at} is in the past; give a time in the future to schedule the clip.`);
  }
  if (input.privacy !== undefined && privacy !== 'private') {
    throw new KirinukiError('INVALID_ARGUMENT', `--at schedules a private video to go public, so it cannot be combined with --privacy ${privacy}.`);
  }
  return { ...settings, privacy: 'private', publishAt: new Date(time).toISOString() };
}
