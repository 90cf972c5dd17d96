import { KirinukiError } from '../errors.js';
import { showValue } from '../fs/show-value.js';

/**
 * The one definition of a YouTube video id: exactly 11 characters of `[A-Za-z0-9_-]`. An id becomes
 * a project folder name (`<out>/<videoId>/`), so nothing else may pass: no `/`, `..`, NUL or length.
 */
export const VIDEO_ID_CHARS = '[A-Za-z0-9_-]{11}';

const VIDEO_ID = new RegExp(`^${VIDEO_ID_CHARS}$`);

export function isYoutubeVideoId(value: unknown): value is string {
  return typeof value === 'string' && VIDEO_ID.test(value);
}

/**
 * `value` as a video id, else INVALID_ARGUMENT: `<where> "<value>" is not a YouTube video id …`.
 * `where` names the file (or playlist) and the field, e.g. `comments.json: video.id`.
 */
export function requireYoutubeVideoId(value: unknown, where: string): string {
  if (isYoutubeVideoId(value)) return value;
  throw new KirinukiError(
    'INVALID_ARGUMENT',
    `${where} ${showValue(value)} is not a YouTube video id (11 letters, digits, - or _).`,
  );
}
