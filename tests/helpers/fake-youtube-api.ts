import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { youtube_v3 } from '@googleapis/youtube';

export { fakeVideoFromCommentsFile, makeThreads, type SyntheticComment } from './fake-youtube-threads.js';

/**
 * A real HTTP server on 127.0.0.1 speaking the YouTube Data API v3 shapes Kirinuki uses
 * (videos, commentThreads, channels, playlistItems), with fault injection and a log of every
 * request. Point the real Google client at it through `YOUTUBE_API_ROOT` / `apiRoot`.
 */

export type Thread = youtube_v3.Schema$CommentThread;

export interface FakeVideo {
  id: string;
  title: string;
  /** ISO 8601, as videos.list returns it (`PT15M5S`). */
  duration: string;
  channelId?: string;
  channelTitle?: string;
  publishedAt?: string;
  threads: Thread[];
  commentsDisabled?: boolean;
  /** statistics.commentCount; defaults to threads + replies. */
  commentCount?: number;
  /** status.privacyStatus; defaults to public. */
  privacyStatus?: 'public' | 'unlisted' | 'private';
  /** liveStreamingDetails.actualEndTime of a past live stream (none for an upload). */
  actualEndTime?: string;
}

export interface FakeChannel {
  id: string;
  title: string;
  /** With the `@`. */
  handle?: string;
  /** The legacy /user/ name (forUsername). */
  username?: string;
  /** Video ids in the uploads playlist, newest first; defaults to the videos of this channel. */
  uploads?: string[];
}

export interface FakeFaults {
  /** After this many successful commentThreads pages, every request gets 403 quotaExceeded. */
  quotaExceededAfterPages?: number;
  /** Every k-th request (1-based count over all requests) gets 503 backendError. */
  fail503Every?: number;
  /** These request numbers (1-based) get 503. */
  fail503On?: number[];
  /** These request numbers (1-based) get their connection destroyed without a response. */
  resetOn?: number[];
  /** Every request gets its connection destroyed (a dead server). */
  resetAll?: boolean;
  /** Requests this matches are accepted and never answered (a stalled server); their status stays 0. */
  hang?: (path: string, query: URLSearchParams) => boolean;
}

export interface RecordedRequest {
  n: number;
  method: string;
  /** `/youtube/v3/commentThreads` */
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was reset or never answered. */
  status: number;
}

export interface FakeRequest {
  path: string;
  query: URLSearchParams;
  api: FakeYoutubeApi;
}

export interface FakeResponse {
  status: number;
  body: unknown;
}

export type FakeRoute = (request: FakeRequest) => FakeResponse;

export interface FakeYoutubeOptions {
  videos?: FakeVideo[];
  channels?: FakeChannel[];
  /** The one key accepted (default `test-key`); any other gets 400 API_KEY_INVALID. */
  apiKey?: string;
  faults?: FakeFaults;
  /** Extra or replacement routes by path (`/youtube/v3/search`, …). */
  routes?: Record<string, FakeRoute>;
}

