import { throwIfAborted } from '../cancel.js';
import { listUploadsPage, type UploadItem } from '../youtube/channel-uploads.js';
import type { ChannelApiOptions } from '../youtube/channel-resolve.js';
import type { ChannelManifest, ManifestVideo } from '../project/channel-manifest.js';

export interface ListingNeeds {
  /** Stop once this many videos are listed. */
  limit?: number;
  /** Stop once a page reaches videos published before this date (the playlist is newest first). */
  since?: Date;
  /** List again from the first page, to pick up new uploads. */
  refresh?: boolean;
}

function isOlderThan(item: { publishedAt?: string }, since: Date | undefined): boolean {
  if (!since || !item.publishedAt) return false;
  return new Date(item.publishedAt).getTime() < since.getTime();
}

function enough(manifest: ChannelManifest, needs: ListingNeeds): boolean {
  if (manifest.listing.complete) return true;
  if (needs.limit !== undefined && manifest.videos.length >= needs.limit) return true;
  const last = manifest.videos.at(-1);
  return last !== undefined && isOlderThan(last, needs.since);
}

/** Adds the page's videos not listed yet; returns how many were new. */
function merge(manifest: ChannelManifest, items: UploadItem[]): number {
  const known = new Set(manifest.videos.map((v) => v.id));
  let added = 0;
  for (const item of items) {
    if (known.has(item.id)) continue;
    known.add(item.id);
    added += 1;
    const video: ManifestVideo = { id: item.id, title: item.title, status: 'pending' };
    if (item.publishedAt) video.publishedAt = item.publishedAt;
    if (!item.available) {
      const reason = 'The video is private or deleted.';
      Object.assign(video, { status: 'skipped', reason, error: { code: 'VIDEO_UNAVAILABLE', message: `Video ${video.id} is private or deleted.` } });
    }
    manifest.videos.push(video);
  }
  manifest.videos = newestFirst(manifest.videos);
  return added;
}

/** Newest first, by publication date; videos without one keep their playlist order. */
export function newestFirst(videos: ManifestVideo[]): ManifestVideo[] {
  return videos
    .map((video, index) => ({ video, index, t: video.publishedAt ? Date.parse(video.publishedAt) : NaN }))
    .sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) ? a.index - b.index : b.t - a.t || a.index - b.index))
    .map((x) => x.video);
}

/** Re-lists from the first page until a page brings nothing new (or the end): new uploads. */
async function listNewUploads(
  manifest: ChannelManifest,
  api: ChannelApiOptions,
  persist: (manifest: ChannelManifest) => Promise<void>,
): Promise<void> {
  let pageToken: string | undefined;
  for (;;) {
    throwIfAborted(api.signal);
    const page = await listUploadsPage(manifest.uploadsPlaylistId, pageToken, api);
    const added = merge(manifest, page.items);
    if (!page.nextPageToken) manifest.listing = { complete: true };
    await persist(manifest);
    if (added === 0 || !page.nextPageToken) return;
    pageToken = page.nextPageToken;
  }
}

/**
 * Pages through the uploads playlist (50 per page) only as far as this run needs, saving the
 * page token after every page, so a resumed run never pays for the same page twice.
 */
export async function extendUploadsListing(
  manifest: ChannelManifest,
  needs: ListingNeeds,
  api: ChannelApiOptions,
  persist: (manifest: ChannelManifest) => Promise<void>,
): Promise<void> {
  if (needs.refresh && manifest.videos.length > 0) await listNewUploads(manifest, api, persist);
  while (!enough(manifest, needs)) {
    throwIfAborted(api.signal);
    const page = await listUploadsPage(manifest.uploadsPlaylistId, manifest.listing.nextPageToken, api);
    merge(manifest, page.items);
    manifest.listing = page.nextPageToken ? { complete: false, nextPageToken: page.nextPageToken } : { complete: true };
    await persist(manifest);
  }
}
