import type { youtube_v3 } from '@googleapis/youtube';
import { isKirinukiError } from '../errors.js';
import { callApi } from './call-api.js';
import type { ChannelApiOptions } from './channel-resolve.js';
import { showValue } from '../fs/show-value.js';
import { requireYoutubeVideoId } from './video-id.js';

/** The Data API's page size limit for playlistItems.list. */
export const UPLOADS_PAGE_SIZE = 50;

export interface UploadItem {
  id: string;
  title: string;
  /** When the video was published (falls back to when it was added to the playlist). */
  publishedAt?: string;
  /** False for private and deleted videos, which stay in the uploads playlist. */
  available: boolean;
}

export interface UploadsPage {
  items: UploadItem[];
  nextPageToken?: string;
}

const UNAVAILABLE_TITLES = new Set(['Private video', 'Deleted video']);

function toUploadItem(item: youtube_v3.Schema$PlaylistItem, playlistId: string): UploadItem | undefined {
  const raw = item.contentDetails?.videoId ?? item.snippet?.resourceId?.videoId;
  if (!raw) return undefined;
  // the id names the video's project folder: a hostile or broken listing must not pick the path
  const id = requireYoutubeVideoId(raw, `uploads playlist ${showValue(playlistId)}: videoId`);
  const title = item.snippet?.title ?? id;
  const privacy = item.status?.privacyStatus;
  const publishedAt = item.contentDetails?.videoPublishedAt ?? item.snippet?.publishedAt ?? undefined;
  const upload: UploadItem = { id, title, available: privacy !== 'private' && !UNAVAILABLE_TITLES.has(title) };
  if (publishedAt) upload.publishedAt = publishedAt;
  return upload;
}

/** One playlistItems.list page (1 quota unit, 50 items) of a channel's uploads playlist. */
export async function listUploadsPage(
  playlistId: string,
  pageToken: string | undefined,
  options: ChannelApiOptions,
): Promise<UploadsPage> {
  const params: youtube_v3.Params$Resource$Playlistitems$List = {
    part: ['snippet', 'contentDetails', 'status'],
    playlistId,
    maxResults: UPLOADS_PAGE_SIZE,
  };
  if (pageToken) params.pageToken = pageToken;
  let data: youtube_v3.Schema$PlaylistItemListResponse;
  try {
    data = await callApi<youtube_v3.Schema$PlaylistItemListResponse>(
      (signal) => options.client.playlistItems.list(params, { signal }),
      {
        method: 'playlistItems.list',
        quota: options.quota,
        signal: options.signal,
        subject: `uploads playlist ${playlistId}`,
        notFoundCode: 'CHANNEL_NOT_FOUND',
      },
    );
  } catch (error) {
    // a channel that never uploaded has an uploads playlist id that 404s: no videos, not an error
    if (isKirinukiError(error) && error.code === 'CHANNEL_NOT_FOUND' && !pageToken) return { items: [] };
    throw error;
  }
  const items = (data.items ?? [])
    .map((item) => toUploadItem(item, playlistId))
    .filter((i): i is UploadItem => i !== undefined);
  const page: UploadsPage = { items };
  if (data.nextPageToken) page.nextPageToken = data.nextPageToken;
  return page;
}
