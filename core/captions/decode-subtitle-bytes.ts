import { captionsError } from './captions-error.js';

/**
 * A subtitle file's bytes as text: UTF-16 when it starts with a UTF-16 BOM, else UTF-8 (BOM or
 * not), else Shift_JIS, which older Japanese subtitle tools still write. A file with NUL bytes
 * (a video renamed .srt) or in none of these is refused.
 */
export function decodeSubtitleBytes(bytes: Uint8Array, path: string): string {
  const text = decodeFirstFitting(bytes);
  if (text === undefined) throw captionsError(path, 'is not UTF-8 or Shift_JIS text', 'save it as UTF-8 and try again');
  if (text.includes('\u0000')) throw captionsError(path, 'is binary data, not a subtitle file', 'pick the .json3, .vtt or .srt file yt-dlp wrote beside the video');
  return text;
}

function decodeFirstFitting(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // Not this encoding; try the next.
    }
  }
  return undefined;
}
