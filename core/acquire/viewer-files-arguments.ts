import { join } from 'node:path';

/** What one yt-dlp call for a video's viewer files is asked to write besides the info JSON. */
export interface ViewerFilesRequest {
  /** The live-chat replay (`<id>.live_chat.json`). */
  chat: boolean;
  /** The original-language auto-captions (`<id>.<lang>-orig.json3`). */
  captions: boolean;
  /** Comments in the info JSON, at most this many (top comments first); none when undefined. */
  maxComments?: number;
}

/**
 * yt-dlp (2023.03.04, Debian's) names the original-language auto-captions `<lang>-orig` beside
 * the same track without the suffix and every machine translation; `--sub-langs` takes
 * comma-separated regular expressions matched against the whole language code, so `.+-orig`
 * picks the spoken language's track whatever it is. The live chat is the subtitle `live_chat`.
 */
export const CHAT_LANGUAGE = 'live_chat';
export const ORIGINAL_CAPTIONS_LANGUAGES = '.+-orig';
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

/** The languages to ask for, or undefined when no subtitle is wanted. */
export function subtitleLanguages(request: ViewerFilesRequest): string | undefined {
  const langs = [...(request.chat ? [CHAT_LANGUAGE] : []), ...(request.captions ? [ORIGINAL_CAPTIONS_LANGUAGES] : [])];
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
    if (request.chat) args.push('--write-subs');
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
