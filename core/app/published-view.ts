import type { ClipPublished } from '../export/clip-record.js';
import type { PublishedView } from './views.js';

/** A clip's YouTube video as the UI shows it; `already`: it was there before this call. */
export function publishedView(published: ClipPublished, already: boolean): PublishedView {
  return {
    videoId: published.videoId,
    url: `https://www.youtube.com/watch?v=${published.videoId}`,
    privacy: published.privacy,
    publishAt: published.publishAt ?? null,
    alreadyPublished: already,
  };
}
