import { parseYtDlpLine } from './parse-ytdlp-progress.js';

/** What one line of yt-dlp's output (with `--newline`) says while it writes a video's viewer files. */
export type SourcesEvent =
  /** `[youtube] Downloading ~450 comments`: the count YouTube announces. */
  | { kind: 'comments-total'; total: number }
  /** `Downloading comment API JSON page 3 (40/450)` (and the reply pages): comments read so far. */
  | { kind: 'comments-page'; done: number; total?: number }
  /** `[youtube] Extracted 450 comments`. */
  | { kind: 'comments-done'; count: number }
  /** `[info] Writing video subtitles to: DIR/ID.live_chat.json`: a subtitle (or the chat) starts. */
  | { kind: 'subtitle'; path: string; language: string }
  /** `[download]    1.20MiB at  300.00KiB/s (00:00:04) (frag 12)`: the chat grows by pages. */
  | { kind: 'fragment'; index: number; bytes?: number }
  /** `[info] Writing video metadata as JSON to: DIR/ID.info.json`: the last file. */
  | { kind: 'info-json'; path: string }
  | { kind: 'error'; message: string };

const COMMENTS_TOTAL = /^\[youtube\] Downloading ~?([\d,]+) comments$/;
const COMMENT_PAGE = /Downloading comment(?: replies)? API JSON (?:page|reply thread) \d+ \((\d+)\/~?([\d,]+|None)\)/;
const COMMENTS_DONE = /^\[youtube\] Extracted (\d+) comments$/;
const SUBTITLE = /^\[info\] Writing video subtitles to: (.+)$/;
const INFO_JSON = /^\[info\] Writing video metadata as JSON to: (.+)$/;
const FRAGMENT = /^\[download\].*\(frag (\d+)(?:\/\d+)?\)$/;
const BYTES_SO_FAR = /^\[download\]\s+(\d+(?:\.\d+)?)(B|KiB|MiB|GiB)\s+at\b/;
const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** `DIR/ID.live_chat.json` → `live_chat`; `DIR/ID.ja-orig.json3` → `ja-orig`. */
export function subtitleLanguage(path: string): string {
  const parts = path.replace(/^.*[\\/]/, '').split('.');
  return parts.length >= 3 ? (parts[parts.length - 2] ?? '') : '';
}

const count = (raw: string): number => Number(raw.replace(/,/g, ''));

/** A pure parser of one line of yt-dlp's output; lines that say nothing give undefined. */
export function parseSourcesLine(raw: string): SourcesEvent | undefined {
  const line = raw.trim();
  const total = COMMENTS_TOTAL.exec(line);
  if (total?.[1]) return { kind: 'comments-total', total: count(total[1]) };
  const page = COMMENT_PAGE.exec(line);
  if (page?.[1]) {
    const all = page[2] && page[2] !== 'None' ? count(page[2]) : undefined;
    return all === undefined ? { kind: 'comments-page', done: Number(page[1]) } : { kind: 'comments-page', done: Number(page[1]), total: all };
  }
  const done = COMMENTS_DONE.exec(line);
  if (done?.[1]) return { kind: 'comments-done', count: Number(done[1]) };
  const subtitle = SUBTITLE.exec(line);
  if (subtitle?.[1]) return { kind: 'subtitle', path: subtitle[1], language: subtitleLanguage(subtitle[1]) };
  const info = INFO_JSON.exec(line);
  if (info?.[1]) return { kind: 'info-json', path: info[1] };
  const fragment = FRAGMENT.exec(line);
  if (fragment?.[1]) {
    const size = BYTES_SO_FAR.exec(line);
    const bytes = size?.[1] && size[2] ? Math.round(Number(size[1]) * (UNITS[size[2]] ?? 1)) : undefined;
    return bytes === undefined ? { kind: 'fragment', index: Number(fragment[1]) } : { kind: 'fragment', index: Number(fragment[1]), bytes };
  }
  const event = parseYtDlpLine(line);
  if (event?.kind === 'error') return event;
  return undefined;
}
