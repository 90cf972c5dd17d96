// A plain type module (no Node imports), so the renderer can share it through the app views.
import type { CaptionMode } from '../telops/telop.js';
import type { UploadText } from './upload-text.js';

/** What a clip carries as captions (`--captions`): the mode, the telop style and how many telops it shows. */
export interface ClipCaptions {
  mode: Exclude<CaptionMode, 'none'>;
  /** The telop style (speech and both). */
  style?: string;
  /** Telops drawn in this clip (0 when the video has no subtitles, or for top-comment). */
  telops: number;
}

/** One exported file (the `clips` shape of `kirinuki clips --json` in the README, plus the settings key used to skip re-runs). */
export interface ClipRecord {
  path: string;
  /** The moment's rank. */
  moment: number;
  person: string | null;
  /** The window in source seconds (first segment's start to last segment's end). */
  start: number;
  end: number;
  width: number;
  height: number;
  durationS: number;
  /** Absent when the clip has no captions (`--captions none`, `--fast`). */
  captions?: ClipCaptions;
  /** The title, description (source credit first) and tags to upload it with; the user's edit when there is one. */
  upload?: UploadText;
  /** A hash of everything that shaped the file: the same key and a valid file means it is up to date. */
  key?: string;
  /** Set by `kirinuki publish` once YouTube has the clip: it is never uploaded again. */
  published?: ClipPublished;
}

/** The YouTube video a clip became (`kirinuki publish`). */
export interface ClipPublished {
  videoId: string;
  /** ISO time the upload finished. */
  at: string;
  privacy: 'private' | 'unlisted' | 'public';
  /** ISO time YouTube makes it public (`--at`), when scheduled. */
  publishAt?: string;
}
