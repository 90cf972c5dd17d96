import type { VideoAvailability } from './types.js';

/** yt-dlp's `availability` (its `_availability()` names) → Kirinuki's. */
const YTDLP_AVAILABILITY: Record<string, VideoAvailability> = {
  public: 'public',
  unlisted: 'unlisted',
  private: 'private',
  subscriber_only: 'members_only',
  premium_only: 'paid',
  needs_auth: 'needs_auth',
};

/** An info JSON's `availability`, or undefined when yt-dlp did not say (or said something new). */
export function availabilityFromYtDlp(value: unknown): VideoAvailability | undefined {
  return typeof value === 'string' ? YTDLP_AVAILABILITY[value] : undefined;
}

/** The Data API's `status.privacyStatus` (public, unlisted, private). */
export function availabilityFromPrivacyStatus(value: string | null | undefined): VideoAvailability | undefined {
  return value === 'public' || value === 'unlisted' || value === 'private' ? value : undefined;
}
