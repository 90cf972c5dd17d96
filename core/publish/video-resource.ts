import type { youtube_v3 } from '@googleapis/youtube';
import { DESCRIPTION_MAX, descriptionLength, oneLine, tagsLength, TAGS_MAX, TITLE_MAX, truncate, youtubeSafe } from '../export/upload-text-limits.js';
import type { UploadText } from './clip-upload-text.js';
import type { PublishSettings } from './publish-settings.js';

/** videos.insert takes at most 5 000 bytes of description (UTF-8: a Japanese character is 3). */
export const MAX_DESCRIPTION_BYTES = DESCRIPTION_MAX;
const SHORTS_TAG = '#shorts';

function cutBytes(text: string, max: number): string {
  if (descriptionLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += descriptionLength(char);
    if (bytes > max) break;
    out += char;
  }
  return out;
}

/** Tags without `#`, each once, while their total fits YouTube's 500. */
function fitTags(tags: string[]): string[] {
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = oneLine(youtubeSafe(raw.replace(/^#/, '')).replace(/,/g, ' '));
    if (!tag || kept.includes(tag)) continue;
    if (tagsLength([...kept, tag]) > TAGS_MAX) break;
    kept.push(tag);
  }
  return kept;
}

/** The title as YouTube gets it: one line, nothing YouTube refuses, at most 100 characters. */
export function uploadTitle(text: UploadText): string {
  return truncate(oneLine(youtubeSafe(text.title)), TITLE_MAX);
}

/**
 * The `videos.insert` resource of a clip: its upload text held to YouTube's limits again (it may
 * have been edited by hand), `#shorts` for a portrait clip that does not say it yet, made-for-kids
 * always declared, scheduled with publishAt.
 */
export function videoResource(text: UploadText, frame: { width: number; height: number }, settings: PublishSettings): youtube_v3.Schema$Video {
  let description = youtubeSafe(text.description);
  const title = uploadTitle(text);
  const saysShorts = `${title}\n${description}`.toLowerCase().includes(SHORTS_TAG);
  if (frame.height > frame.width && !saysShorts) {
    description = `${cutBytes(description, MAX_DESCRIPTION_BYTES - SHORTS_TAG.length - 2).trimEnd()}\n\n${SHORTS_TAG}`.trimStart();
  }
  return {
    snippet: { title, description: cutBytes(description, MAX_DESCRIPTION_BYTES), tags: fitTags(text.tags), categoryId: settings.categoryId },
    status: {
      privacyStatus: settings.privacy,
      selfDeclaredMadeForKids: settings.madeForKids,
      ...(settings.publishAt ? { publishAt: settings.publishAt } : {}),
    },
  };
}