export interface FakeYoutubeApi {
  /** Root URL for `YOUTUBE_API_ROOT` (`http://127.0.0.1:PORT/`). */
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  videos: Map<string, FakeVideo>;
  channels: FakeChannel[];
  faults: FakeFaults;
  routes: Map<string, FakeRoute>;
  /** Successful commentThreads pages served so far. */
  commentPagesServed: number;
  /** Requests to one path (`commentThreads`, `videos`, … or the full path). */
  countOf(path: string): number;
  setFaults(faults: FakeFaults): void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_KEY = 'test-key';

export async function startFakeYoutubeApi(options: FakeYoutubeOptions = {}): Promise<FakeYoutubeApi> {
  const api: FakeYoutubeApi = {
    url: '',
    apiKey: options.apiKey ?? DEFAULT_FAKE_KEY,
    requests: [],
    videos: new Map((options.videos ?? []).map((v) => [v.id, v])),
    channels: options.channels ?? [],
    faults: { ...options.faults },
    routes: new Map(Object.entries({ ...DEFAULT_ROUTES, ...options.routes })),
    commentPagesServed: 0,
    countOf: (path) => api.requests.filter((r) => r.path === path || r.path === `/youtube/v3/${path}`).length,
    setFaults: (faults) => {
      api.faults = { ...faults };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => handle(api, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return api;
}

function handle(api: FakeYoutubeApi, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const record: RecordedRequest = {
    n: api.requests.length + 1,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: queryRecord(url.searchParams),
    status: 0,
  };
  api.requests.push(record);
  const f = api.faults;
  if (f.resetAll || f.resetOn?.includes(record.n)) {
    req.socket.destroy();
    return;
  }
  if (f.hang?.(url.pathname, url.searchParams)) return;
  const response = respond(api, record.n, url);
  record.status = response.status;
  const body = JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(body);
}

/** Repeated parameters (`part=a&part=b`, as Google's client sends arrays) are joined with commas. */
function queryRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of new Set(params.keys())) record[key] = params.getAll(key).join(',');
  return record;
}

function respond(api: FakeYoutubeApi, n: number, url: URL): FakeResponse {
  const f = api.faults;
  if ((f.fail503Every && n % f.fail503Every === 0) || f.fail503On?.includes(n)) {
    return apiError(503, 'The service is currently unavailable.', 'backendError', 'global', 'UNAVAILABLE');
  }
  const key = url.searchParams.get('key');
  if (key === null) {
    return apiError(403, 'The request is missing a valid API key.', 'forbidden', 'global', 'PERMISSION_DENIED');
  }
  if (key !== api.apiKey) return invalidKey();
  if (f.quotaExceededAfterPages !== undefined && api.commentPagesServed >= f.quotaExceededAfterPages) {
    return apiError(
      403,
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      'quotaExceeded',
      'youtube.quota',
    );
  }
  const route = api.routes.get(url.pathname);
  if (!route) return apiError(404, `Not found: ${url.pathname}`, 'notFound', 'global', 'NOT_FOUND');
  return route({ path: url.pathname, query: url.searchParams, api });
}

/** The error body shape of the real API (`{error: {code, message, errors: [{message, domain, reason}]}}`). */
export function apiError(
  code: number,
  message: string,
  reason: string,
  domain = 'youtube.api',
  status?: string,
  extra: Record<string, unknown> = {},
): FakeResponse {
  const error: Record<string, unknown> = { code, message, errors: [{ message, domain, reason }], ...extra };
  if (status) error.status = status;
  return { status: code, body: { error } };
}

function invalidKey(): FakeResponse {
  return apiError(400, 'API key not valid. Please pass a valid API key.', 'badRequest', 'global', 'INVALID_ARGUMENT', {
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'youtube.googleapis.com' },
      },
    ],
  });
}

function missingParameter(name: string): FakeResponse {
  return apiError(400, `No filter selected. Expected one of: ${name}`, 'missingRequiredParameter', 'youtube.parameter');
}

const DEFAULT_ROUTES: Record<string, FakeRoute> = {
  '/youtube/v3/videos': videosRoute,
  '/youtube/v3/commentThreads': commentThreadsRoute,
  '/youtube/v3/channels': channelsRoute,
  '/youtube/v3/playlistItems': playlistItemsRoute,
};

function parts(query: URLSearchParams): Set<string> {
  return new Set(listParam(query, 'part'));
}

function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '');
}

function videosRoute({ query, api }: FakeRequest): FakeResponse {
  const ids = listParam(query, 'id');
  if (ids.length === 0) return missingParameter('id, chart, myRating');
  const wanted = parts(query);
  const items = ids.flatMap((id) => {
    const video = api.videos.get(id);
    return video ? [videoResource(video, wanted)] : [];
  });
  return {
    status: 200,
    body: {
      kind: 'youtube#videoListResponse',
      etag: 'fake',
      items,
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    },
  };
}

