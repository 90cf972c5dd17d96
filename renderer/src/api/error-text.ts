// No imports: this table is also checked by tests/unit/renderer-error-text.test.ts against ERROR_CODES.

/** What to do next for each code the core can raise, shown under the core's own sentence. */
const NEXT_STEP: Record<string, string> = {
  INVALID_URL: 'Paste a YouTube video or channel link, an 11-character video ID, or the path of a video file.',
  INVALID_ARGUMENT: 'Check the highlighted value and try again.',
  VIDEO_NOT_FOUND: 'Check the link: the video may be private, deleted, or the ID mistyped.',
  CHANNEL_NOT_FOUND: 'Check the handle or channel link; handles start with @.',
  COMMENTS_DISABLED: 'Comments are turned off for this video, so there are no moments to find. Open another video, or a yt-dlp .info.json that has comments.',
  QUOTA_EXCEEDED: "Today's YouTube API quota is used up. The comments fetched so far are saved; try again after midnight Pacific time.",
  QUOTA_BUDGET_REACHED: 'The quota budget for this run is spent; run again to continue where it stopped.',
  API_KEY_MISSING: 'Add a YouTube Data API key in Settings, or open a yt-dlp .info.json or a saved comments file instead.',
  API_KEY_INVALID: 'The API key was refused: paste it again in Settings (Google Cloud Console → Credentials).',
  FORBIDDEN: 'YouTube refused the request; check that the YouTube Data API v3 is enabled for your key.',
  NETWORK: 'Check your internet connection and try again.',
  FILE_NOT_FOUND: 'Check the path: the file or folder does not exist (or was moved).',
  NO_VIDEO_STREAM: 'Pick a file that has a picture (not an audio-only file).',
  UNREADABLE_MEDIA: 'The file is damaged or not a video; try another copy.',
  SUBTITLES_UNREADABLE: 'Pick a .json3, .vtt or .srt subtitle file (the kind yt-dlp saves beside a video), or go on without subtitles.',
  CHAT_UNREADABLE: "Pick the stream's .live_chat.json file (the chat replay yt-dlp saves), or go on without the chat.",
  FFMPEG_FAILED: 'ffmpeg could not process this file; see Settings → Tools, or try another file.',
  YTDLP_MISSING: 'Install yt-dlp to download videos, or open a local video file instead.',
  DOWNLOAD_FAILED: 'The download failed; check your connection, or open a local copy of the video.',
  NO_FACES: 'Nobody was found on screen; export without per-person clips.',
  PERSON_NOT_FOUND: 'That person no longer exists (merged or re-analysed); pick someone from People.',
  DISK_FULL: 'Free some disk space or choose another output folder in Settings.',
  PROJECT_CORRUPT: 'The project file is damaged; delete that project folder and open the video again.',
  PROJECT_TOO_NEW: 'This project was made by a newer Kirinuki; update the app.',
  PROJECT_BUSY: 'Another job is working on this project; wait for it to finish or cancel it, then try again.',
  VIDEO_UNAVAILABLE: 'The video is private or deleted, so it cannot be clipped.',
  VIDEO_MISMATCH: 'Check that this file is a copy of this video; attach it anyway only if you are sure (the moments keep their times).',
  MOMENTS_OVERLAP: 'Merge them into one (Ctrl+Z takes it back), or shorten, move or delete one of them first.',
  FACE_MODEL_MISMATCH: 'The face models do not match this Kirinuki; reinstall it (npm ci) and try again.',
  CANCELLED: 'Stopped. Start again when you are ready.',
  INTERNAL: 'Something unexpected went wrong; try again, and report it if it keeps happening.',
  AUTH_REQUIRED: 'Sign in to YouTube again: press Publish and allow Kirinuki to upload in the browser window that opens.',
  OAUTH_CLIENT_MISSING: 'Publishing needs your own Google OAuth client (a Desktop app client): see the README, section "Publishing to YouTube".',
  UPLOAD_INTERRUPTED: 'The upload stopped; press Publish again to resume where it stopped.',
  GUIDELINE_MEMBERS_ONLY: 'The guidelines profile refuses members-only videos: pick a public video, or another profile if the rules allow it.',
  GUIDELINE_PAID: 'The guidelines profile refuses paid or Premium-only videos: pick a free, public video.',
  GUIDELINE_PRIVATE: 'The guidelines profile refuses private videos: pick a public video.',
  GUIDELINE_UNLISTED: 'The guidelines profile refuses unlisted videos: pick a public video.',
  GUIDELINE_NEEDS_AUTH: 'The guidelines profile refuses videos that need a sign-in: pick a public video.',
  GUIDELINE_TOO_SOON: 'The guidelines ask to wait after the stream or upload: try again later.',
  GUIDELINE_SHARE: 'The guidelines limit how much of one video may be clipped: export fewer or shorter clips.',
  GUIDELINE_CLIP_TOO_LONG: 'The guidelines limit the clip length: choose a shorter longest clip.',
  GUIDELINE_BANNED_WORD: 'A title would contain a word the guidelines ban: edit the moment text or the profile.',
  GUIDELINE_CREDIT: 'The guidelines need a credit the source does not give: open the YouTube video (or its .info.json) instead of a bare file.',
  GUIDELINES_INVALID: 'Fix the guidelines profile file (see the examples in resources/guidelines), or pick another profile in Settings.',
};

