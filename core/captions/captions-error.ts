import { KirinukiError } from '../errors.js';

/** What to do when a subtitle file cannot be used, unless a problem has a better next step. */
const FETCH_AGAIN = 'download the subtitles again (yt-dlp --write-subs) or pick another subtitle file';

/**
 * One sentence naming the file (or "The subtitle text" for the pure parsers) and what to do. It never
 * quotes the file's bytes: a subtitle file can be anything a user points at.
 */
export function captionsError(source: string, problem: string, next = FETCH_AGAIN): KirinukiError {
  return new KirinukiError('SUBTITLES_UNREADABLE', `${source} ${problem}; ${next}.`);
}

/** The name the pure parsers give their input in errors when the caller does not say. */
export const TEXT_SOURCE = 'The subtitle text';
