import { guidelineError } from './guideline-error.js';
import type { GuidelinesProfile } from './guidelines-profile.js';

interface Window {
  start: number;
  end: number;
}

/** Seconds covered by the windows together (an overlap counted once). */
export function coveredSeconds(windows: readonly Window[]): number {
  const sorted = [...windows].filter((w) => w.end > w.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const w of sorted) {
    const from = Math.max(w.start, reach);
    if (w.end > from) total += w.end - from;
    reach = Math.max(reach, w.end);
  }
  return total;
}

/**
 * GUIDELINE_SHARE when the source's clipped seconds — every earlier export's clips (the project's
 * export history) and this export's together, overlaps once — exceed `maxShare` of its length.
 */
export function checkShare(
  profile: GuidelinesProfile,
  video: { id: string; durationS: number },
  windows: { planned: readonly Window[]; exported: readonly Window[] },
): void {
  if (profile.maxShare === undefined || !(video.durationS > 0)) return;
  const clipped = coveredSeconds([...windows.planned, ...windows.exported]);
  const share = clipped / video.durationS;
  if (share <= profile.maxShare + 1e-9) return;
  const pct = (x: number): string => `${Math.round(x * 1000) / 10} %`;
  const before = coveredSeconds(windows.exported);
  throw guidelineError('GUIDELINE_SHARE', 'maxShare', profile, `allows ${pct(profile.maxShare)} of video ${video.id} to be clipped, and this export would bring it to ${pct(share)} (${clipped.toFixed(1)} of ${video.durationS.toFixed(1)} s, ${before.toFixed(1)} s of it from earlier exports): export fewer or shorter clips.`);
}