/**
 * The core also speaks to the command line: its flags and yt-dlp's own words become what the app
 * offers instead (the CLI keeps them).
 */
const APP_WORDS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/\s*\(yt-dlp: [\s\S]*\)\s*$/, ''],
  [/set YOUTUBE_API_KEY, or pass an offline source \(\.info\.json or --comments FILE\)/, 'add one in Settings, or open a yt-dlp .info.json or a saved comments file'],
  [/pass its comments with --comments FILE/, 'load its comments file on the Video screen'],
  [/delete it or pass --refresh/, 'delete it and open the video again'],
  [/write it with yt-dlp --write-comments/, 'save it again together with its comments'],
  [/Download the chat again with yt-dlp [^,]*, or go on without it/, 'Download the chat again, or go on without it'],
  [/--max-length (\S+) must be/, 'A longest clip length of $1 s must be'],
  [/--max-length (\S+) is/, 'A longest clip length of $1 s is'],
  [/--preset "([^"]+)"/, 'The format "$1"'],
  [/; or pass --chat FILE\)/, '; or use "Load live chat…")'],
  [/; or pass --subs FILE\)/, '; or use "Load subtitles…")'],
  [/ \(--subs-lang\)/, ''],
  [/ with `kirinuki publish --sign-in`/, ' by pressing Publish again'],
  [/\(yt-dlp writes them with --write-comments\)/, '(saved with the video\'s comments)'],
  [
    /--at (\S+) is in the past; give a time in the future to schedule the clip/,
    (_match, at) => `The scheduled time ${new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} has already passed; pick a later time, or clear Schedule to publish now`,
  ],
];

/** A core message in the app's words: no CLI flags, no yt-dlp output. */
export function appWords(message: string): string {
  return APP_WORDS.reduce((text, [pattern, words]) => (typeof words === 'string' ? text.replace(pattern, words) : text.replace(pattern, words)), message);
}

export interface ErrorText {
  code: string;
  sentence: string;
  next: string;
}

/** A failed call's `{code, message}` (a CallError) or anything else thrown, as words for the user. */
export function errorText(error: unknown): ErrorText {
  const coded = (error as { code?: unknown } | null)?.code;
  const code = error instanceof Error && typeof coded === 'string' ? coded : 'INTERNAL';
  const raw = appWords(error instanceof Error ? error.message : String(error));
  const sentence = /[.!?]$/.test(raw.trim()) ? raw.trim() : `${raw.trim()}.`;
  return { code, sentence, next: NEXT_STEP[code] ?? NEXT_STEP.INTERNAL ?? '' };
}
