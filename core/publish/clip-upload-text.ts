import type { ClipRecord, ClipsManifest } from '../export/manifest.js';
import { creditUrl, type UploadText } from '../export/upload-text.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';

export type { UploadText } from '../export/upload-text.js';

function isUploadText(value: unknown): value is UploadText {
  const v = value as Partial<UploadText> | null | undefined;
  return typeof v?.title === 'string' && v.title.trim() !== '' && typeof v.description === 'string' && Array.isArray(v.tags) && v.tags.every((t) => typeof t === 'string');
}

/**
 * The clip's upload text as the export wrote it (or the user edited it); for a clip exported
 * before upload texts existed, a minimal one from the manifest (the source's title and the
 * moment, the source's link). This is the only fallback: the real text is the export's.
 */
export function clipUploadText(clip: ClipRecord, manifest: Pick<ClipsManifest, 'video'>): UploadText {
  if (isUploadText(clip.upload)) return clip.upload;
  const { id, title } = manifest.video;
  const link = isYoutubeVideoId(id) ? `\n${creditUrl(id, clip.start)}` : '';
  return { title: `${title} #${clip.moment}`, description: `Source: ${title}${link}`, tags: [] };
}