function videoResource(video: FakeVideo, wanted: Set<string>): youtube_v3.Schema$Video {
  const resource: youtube_v3.Schema$Video = { kind: 'youtube#video', etag: `v-${video.id}`, id: video.id };
  if (wanted.has('snippet')) {
    resource.snippet = {
      title: video.title,
      channelId: video.channelId ?? 'UCfakeChannel000000000000',
      channelTitle: video.channelTitle ?? 'Fake Channel',
      publishedAt: video.publishedAt ?? '2026-01-01T00:00:00Z',
    };
  }
  if (wanted.has('contentDetails')) resource.contentDetails = { duration: video.duration };
  if (wanted.has('status')) resource.status = { privacyStatus: video.privacyStatus ?? 'public', uploadStatus: 'processed' };
  if (wanted.has('liveStreamingDetails') && video.actualEndTime) resource.liveStreamingDetails = { actualEndTime: video.actualEndTime };
  if (wanted.has('statistics')) {
    const count = video.commentCount ?? countComments(video.threads);
    resource.statistics = video.commentsDisabled ? {} : { commentCount: String(count), viewCount: '1000' };
  }
  return resource;
}

export function countComments(threads: readonly Thread[]): number {
  return threads.reduce((sum, t) => sum + 1 + (t.replies?.comments?.length ?? 0), 0);
}

function commentThreadsRoute({ query, api }: FakeRequest): FakeResponse {
  const videoId = query.get('videoId');
  if (!videoId) return missingParameter('allThreadsRelatedToChannelId, id, videoId');
  const video = api.videos.get(videoId);
  if (!video) {
    return apiError(
      404,
      'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter could not be found.',
      'videoNotFound',
      'youtube.commentThread',
    );
  }
  if (video.commentsDisabled) {
    return apiError(
      403,
      'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.',
      'commentsDisabled',
      'youtube.commentThread',
    );
  }
  const page = pageOf(video.threads, query, 100, 20);
  if ('status' in page) return page;
  api.commentPagesServed += 1;
  const plain = query.get('textFormat') === 'plainText';
  return {
    status: 200,
    body: {
      kind: 'youtube#commentThreadListResponse',
      etag: `ct-${videoId}-${page.offset}`,
      ...(page.next ? { nextPageToken: page.next } : {}),
      pageInfo: { totalResults: page.items.length, resultsPerPage: page.size },
      items: plain ? page.items.map(plainTextThread) : page.items,
    },
  };
}

interface Page<T> {
  items: T[];
  offset: number;
  size: number;
  next?: string;
}

/** Opaque page tokens over an array; a token that was not issued is 400 invalidPageToken. */
function pageOf<T>(all: readonly T[], query: URLSearchParams, maxSize: number, defaultSize: number): Page<T> | FakeResponse {
  const size = Math.min(maxSize, Math.max(1, Number(query.get('maxResults') ?? defaultSize) || defaultSize));
  const token = query.get('pageToken');
  let offset = 0;
  if (token) {
    const match = /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
    if (!match || Number(match[1]) > all.length) {
      return apiError(400, 'The request specified an invalid page token.', 'invalidPageToken', 'youtube.parameter');
    }
    offset = Number(match[1]);
  }
  const items = all.slice(offset, offset + size);
  const page: Page<T> = { items, offset, size };
  if (offset + size < all.length) page.next = Buffer.from(`p${offset + size}`).toString('base64url');
  return page;
}

/** With textFormat=plainText the API returns textDisplay without the HTML links. */
function plainTextThread(thread: Thread): Thread {
  const copy = structuredClone(thread);
  const plain = (c: youtube_v3.Schema$Comment | undefined): void => {
    if (c?.snippet && c.snippet.textOriginal != null) c.snippet.textDisplay = c.snippet.textOriginal;
  };
  plain(copy.snippet?.topLevelComment);
  copy.replies?.comments?.forEach(plain);
  return copy;
}

