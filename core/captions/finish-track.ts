import type { CaptionCue, CaptionTrack, CaptionWord } from './caption-track.js';
import type { CueDraft } from './cue-draft.js';

/** Cues starting closer than this start together (two speakers' lines split into two cues). */
const SAME_START_S = 0.001;

/**
 * The parsers' drafts as a track that keeps the promises in caption-track.ts: empty cues dropped,
 * sorted by start, cues starting together merged, each cue ending at the next one's start at the
 * latest, and words either on every cue (when the file timed any) or on none.
 */
export function finishTrack(drafts: readonly CueDraft[], lang?: string): CaptionTrack {
  const wordTimed = drafts.some((draft) => draft.lines.some((line) => line.words !== undefined));
  const cues = mergeSameStart(
    drafts
      .map(toCue)
      .filter((cue) => cue.text !== '')
      .sort((a, b) => a.start - b.start),
  );
  cues.forEach((cue, i) => {
    const next = cues[i + 1];
    if (next && cue.end > next.start) cue.end = next.start;
  });
  const finished = cues.map((cue) => (wordTimed ? withSettledWords(cue) : { start: cue.start, end: cue.end, text: cue.text }));
  return lang === undefined ? { wordTimed, cues: finished } : { lang, wordTimed, cues: finished };
}

/** A line the file did not time becomes one word, at the cue's start. */
function toCue(draft: CueDraft): CaptionCue & { words: CaptionWord[] } {
  const lines = draft.lines.filter((line) => line.text !== '');
  return {
    start: draft.start,
    end: Math.max(draft.start, draft.end),
    text: lines.map((line) => line.text).join('\n'),
    words: lines.flatMap((line) => line.words ?? [{ t: draft.start, text: line.text }]),
  };
}

function mergeSameStart<T extends CaptionCue & { words: CaptionWord[] }>(sorted: T[]): T[] {
  const merged: T[] = [];
  for (const cue of sorted) {
    const last = merged.at(-1);
    if (last && cue.start - last.start < SAME_START_S) {
      last.text = `${last.text}\n${cue.text}`;
      last.end = Math.max(last.end, cue.end);
      last.words = last.words.concat(cue.words);
    } else {
      merged.push({ ...cue, words: [...cue.words] });
    }
  }
  return merged;
}

/** Word times inside [start, end] and never going back, so a karaoke sweep only moves forward. */
function withSettledWords(cue: CaptionCue & { words: CaptionWord[] }): CaptionCue {
  let floor = cue.start;
  const words = cue.words.map((word) => {
    floor = Math.min(cue.end, Math.max(floor, word.t));
    return { t: floor, text: word.text };
  });
  return { start: cue.start, end: cue.end, text: cue.text, words };
}
