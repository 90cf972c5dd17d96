/** Bytes kept for the whole name including the extension: most file systems allow 255. */
export const MAX_FILE_NAME_BYTES = 200;

// Windows refuses these as a name's stem whatever the extension (CON.mp4 is still CON).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Path separators, characters Windows forbids, and control characters (C0, DEL, C1).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
// Invisible formatting characters (bidi overrides, zero-width) that would disguise a name.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

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
