import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { VIDEO_ID_CHARS, isYoutubeVideoId } from './video-id.js';

export type ChannelRef = 'handle' | 'id' | 'custom' | 'user';

/** What a `<source>` argument names; every command resolves its input through `parseSource`. */
export type Source =
  | { kind: 'video'; videoId: string; startS?: number }
  | { kind: 'channel'; by: ChannelRef; value: string }
  | { kind: 'file'; path: string }
  | { kind: 'info-json'; path: string }
  | { kind: 'comments-file'; path: string };

const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const HANDLE = /^@[\p{L}\p{N}._-]{3,100}$/u;
const CHANNEL_NAME = /^[\p{L}\p{N}._%-]+$/u;
const YOUTUBE_HOSTS = /^(?:(?:www|m|music|gaming)\.)?youtube(?:-nocookie)?\.com$/i;
const SHORT_HOST = /^(?:www\.)?youtu\.be$/i;
const ID_PATH_PREFIXES = new Set(['shorts', 'live', 'embed', 'v', 'e']);
const LOCAL_FILE_EXTENSIONS = /\.(?:json|mp4|mkv|webm|mov|m4v|avi|flv|ts|mpg|mpeg|wmv|3gp)$/i;

/**
 * Parses a YouTube URL (watch, youtu.be, shorts, live, embed, m., music., with or without scheme),
 * an 11-character video id, a channel reference (@handle, /channel/UC…, /c/name, /user/name) or an
 * existing local file (.info.json, a `{video, threads}` comments .json, a video).
 */
export function parseSource(input: string): Source {
  const text = input.trim();
  if (text === '') throw invalid(input);
  const url = toYoutubeUrl(text);
  if (url) return fromUrl(url, input);
  const local = fromLocalPath(text);
  if (local) return local;
  if (isYoutubeVideoId(text)) return { kind: 'video', videoId: text };
  if (CHANNEL_ID.test(text)) return { kind: 'channel', by: 'id', value: text };
  if (HANDLE.test(text)) return { kind: 'channel', by: 'handle', value: text };
  if (LOCAL_FILE_EXTENSIONS.test(text)) {
    throw new KirinukiError('FILE_NOT_FOUND', `File not found: ${resolve(text)}`);
  }
  throw invalid(input);
}

/** `parseSource` narrowed to one video; a channel is INVALID_URL naming the input. */
export function parseVideoSource(input: string): Exclude<Source, { kind: 'channel' }> {
  const source = parseSource(input);
  if (source.kind === 'channel') {
    throw new KirinukiError('INVALID_URL', `"${input}" is a channel, not a video.`);
  }
  return source;
}

function invalid(input: string): KirinukiError {
  return new KirinukiError(
    'INVALID_URL',
    `"${input}" is not a YouTube video or channel URL, an 11-character video id, or an existing file.`,
  );
}

function toYoutubeUrl(text: string): URL | undefined {
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  if (!/^https?:\/\/[^/?#]+\.[a-z]+(?:[/?#]|$)/i.test(withScheme)) return undefined;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  const host = url.hostname;
  if (YOUTUBE_HOSTS.test(host) || SHORT_HOST.test(host)) return url;
  return undefined;
}

function fromUrl(url: URL, input: string): Source {
  const segments = url.pathname.split('/').filter((s) => s !== '').map(safeDecode);
  if (SHORT_HOST.test(url.hostname)) return videoFrom(segments[0], url, input);
  const [first, second] = segments;
  if (first === 'watch' || (first === undefined && url.searchParams.has('v'))) {
    return videoFrom(url.searchParams.get('v') ?? undefined, url, input);
  }
  if (first !== undefined && ID_PATH_PREFIXES.has(first)) return videoFrom(second, url, input);
  if (first?.startsWith('@') && HANDLE.test(first)) return { kind: 'channel', by: 'handle', value: first };
  if (first === 'channel' && second !== undefined && CHANNEL_ID.test(second)) {
    return { kind: 'channel', by: 'id', value: second };
  }
  if ((first === 'c' || first === 'user') && second !== undefined && CHANNEL_NAME.test(second)) {
    return { kind: 'channel', by: first === 'c' ? 'custom' : 'user', value: second };
  }
  throw invalid(input);
}

/** A path segment holding the id: the id alone, or `ID&t=1m30s` (a `&` where the `?` belongs). */
const ID_WITH_PARAMS = new RegExp(`^(${VIDEO_ID_CHARS})[&?](.*)$`);

function videoFrom(segment: string | undefined, url: URL, input: string): Source {
  const withParams = ID_WITH_PARAMS.exec(segment ?? '');
  const id = withParams ? withParams[1] : segment;
  if (!isYoutubeVideoId(id)) throw invalid(input);
  const startS = startOf(url, new URLSearchParams(withParams?.[2] ?? ''));
  return startS === undefined ? { kind: 'video', videoId: id } : { kind: 'video', videoId: id, startS };
}

function startOf(url: URL, pathParams: URLSearchParams): number | undefined {
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const raw =
    url.searchParams.get('t') ?? url.searchParams.get('start') ?? pathParams.get('t') ?? pathParams.get('start') ?? fragment.get('t');
  return raw === null ? undefined : parseStartTime(raw);
}

/** `90`, `90s`, `1m30s`, `1h2m3s` → seconds; anything else → undefined. */
export function parseStartTime(raw: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/i.exec(raw.trim());
  if (!match || raw.trim() === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function fromLocalPath(text: string): Source | undefined {
  const path = resolve(text);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return undefined;
  }
  if (!isFile) {
    if (LOCAL_FILE_EXTENSIONS.test(path)) {
      throw new KirinukiError('INVALID_ARGUMENT', `${path} is a folder, not a video or JSON file.`);
    }
    return undefined;
  }
  if (/\.info\.json$/i.test(path)) return { kind: 'info-json', path };
  if (/\.json$/i.test(path)) return { kind: 'comments-file', path };
  return { kind: 'file', path };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
