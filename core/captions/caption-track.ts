/**
 * A subtitle track as Kirinuki reads it, whatever the file format: cues in seconds, sorted by
 * start, at most one on screen at a time (a cue ends at the next cue's start at the latest).
 *
 * Promises the readers keep, so a telop renderer can rely on them:
 * - `text` is what the cue shows, markup and entities removed, spaces collapsed, lines trimmed;
 *   the source's line breaks are kept as "\n". Never empty.
 * - `wordTimed` is true when the file timed words (json3 `tOffsetMs`, VTT `<00:00:01.200>` tags);
 *   then every cue has `words` (a cue the file did not time holds one word, its whole text, at its
 *   start), and when false no cue has them.
 * - `words` are in the order of `text`, each found in it by a forward search (`text.indexOf(word.text,
 *   afterPrevious)`), trimmed, with `t` non-decreasing inside [start, end].
 */
export interface CaptionTrack {
  /** BCP 47-ish language from the file (VTT `Language:`) or its name (`Title [id].ja.vtt`). */
  lang?: string;
  wordTimed: boolean;
  cues: CaptionCue[];
}

export interface CaptionCue {
  start: number;
  end: number;
  text: string;
  words?: CaptionWord[];
}

/** One timed word (or, for scripts without spaces, one timed chunk as the source split it). */
export interface CaptionWord {
  t: number;
  text: string;
}
