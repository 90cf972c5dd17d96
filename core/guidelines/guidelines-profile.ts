import { z } from 'zod';

/** The kinds of source a profile may refuse (yt-dlp's `availability`, in Kirinuki's words). */
export const REFUSABLE_KINDS = ['members_only', 'paid', 'private', 'unlisted', 'needs_auth'] as const;
export type RefusableKind = (typeof REFUSABLE_KINDS)[number];

/** The credit fields a description can be asked to carry. */
export const CREDIT_FIELDS = ['title', 'url', 'channel'] as const;
export type CreditField = (typeof CREDIT_FIELDS)[number];

/**
 * A channel's clipping rules as a small JSON file: every field but `name` optional. Unknown
 * fields are refused, so a typo ("maxclipS") is an error rather than a rule silently not checked.
 */
export const guidelinesProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  /** Shipped examples say so; the user is responsible for the real rules of the channel they clip. */
  example: z.boolean().optional(),
  note: z.string().max(2000).optional(),
  /** Kinds of source that may not be clipped. */
  refuse: z.array(z.enum(REFUSABLE_KINDS)).optional(),
  /** The longest clip, in seconds. */
  maxClipS: z.number().positive().max(3600).optional(),
  /** The largest share (0..1) of one source clipped across all its exports. */
  maxShare: z.number().gt(0).max(1).optional(),
  /** Hours to wait after the stream ended (or the video was published). */
  minHoursAfter: z.number().min(0).max(24 * 365).optional(),
  /** What the description's credit must carry. */
  credit: z.array(z.enum(CREDIT_FIELDS)).optional(),
  /** Words no clip title may contain (compared case- and width-insensitively). */
  bannedTitleWords: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
});

export type GuidelinesProfile = z.infer<typeof guidelinesProfileSchema>;
