import type { youtube_v3 } from '@googleapis/youtube';
import { KirinukiError } from '../errors.js';
import { callApi, type RetryOptions } from './call-api.js';
import { parseIsoDuration } from './iso-duration.js';
import type { QuotaMeter } from './quota-meter.js';
import type { VideoMeta } from './types.js';
import { availabilityFromPrivacyStatus } from './video-availability.js';

// one comma-joined value: every server parses `part=a,b`; repeated `part=` params are less universal
// status and liveStreamingDetails: what a guidelines profile checks (still 1 unit)
const VIDEO_PARTS = 'snippet,contentDetails,statistics,status,liveStreamingDetails';

export interface FetchedVideoMeta {
  video: VideoMeta;
  /** `statistics.commentCount` (comments + replies), when the API reports it. */
  commentCount?: number;
}

export interface ApiCallContext {
  client: youtube_v3.Youtube;
  quota: QuotaMeter;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

/**
 * `videos.list` (1 quota unit): title, ISO-8601 duration → seconds, channel, comment count,
 * privacy status and when a live stream ended.
 * `videoId` is already checked (fetchCommentsCached and loadVideoMeta, its callers, refuse any other).
 */
export async function fetchVideoMeta(videoId: string, context: ApiCallContext): Promise<FetchedVideoMeta> {
  const subject = `video ${videoId}`;
  const data = await callApi(
    (signal) => context.client.videos.list({ id: [videoId], part: [VIDEO_PARTS] }, { signal }),
    { method: 'videos.list', quota: context.quota, signal: context.signal, retry: context.retry, subject },
  );
  const item = data.items?.find((v) => v.id === videoId) ?? data.items?.[0];
  if (!item) throw new KirinukiError('VIDEO_NOT_FOUND', `YouTube has no video ${videoId} (videos.list returned nothing).`);
  return toFetchedMeta(item, videoId);
}

function toFetchedMeta(item: youtube_v3.Schema$Video, videoId: string): FetchedVideoMeta {
  const snippet = item.snippet ?? {};
  const duration = item.contentDetails?.duration;
  // the id asked for, never the server's: it names the project folder
  const video: VideoMeta = {
    id: videoId,
    title: snippet.title ?? videoId,
    durationS: duration ? parseIsoDuration(duration, `contentDetails.duration of video ${videoId}`) : 0,
  };
  if (snippet.channelId) video.channelId = snippet.channelId;
  if (snippet.channelTitle) video.channelTitle = snippet.channelTitle;
  if (snippet.publishedAt) video.publishedAt = snippet.publishedAt;
  const availability = availabilityFromPrivacyStatus(item.status?.privacyStatus);
  if (availability) video.availability = availability;
  if (item.liveStreamingDetails?.actualEndTime) video.liveEndedAt = item.liveStreamingDetails.actualEndTime;
  const result: FetchedVideoMeta = { video };
  const count = Number(item.statistics?.commentCount);
  if (item.statistics?.commentCount != null && Number.isFinite(count)) result.commentCount = count;
  return result;
}
