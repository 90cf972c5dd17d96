import { median } from '../math/median.js';

/** The change score of one frame against the frame before it; `t` is the later frame's time. */
export interface ChangeScore {
  t: number;
  score: number;
}

export interface CutThresholds {
  /** A cut must change at least this much (0..1) whatever the neighbourhood. */
  minScore: number;
  /** ...and stand this many times above the median of its neighbourhood. */
  ratio: number;
  /** Seconds each side of a frame that make up its neighbourhood. */
  windowS: number;
  /** Two cuts are at least this far apart (a flash or a fade is not a run of cuts). */
  minShotS: number;
}

export const DEFAULT_CUT_THRESHOLDS: CutThresholds = {
  minScore: 0.08,
  ratio: 3,
  windowS: 1,
  minShotS: 0.5,
};

function neighbourhood(scores: ChangeScore[], index: number, windowS: number): number[] {
  const t = scores[index]!.t;
  const values: number[] = [];
  for (let j = index - 1; j >= 0 && t - scores[j]!.t <= windowS; j -= 1) values.push(scores[j]!.score);
  for (let j = index + 1; j < scores.length && scores[j]!.t - t <= windowS; j += 1) {
    values.push(scores[j]!.score);
  }
  return values;
}

function isCutCandidate(scores: ChangeScore[], index: number, thresholds: CutThresholds): boolean {
  const { score } = scores[index]!;
  if (score < thresholds.minScore) return false;
  const around = neighbourhood(scores, index, thresholds.windowS);
  // a cut is a lone spike: the largest change in its neighbourhood and far above its median
  if (around.some((value) => value > score)) return false;
  return score >= thresholds.ratio * (median(around) + 0.005);
}

/**
 * Picks hard cuts from per-frame change scores with an adaptive threshold: a spike far above the
 * median change of the second around it (so a busy, moving shot needs a bigger jump than a still
 * one). Returns the times of the first frame of each new shot.
 */
export function pickShotCuts(
  scores: ChangeScore[],
  thresholds: CutThresholds = DEFAULT_CUT_THRESHOLDS,
): number[] {
  const candidates = scores
    .map((entry, index) => ({ ...entry, index }))
    .filter((entry) => isCutCandidate(scores, entry.index, thresholds))
    .sort((a, b) => b.score - a.score);
  const cuts: number[] = [];
  for (const candidate of candidates) {
    if (cuts.every((t) => Math.abs(t - candidate.t) >= thresholds.minShotS)) cuts.push(candidate.t);
  }
  return cuts.sort((a, b) => a - b);
}
