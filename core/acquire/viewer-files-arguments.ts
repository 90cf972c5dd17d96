import { join } from 'node:path';
import { KirinukiError } from '../errors.js';

/** What one yt-dlp call for a video's viewer files is asked to write besides the info JSON. */
export interface ViewerFilesRequest {
  /** The live-chat replay (`<id>.live_chat.json`). */
  chat: boolean;
  /**
   * The captions: the uploader's subtitles in the video's language, else the original-language
   * auto-captions (`<id>.<lang>-orig.json3`).
   */
  captions: boolean;
  /**
   * `--subs-lang`: the captions in this language instead — the uploader's track in it, else
   * YouTube's auto-captions in it (a machine translation unless it is the spoken language). Files
   * fetched for one language do not serve another.
   */
  subsLang?: string;
  /** Comments in the info JSON, at most this many (top comments first); none when undefined. */
  maxComments?: number;
}

/**
 * How yt-dlp (2023.03.04, Debian's; YoutubeDL.process_subtitles) picks subtitles: with
 * `--write-subs` and `--write-auto-subs` it merges the uploader's tracks (`subtitles`) and
 * YouTube's auto-captions (`automatic_captions`) into ONE table keyed by language code, the
 * uploader's track winning a shared key, and matches every comma-separated `--sub-langs` entry as
 * a case-insensitive regular expression against the WHOLE key (`all` is an alias, a leading `-`
 * excludes). The auto-captions hold the spoken language twice (`<lang>-orig`, and `<lang>` for
 * compatibility) and a machine translation under every other code YouTube offers (over a hundred:
 * `en`, `ko`, `zh-Hans` …; `<to>-<from>` for translations of the uploader's tracks). So no
 * expression tells the uploader's `en` from `en` machine-translated, and `.+` or `[a-z]{2}` would
 * pull every translation. What is asked for instead:
 * - `live_chat`: the chat replay (a track of the `subtitles` side);
 * - `.+-orig`: the auto-captions in the spoken language, whatever it is, and nothing else;
 * - ONE language code (`ja`, or `--subs-lang`): the uploader's track in it when there is one,
 *   else the auto-captions in it — the spoken language's own when it is spoken, at most one
 *   machine translation when not.
 * The info JSON lists both tables, so which file is the uploader's is known after the call.
 */
export const CHAT_LANGUAGE = 'live_chat';
export const ORIGINAL_CAPTIONS_LANGUAGES = '.+-orig';
/** The uploader's language asked for without `--subs-lang`: Kirinuki is Japanese first. */
export const DEFAULT_SUBS_LANGUAGE = 'ja';
/** json3 has a time per word; the live chat exists only as `json`, which `best` then picks without a warning. */
export const SUBTITLE_FORMAT = 'json3/best';
/**
 * A stream that is live right now would have yt-dlp follow its chat until the stream ends: such a
 * video is skipped (yt-dlp prints "… does not pass filter (!is_live), skipping .." and exits 0).
 */
export const NOT_LIVE_FILTER = '!is_live';
/** Files are named by the video id alone: a long Japanese title can pass the file system's 255-byte limit. */
export const OUTPUT_TEMPLATE = '%(id)s.%(ext)s';

/** `--extractor-args` for top-sorted comments, at most `max` of them (max-comments,max-parents,… keeps the rest at "all"). */
export const commentsExtractorArgs = (max: number): string => `youtube:comment_sort=top;max_comments=${max}`;

/** A language tag for `--subs-lang`: `ja`, `en`, `pt-BR`, `zh-Hans` (never a pattern, `all`, or a `-` that yt-dlp reads as "exclude"). */
const SUBS_LANG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,18}[A-Za-z0-9])?$/;

/** `--subs-lang LANG` checked (undefined stays undefined); anything but a plain language tag is INVALID_ARGUMENT naming the flag. */
export function checkSubsLang(value: string | undefined, flag = '--subs-lang'): string | undefined {
  if (value === undefined) return undefined;
  if (!SUBS_LANG.test(value) || value.toLowerCase() === 'all') {
    throw new KirinukiError('INVALID_ARGUMENT', `${flag} takes a language tag such as ja, en or pt-BR (letters, digits and "-", at most 20), got "${value}".`);
  }
  return value;
}

/** The languages to ask for, or undefined when no subtitle is wanted. */
export function subtitleLanguages(request: ViewerFilesRequest): string | undefined {
  const captions = request.subsLang !== undefined ? [checkSubsLang(request.subsLang) as string] : [ORIGINAL_CAPTIONS_LANGUAGES, DEFAULT_SUBS_LANGUAGE];
  const langs = [...(request.chat ? [CHAT_LANGUAGE] : []), ...(request.captions ? captions : [])];
  return langs.length > 0 ? langs.join(',') : undefined;
}

/**
 * The yt-dlp command line (an argument array, never a shell string) that writes the info JSON
 * (heatmap, chapters, duration, and the comments when asked), the chat replay and the captions
 * of `url` into `workDir`, without the video.
 */
export function viewerFilesArguments(url: string, workDir: string, request: ViewerFilesRequest): string[] {
  const args = [
    '--ignore-config', '--no-playlist', '--newline', '--no-colors',
    '--skip-download', '--write-info-json', '--match-filter', NOT_LIVE_FILTER,
  ];
  const langs = subtitleLanguages(request);
  if (langs !== undefined) {
    // the chat and the uploader's tracks are `subtitles`; the auto-captions `automatic_captions`
    args.push('--write-subs');
    if (request.captions) args.push('--write-auto-subs');
    args.push('--sub-format', SUBTITLE_FORMAT, '--sub-langs', langs);
  }
  if (request.maxComments !== undefined) {
    args.push('--write-comments', '--extractor-args', commentsExtractorArgs(request.maxComments));
  }
  // an absolute output template, not -P: the folder is part of the one option every yt-dlp reads
  args.push('-o', join(workDir, OUTPUT_TEMPLATE), '--', url);
  return args;
}
