import { KirinukiError } from '../errors.js';

/**
 * The one definition of a YouTube video id: exactly 11 characters of `[A-Za-z0-9_-]`. An id becomes
 * a project folder name (`<out>/<videoId>/`), so nothing else may pass: no `/`, `..`, NUL or length.
 */
export const VIDEO_ID_CHARS = '[A-Za-z0-9_-]{11}';

const VIDEO_ID = new RegExp(`^${VIDEO_ID_CHARS}$`);
/** How much of a rejected value an error message shows. */
const SHOWN_CHARS = 40;

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

/** A short, printable rendering of an untrusted value: truncated, JSON-quoted (so NUL shows as \u0000). */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (value === null) return 'null';
  if (typeof value !== 'string') {
    return `(${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`})`;
  }
  const cut = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;
  return JSON.stringify(cut);
}
