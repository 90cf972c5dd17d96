/** Bytes kept for the whole name including the extension: most file systems allow 255. */
export const MAX_FILE_NAME_BYTES = 200;

// Windows refuses these as a name's stem whatever the extension (CON.mp4 is still CON).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Path separators, characters Windows forbids, and control characters (C0, DEL, C1).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
// Invisible formatting characters (bidi overrides, zero-width) that would disguise a name.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character or surrogate pair. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Length(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

/** One name component that is valid on Windows, macOS and Linux; Japanese and emoji are kept. */
export function sanitizeFileName(raw: string, maxBytes = MAX_FILE_NAME_BYTES): string {
  let name = raw
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  name = truncateUtf8(name, maxBytes).replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (name === '') name = 'video';
  const stem = name.split('.')[0] ?? name;
  if (RESERVED.test(stem.trim())) name = `_${name}`;
  return name;
}

/**
 * `<title> - 01 (shorts).mp4` (or `<title> - <person> - 01 (shorts).mp4`): the rank and suffix are
 * always kept, the title is shortened to fit the byte budget.
 */
export function clipFileName(options: {
  title: string;
  rank: number;
  preset?: string;
  person?: string;
  ext?: string;
}): string {
  const ext = options.ext ?? 'mp4';
  const rank = String(options.rank).padStart(2, '0');
  const person = options.person ? ` - ${sanitizeFileName(options.person, 40)}` : '';
  const preset = options.preset ? ` (${sanitizeFileName(options.preset, 20)})` : '';
  const tail = `${person} - ${rank}${preset}.${ext}`;
  const title = sanitizeFileName(options.title, MAX_FILE_NAME_BYTES - utf8Length(tail));
  return `${title}${tail}`;
}
