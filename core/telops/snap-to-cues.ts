import type { CaptionCue, CaptionTrack } from '../captions/caption-track.js';

export interface SnapWindow {
  start: number;
  end: number;
}

export interface SnapToCuesOptions {
  /** The most either edge may move, seconds. */
  maxShiftS: number;
  minLength: number;
  maxLength: number;
  /** The video's length: the window stays inside it. */
  durationS: number;
}

/**
 * The window with its edges moved to cue boundaries, so a clip neither starts nor ends
 * mid-sentence: a start inside a cue goes back to that cue's start (or on to its end, the gap
 * after it, when that is nearer the limit); an end inside a cue goes on to its end (or back to
 * its start). Each edge moves at most maxShiftS; the first pair of choices that keeps the length
 * within [minLength, maxLength] wins, else the window is returned as it was.
 */
export function snapToCues(window: SnapWindow, track: CaptionTrack, options: SnapToCuesOptions): SnapWindow {
  const inReach = (t: number, from: number): boolean => Math.abs(t - from) <= options.maxShiftS && t >= 0 && t <= options.durationS;
  const startCue = cueAround(track.cues, window.start);
  const endCue = cueAround(track.cues, window.end);
  const starts = [...(startCue ? [startCue.start, startCue.end] : []), window.start].filter((t) => inReach(t, window.start));
  const ends = [...(endCue ? [endCue.end, endCue.start] : []), window.end].filter((t) => inReach(t, window.end));
  for (const start of starts) {
    for (const end of ends) {
      const length = end - start;
      if (length >= options.minLength && length <= options.maxLength) return { start, end };
    }
  }
  return { start: window.start, end: window.end };
}

/** The cue that `t` falls strictly inside (not on its edges), if any. */
function cueAround(cues: readonly CaptionCue[], t: number): CaptionCue | undefined {
  let low = 0;
  let high = cues.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const cue = cues[middle]!;
    if (t <= cue.start) high = middle - 1;
    else if (t >= cue.end) low = middle + 1;
    else return cue;
  }
  return undefined;
}
