/**
 * Telops: what is said, as the lines burned into a clip. Times are seconds from the clip's start.
 * Made from a caption track (core/captions) for one clip window, with the user's edits applied.
 */
export interface Telop {
  start: number;
  end: number;
  /** At most two lines, already broken (kinsoku, no English word split, emoji whole). */
  lines: string[];
  /** A reaction shown styled, e.g. （笑） for [笑い]; set when the whole telop is one. */
  reaction?: boolean;
  /**
   * Word timing (word-timed tracks only): each word's span on screen and where it sits in
   * `lines` (line index and character range), for the karaoke highlight.
   */
  words?: TelopWord[];
}

export interface TelopWord {
  start: number;
  end: number;
  line: number;
  from: number;
  to: number;
}

/** `--captions`: telops of what is said, the top comment as a title card, both, or none. */
export const CAPTION_MODES = ['speech', 'top-comment', 'both', 'none'] as const;
export type CaptionMode = (typeof CAPTION_MODES)[number];

/** What to do with music tags ([音楽], [Music]): drop them, or show ♪. */
export type MusicTags = 'drop' | 'note';

/**
 * A user's change to one cue of the track, saved in `<project>/telop-edits.json` and applied to
 * every later export. A cue is named by its original start (seconds in the video, ±0.05 s).
 */
export interface TelopEdit {
  cueStart: number;
  /** New text ("\n" for a forced line break); absent = unchanged. */
  text?: string;
  /** New in / out in video seconds; absent = unchanged. */
  start?: number;
  end?: number;
  /** The cue is not shown. */
  hidden?: boolean;
}

/** `<project>/telop-edits.json`. */
export interface TelopEditsFile {
  version: 1;
  edits: TelopEdit[];
  /** The caption style chosen in the app (a name from telop-styles.json). */
  style?: string;
}