function channelsRoute({ query, api }: FakeRequest): FakeResponse {
  const handle = query.get('forHandle');
  const ids = query.has('id') ? listParam(query, 'id') : undefined;
  const username = query.get('forUsername');
  if (!handle && !ids && !username) return missingParameter('categoryId, forHandle, forUsername, id, managedByMe, mine');
  const normal = (h: string): string => (h.startsWith('@') ? h : `@${h}`).toLowerCase();
  const matches = api.channels.filter(
    (c) =>
      (handle && c.handle && normal(c.handle) === normal(handle)) ||
      ids?.includes(c.id) ||
      (username && c.username?.toLowerCase() === username.toLowerCase()),
  );
  const wanted = parts(query);
  const items = matches.map((c) => channelResource(c, wanted, api));
  return {
    status: 200,
    body: { kind: 'youtube#channelListResponse', etag: 'fake', pageInfo: { totalResults: items.length, resultsPerPage: 5 }, ...(items.length ? { items } : {}) },
  };
}

export function uploadsPlaylistId(channelId: string): string {
  return `UU${channelId.slice(2)}`;
}

function uploadsOf(channel: FakeChannel, api: FakeYoutubeApi): string[] {
  if (channel.uploads) return channel.uploads;
  return [...api.videos.values()].filter((v) => v.channelId === channel.id).map((v) => v.id);
}

function channelResource(channel: FakeChannel, wanted: Set<string>, api: FakeYoutubeApi): youtube_v3.Schema$Channel {
  const resource: youtube_v3.Schema$Channel = { kind: 'youtube#channel', etag: `c-${channel.id}`, id: channel.id };
  if (wanted.has('snippet')) {
    resource.snippet = { title: channel.title, ...(channel.handle ? { customUrl: channel.handle.toLowerCase() } : {}) };
  }
  if (wanted.has('contentDetails')) {
    resource.contentDetails = { relatedPlaylists: { likes: '', uploads: uploadsPlaylistId(channel.id) } };
  }
  if (wanted.has('statistics')) resource.statistics = { videoCount: String(uploadsOf(channel, api).length) };
  return resource;
}

function playlistItemsRoute({ query, api }: FakeRequest): FakeResponse {
  const playlistId = query.get('playlistId');
  if (!playlistId) return missingParameter('id, playlistId');
  const channel = api.channels.find((c) => uploadsPlaylistId(c.id) === playlistId);
  if (!channel) {
    return apiError(
      404,
      'The playlist identified with the request\'s <code>playlistId</code> parameter cannot be found.',
      'playlistNotFound',
      'youtube.playlistItem',
    );
  }
  const page = pageOf(uploadsOf(channel, api), query, 50, 5);
  if ('status' in page) return page;
  const items = page.items.map((videoId, i) => playlistItem(videoId, playlistId, page.offset + i, channel, api));
  return {
    status: 200,
    body: {
      kind: 'youtube#playlistItemListResponse',
      etag: `pi-${playlistId}-${page.offset}`,
      ...(page.next ? { nextPageToken: page.next } : {}),
      pageInfo: { totalResults: uploadsOf(channel, api).length, resultsPerPage: page.size },
      items,
    },
  };
}

function playlistItem(
  videoId: string,
  playlistId: string,
  position: number,
  channel: FakeChannel,
  api: FakeYoutubeApi,
): youtube_v3.Schema$PlaylistItem {
  const video = api.videos.get(videoId);
  const publishedAt = video?.publishedAt ?? '2026-01-01T00:00:00Z';
  return {
    kind: 'youtube#playlistItem',
    etag: `p-${videoId}`,
    id: `${playlistId}.${position}`,
    snippet: {
      publishedAt,
      channelId: channel.id,
      title: video?.title ?? videoId,
      channelTitle: channel.title,
      playlistId,
      position,
      resourceId: { kind: 'youtube#video', videoId },
    },
    contentDetails: { videoId, videoPublishedAt: publishedAt },
  };
}
