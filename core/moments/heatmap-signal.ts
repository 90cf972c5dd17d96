import type { HeatmapPoint } from '../youtube/types.js';
import { upperMedian } from '../math/median.js';

/** Viewers replay the part after the moment they point at: look a little before and after it. */
const LOOK_BEFORE_S = 5;
const LOOK_AFTER_S = 15;
/** The replayed stretch lasts while the heatmap stays above this share of its rise over the median. */
const HOLD_SHARE = 0.5;

/** yt-dlp's "most replayed" heatmap as a second signal; every query is 0 / undefined without one. */
export interface HeatmapSignal {
  /** The highest value (0..1) near a peak. */
  heatAround: (peak: number) => number;
  /**
   * Where the replayed stretch around a peak ends: from the hottest point near the peak, onward
   * while the heatmap stays above half way between its median and that point (a half-height
   * width). Undefined when nothing stands out there.
   */
  endAfter: (peak: number) => number | undefined;
  /** How far a value rises over the median towards the hottest point (0..1). */
  lift: (value: number) => number;
  /** The hottest points that stand out (at least half way from the median to the top), hottest first. */
  peaks: () => { start: number; value: number }[];
}

export function heatmapSignal(heatmap: readonly HeatmapPoint[] | undefined): HeatmapSignal {
  const points = [...(heatmap ?? [])].sort((a, b) => a.start - b.start);
  const baseline = upperMedian(points.map((p) => p.value));
  const hottestNear = (peak: number): number => {
    let top = -1;
    for (let i = 0; i < points.length; i += 1) {
      const p = points[i]!;
      if (p.end <= peak - LOOK_BEFORE_S || p.start >= peak + LOOK_AFTER_S) continue;
      if (top === -1 || p.value > points[top]!.value) top = i;
    }
    return top;
  };
  const hottest = Math.max(0, ...points.map((p) => p.value));
  const lift = (value: number): number => (hottest > baseline ? Math.min(1, Math.max(0, (value - baseline) / (hottest - baseline))) : 0);
  return {
    lift,
    peaks: () =>
      points
        .filter((p, i) => lift(p.value) >= HOLD_SHARE && p.value >= (points[i - 1]?.value ?? 0) && p.value > (points[i + 1]?.value ?? 0))
        .sort((a, b) => b.value - a.value || a.start - b.start)
        .map((p) => ({ start: p.start, value: p.value })),
    heatAround: (peak) => {
      const top = hottestNear(peak);
      return top === -1 ? 0 : Math.min(1, Math.max(0, points[top]!.value));
    },
    endAfter: (peak) => {
      const top = hottestNear(peak);
      if (top === -1 || points[top]!.value <= baseline) return undefined;
      const hold = baseline + HOLD_SHARE * (points[top]!.value - baseline);
      let last = top;
      while (last + 1 < points.length && points[last + 1]!.value >= hold) last += 1;
      return points[last]!.end;
    },
  };
}
