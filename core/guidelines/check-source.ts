import type { VideoAvailability, VideoMeta } from '../youtube/types.js';
import { guidelineError } from './guideline-error.js';
import type { GuidelinesProfile, RefusableKind } from './guidelines-profile.js';
import type { ErrorCode } from '../errors.js';

const REFUSED: Record<RefusableKind, { code: ErrorCode; words: string }> = {
  members_only: { code: 'GUIDELINE_MEMBERS_ONLY', words: 'members-only' },
  paid: { code: 'GUIDELINE_PAID', words: 'paid (Premium-only or ticketed)' },
  private: { code: 'GUIDELINE_PRIVATE', words: 'private' },
  unlisted: { code: 'GUIDELINE_UNLISTED', words: 'unlisted' },
  needs_auth: { code: 'GUIDELINE_NEEDS_AUTH', words: 'sign-in only' },
};

const isRefusable = (value: VideoAvailability): value is RefusableKind => value in REFUSED;

const videoName = (video: Pick<VideoMeta, 'id' | 'title'>): string => `video ${video.id} ("${video.title}")`;

/** A note for what could not be checked (the source did not say). */
export interface GuidelineNote {
  code: 'GUIDELINE_UNCHECKED';
  message: string;
}

/** GUIDELINE_MEMBERS_ONLY, _PAID, _PRIVATE, _UNLISTED, _NEEDS_AUTH when the profile refuses the source's kind. */
export function checkAvailability(profile: GuidelinesProfile, video: VideoMeta): GuidelineNote[] {
  const refuse = profile.refuse ?? [];
  if (refuse.length === 0) return [];
  if (!video.availability) return [unchecked(profile, 'refuse', `cannot be checked: the source does not say who may watch ${videoName(video)} (a YouTube URL or yt-dlp's .info.json does)`)];
  const kind = video.availability;
  if (isRefusable(kind) && refuse.includes(kind)) {
    const { code, words } = REFUSED[kind];
    throw guidelineError(code, 'refuse', profile, `refuses ${words} videos, and ${videoName(video)} is ${words}: it is not clipped.`);
  }
  return [];
}

/** When the source became clippable: the stream's end, else the publication (a bare date counts from its day's end). */
function readyFrom(video: VideoMeta): { at: number; what: string } | undefined {
  if (video.liveEndedAt) return { at: Date.parse(video.liveEndedAt), what: `the stream ended (${video.liveEndedAt})` };
  if (!video.publishedAt) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(video.publishedAt);
  const at = Date.parse(video.publishedAt) + (dateOnly ? 24 * 3600_000 : 0);
  return { at, what: `it was published (${video.publishedAt})` };
}

/** GUIDELINE_TOO_SOON when fewer than `minHoursAfter` hours have passed since the stream ended or the video was published. */
export function checkWait(profile: GuidelinesProfile, video: VideoMeta, now: Date): GuidelineNote[] {
  if (profile.minHoursAfter === undefined || profile.minHoursAfter === 0) return [];
  const ready = readyFrom(video);
  if (!ready || !Number.isFinite(ready.at)) return [unchecked(profile, 'minHoursAfter', `cannot be checked: the source gives no time for ${videoName(video)}`)];
  const passedH = (now.getTime() - ready.at) / 3600_000;
  if (passedH >= profile.minHoursAfter) return [];
  const after = new Date(ready.at + profile.minHoursAfter * 3600_000).toISOString();
  const passed = passedH < 0 ? 'it has not yet' : `only ${passedH.toFixed(1)} h have passed`;
  throw guidelineError('GUIDELINE_TOO_SOON', 'minHoursAfter', profile, `asks to wait ${profile.minHoursAfter} h after ${ready.what} of ${videoName(video)}, and ${passed}: clip it after ${after}.`);
}

/** GUIDELINE_CREDIT when the profile's credit needs a field the source does not give. */
export function checkCredit(profile: GuidelinesProfile, video: VideoMeta, hasUrl: boolean): void {
  for (const field of profile.credit ?? []) {
    const missing = (field === 'url' && !hasUrl) || (field === 'channel' && !video.channelTitle);
    if (missing) {
      throw guidelineError('GUIDELINE_CREDIT', 'credit', profile, `needs the ${field} in every description, and the source of ${videoName(video)} does not give it: clip from its YouTube URL or yt-dlp's .info.json.`);
    }
  }
}

function unchecked(profile: GuidelinesProfile, rule: keyof GuidelinesProfile, rest: string): GuidelineNote {
  return { code: 'GUIDELINE_UNCHECKED', message: `Guideline "${rule}" of profile "${profile.name}" ${rest}.` };
}
