import type { Moment } from '../moments/types.js';
import { clipFileName } from './clip-file-name.js';
import type { TimeWindow } from '../media/time-window.js';
import { clipWindow } from './clip-window.js';
import { captionText, topComment } from './top-comment.js';

/** One output file to make: which moment, whose, which parts of the source, under which name. */
export interface ClipPlan {
  /** The moment's rank (1 = the best). */
  moment: number;
  /** The person this clip follows (per-person exports), or null for a plain clip. */
  person: string | null;
  /** Source-time parts, in time order: one for a plain clip, several for a person's on-screen parts. */
  segments: TimeWindow[];
  fileName: string;
  /** The caption text (the moment's most-liked comment) when captions are on. */
  caption?: string;
}

/** One person's on-screen time, as the faces stage reports it. */
export interface PersonAppearances {
  person: string;
  appearances: TimeWindow[];
  /** The appearances already hold their margins (kept inside shots, see personSegments): only cut to the window. */
  padded?: boolean;
}

export interface PlanOptions {
  title: string;
  preset: string;
  maxS: number;
  durationS: number;
  /** Only the best N moments. */
  top?: number;
  caption?: 'top-comment';
  /** Moves each clip window (telops on: to cue boundaries); the moments themselves stay as ranked. */
  snap?: (window: TimeWindow) => TimeWindow;
}

/** The source window a moment's clip covers: trimmed around its peak to the cap, then snapped. */
export function planWindow(moment: Moment, options: Pick<PlanOptions, 'maxS' | 'durationS' | 'snap'>): TimeWindow {
  const window = clipWindow(moment, options.maxS, options.durationS);
  return options.snap ? options.snap(window) : window;
}

function captionFor(moment: Moment, caption: PlanOptions['caption']): string | undefined {
  const comment = caption === 'top-comment' ? topComment(moment) : undefined;
  return comment ? captionText(comment.text) : undefined;
}

/** The best `top` moments by rank. */
export function selectMoments(moments: Moment[], top?: number): Moment[] {
  const ranked = [...moments].sort((a, b) => a.rank - b.rank);
  return top === undefined ? ranked : ranked.slice(0, Math.max(0, top));
}

/** One clip per moment, trimmed around its peak to the preset's cap. */
export function planClips(moments: Moment[], options: PlanOptions): ClipPlan[] {
  return selectMoments(moments, options.top).map((moment) => ({
    moment: moment.rank,
    person: null,
    segments: [planWindow(moment, options)],
    fileName: clipFileName({ title: options.title, rank: moment.rank, preset: options.preset }),
    caption: captionFor(moment, options.caption),
  }));
}

/** Overlaps of a person's appearances with a window, widened by `marginS`, gaps under `bridgeS` bridged. */
export function segmentsInWindow(appearances: TimeWindow[], window: TimeWindow, marginS = 0.5, bridgeS = 1.5): TimeWindow[] {
  const parts = appearances
    .map((a) => ({ start: Math.max(window.start, a.start - marginS), end: Math.min(window.end, a.end + marginS) }))
    .filter((a) => a.end - a.start > 0.05)
    .sort((a, b) => a.start - b.start);
  const merged: TimeWindow[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && part.start - last.end <= bridgeS) last.end = Math.max(last.end, part.end);
    else merged.push({ ...part });
  }
  return merged;
}

/**
 * Per-person clips: for each person, one clip per moment they are on screen in (only their
 * on-screen parts of the moment, with a margin), shorter than `minS` in total skipped.
 */
export function planPersonClips(moments: Moment[], people: PersonAppearances[], options: PlanOptions & { minS?: number }): ClipPlan[] {
  const minS = options.minS ?? 1;
  const plans: ClipPlan[] = [];
  for (const person of people) {
    for (const moment of selectMoments(moments, options.top)) {
      const window = planWindow(moment, options);
      const segments = person.padded ? segmentsInWindow(person.appearances, window, 0, 0) : segmentsInWindow(person.appearances, window);
      if (segments.reduce((sum, s) => sum + s.end - s.start, 0) < minS) continue;
      plans.push({
        moment: moment.rank,
        person: person.person,
        segments,
        fileName: clipFileName({ title: options.title, rank: moment.rank, preset: options.preset, person: person.person }),
        caption: captionFor(moment, options.caption),
      });
    }
  }
  return plans;
}

export const planDuration = (plan: ClipPlan): number => plan.segments.reduce((sum, s) => sum + (s.end - s.start), 0);
