import type { TrackSample } from '../faces/types.js';
import { median } from '../math/median.js';
import type { ReframeLayout } from './reframe-layouts.js';
import { analysedTimeCount } from './subject-series.js';

/** On screen for most of the shot: at this share of its analysed times at least... */
const MOST_OF_SHOT = 0.5;
/** ...with a face at least this share of the tallest one's height (not a passer-by in the back). */
const MIN_HEIGHT_SHARE = 0.4;

/** The subjects of a shot on screen for most of it, as a person of the scene (not a small face in the back). */
export function peopleOnScreen(bySubject: Map<string, TrackSample[]>): string[] {
  const analysed = analysedTimeCount(bySubject);
  const heights = new Map([...bySubject].map(([id, samples]) => [id, median(samples.map((s) => s.box.h))]));
  const tallest = Math.max(0, ...heights.values());
  return [...bySubject]
    .filter(([id, samples]) => samples.length >= MOST_OF_SHOT * analysed && heights.get(id)! >= MIN_HEIGHT_SHARE * tallest)
    .map(([id]) => id);
}

/**
 * Whether the camera may stack two people in this shot: always with `split`, with `auto` (and
 * `facecam` where no face-cam is found) when exactly two people are on screen for most of it
 * (three or more keep the blurred fit when they do not fit), never with `single`.
 */
export function stackingLayout(layout: ReframeLayout | undefined, bySubject: Map<string, TrackSample[]>): 'single' | 'split' {
  if (layout === 'split') return 'split';
  if (layout === 'single') return 'single';
  return peopleOnScreen(bySubject).length === 2 ? 'split' : 'single';
}
