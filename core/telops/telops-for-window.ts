import type { CaptionTrack } from '../captions/caption-track.js';
import { applyTelopEdits } from './apply-telop-edits.js';
import { cleanTelopDraft } from './clean-telop-tags.js';
import { mergeFragments } from './merge-fragments.js';
import { splitLongTelop } from './split-long-telop.js';
import type { MusicTags, Telop, TelopEdit } from './telop.js';
import { MAX_TELOP_LINES, telopBand } from './telop-band.js';
import { draftFromCue, type TelopDraft } from './telop-draft.js';
import type { TelopStyle } from './telop-style.js';
import { telopLines, telopTextLayout, type TelopTextLayout } from './telop-text-layout.js';
import { roundMs, telopWordSpans } from './telop-word-spans.js';

export interface TelopWindow {
  start: number;
  end: number;
}

export interface TelopsForWindowOptions {
  music: MusicTags;
  edits?: readonly TelopEdit[];
  frameWidth: number;
  /** Decides the safe area (portrait: clear of the right-hand rail); portrait when absent. */
  frameHeight?: number;
  style: TelopStyle;
}

/** Shorter than this on screen (after cutting to the window), a telop is a flash nobody can read. */
const MIN_SHOWN_S = 0.05;
/** Drafts this far outside the window may still be merged into one inside it. */
const NEIGHBOUR_MARGIN_S = 5;

/**
 * The telops of one clip window, in seconds from the window's start: the user's edits applied,
 * sound tags cleaned, fragments merged, long cues split, everything cut to the window and broken
 * into at most two lines measured with the real font at the style's size.
 */
export function telopsForWindow(track: CaptionTrack, window: TelopWindow, options: TelopsForWindowOptions): Telop[] {
  const frame = { width: options.frameWidth, height: options.frameHeight ?? Math.round((options.frameWidth * 16) / 9) };
  const layout = telopTextLayout(telopBand(frame, options.style));
  const near = applyTelopEdits(track.cues.map(draftFromCue), options.edits ?? []).filter(
    (draft) => draft.end > window.start - NEIGHBOUR_MARGIN_S && draft.start < window.end + NEIGHBOUR_MARGIN_S,
  );
  const cleaned = near.flatMap((draft) => cleanTelopDraft(draft, options.music) ?? []);
  return mergeFragments(cleaned, layout)
    .flatMap((draft) => splitLongTelop(draft, layout))
    .flatMap((draft) => shownInWindow(draft, window, layout) ?? []);
}

function shownInWindow(draft: TelopDraft, window: TelopWindow, layout: TelopTextLayout): Telop | undefined {
  const start = Math.max(draft.start, window.start);
  const end = Math.min(draft.end, window.end);
  if (end - start < MIN_SHOWN_S) return undefined;
  const lines = telopLines(draft.text, layout, MAX_TELOP_LINES);
  const telop: Telop = { start: roundMs(start - window.start), end: roundMs(end - window.start), lines };
  if (draft.reaction) return { ...telop, reaction: true };
  if (!draft.words) return telop;
  const words = telopWordSpans(draft.text, lines, draft.words, { start, end, origin: window.start });
  return words.length > 0 ? { ...telop, words } : telop;
}
