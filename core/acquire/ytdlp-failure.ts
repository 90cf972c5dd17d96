import { KirinukiError, type ErrorCode } from '../errors.js';
import type { VideoAvailability } from '../youtube/types.js';

/**
 * yt-dlp tells why it failed only in words (`ERROR: [youtube] ID: Private video. Sign in if
 * you've been granted access to this video`); this is the one place that reads them. Each rule
 * gives the code and what the user can do, and yt-dlp's own words follow as detail.
 */
interface FailureRule {
  test: RegExp;
  code: ErrorCode;
  what: string;
  todo: string;
  /** Who may watch the video, when the refusal says it (a guidelines profile checks it). */
  availability?: VideoAvailability;
}

/** A yt-dlp failure; `availability` when its words say who may watch the video (members-only, private). */
export class YtDlpFailure extends KirinukiError {
  constructor(code: ErrorCode, message: string, readonly availability?: VideoAvailability) {
    super(code, message);
  }
}

const RULES: FailureRule[] = [
  {
    // "Join this channel to get access to members-only content like this video, and other exclusive perks."
    // "This video is available to this channel's members on level: … (or any higher level)."
    test: /members-only|channel's members|Join this channel/i,
    code: 'VIDEO_UNAVAILABLE',
    what: 'is for channel members only',
    todo: 'choose a public video, or open a yt-dlp .info.json you saved with a member account',
    availability: 'members_only',
  },
  {
    test: /Private video|This video is private/i,
    code: 'VIDEO_UNAVAILABLE',
    what: 'is private',
    todo: 'ask the uploader to make it public or unlisted, or choose another video',
    availability: 'private',
  },
  {
    test: /Sign in to confirm your age|age[- ]restricted|inappropriate for some users/i,
    code: 'VIDEO_UNAVAILABLE',
    what: 'is age-restricted and needs a signed-in account',
    todo: 'open a yt-dlp .info.json you saved with a signed-in account, or choose another video',
  },
  {
    test: /Video unavailable|This video has been removed|no longer available|account associated with this video has been terminated|not available in your country|geo[- ]?restrict|This live event will begin|Premieres in/i,
    code: 'VIDEO_UNAVAILABLE',
    what: 'is unavailable (removed, blocked here, not started yet, or never existed)',
    todo: 'check the URL in a browser, or choose another video',
  },
  {
    test: /Unable to download (?:webpage|API page|JSON metadata)|urlopen error|Name or service not known|Temporary failure in name resolution|Failed to resolve|timed out|Connection (?:refused|reset|aborted)|Network is unreachable|No route to host|TransportError|HTTP Error 5\d\d|HTTP Error 429|Remote end closed connection|IncompleteRead/i,
    code: 'NETWORK',
    what: 'could not be reached',
    todo: 'check the internet connection and run again',
  },
];

/** The error for a yt-dlp run on `url` that exited with `exitCode` after printing `errors` (ERROR: lines) and `tail` (its last lines). */
export function ytDlpFailure(url: string, exitCode: number | null, errors: string[], tail: string[]): KirinukiError {
  const said = errors.length > 0 ? errors : tail;
  const detail = said.join(' | ').slice(0, 600);
  const rule = RULES.find((r) => said.some((line) => r.test.test(line)));
  if (rule) return new YtDlpFailure(rule.code, `${url} ${rule.what}: ${rule.todo}. (yt-dlp: ${detail})`, rule.availability);
  return new KirinukiError(
    'DOWNLOAD_FAILED',
    `yt-dlp could not read ${url} (exit ${exitCode ?? 'by signal'}): run again, or update yt-dlp if YouTube changed. (yt-dlp: ${detail || 'no message'})`,
  );
}
