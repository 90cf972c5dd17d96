import type { Mention } from './types.js';

export interface MentionCluster {
  /** The density's mode in seconds (sub-second, from a parabola through the peak bin). */
  peak: number;
  mentions: Mention[];
}

/** A Gaussian kernel truncated at 3 sigma, sampled on one-second bins. */
function gaussianKernel(bandwidthS: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * bandwidthS));
  const kernel = new Float64Array(2 * radius + 1);
  for (let i = -radius; i <= radius; i += 1) {
    kernel[i + radius] = Math.exp(-(i * i) / (2 * bandwidthS * bandwidthS));
  }
  return kernel;
}

/** Binned kernel density of the mentions' weights: O(bins × kernel), independent of pairs. */
export function mentionDensity(mentions: readonly Mention[], bins: number, bandwidthS: number): Float64Array {
  const counts = new Float64Array(bins);
  for (const mention of mentions) counts[Math.min(bins - 1, Math.round(mention.t))]! += mention.weight;
  const kernel = gaussianKernel(bandwidthS);
  const radius = (kernel.length - 1) / 2;
  const density = new Float64Array(bins);
  for (let bin = 0; bin < bins; bin += 1) {
    const count = counts[bin]!;
    if (count === 0) continue;
    const from = Math.max(0, bin - radius);
    const to = Math.min(bins - 1, bin + radius);
    for (let j = from; j <= to; j += 1) density[j]! += count * kernel[j - bin + radius]!;
  }
  return density;
}

/** Each bin's local maximum, found by climbing the density (mean shift on a grid), memoised. */
function peaksByClimbing(density: Float64Array): Int32Array {
  const peakOf = new Int32Array(density.length).fill(-1);
  const path: number[] = [];
  for (let start = 0; start < density.length; start += 1) {
    let bin = start;
    while (peakOf[bin] === -1) {
      path.push(bin);
      const left = bin > 0 ? density[bin - 1]! : -1;
      const right = bin < density.length - 1 ? density[bin + 1]! : -1;
      const here = density[bin]!;
      if (right > here && right >= left) bin += 1;
      else if (left > here) bin -= 1;
      else {
        peakOf[bin] = bin;
        break;
      }
    }
    const peak = peakOf[bin]!;
    for (const visited of path) peakOf[visited] = peak;
    path.length = 0;
  }
  return peakOf;
}

function refinePeak(density: Float64Array, bin: number): number {
  const left = density[bin - 1];
  const right = density[bin + 1];
  const here = density[bin]!;
  if (left === undefined || right === undefined) return bin;
  const curvature = left - 2 * here + right;
  if (curvature >= 0) return bin;
  return bin + (0.5 * (left - right)) / curvature;
}

/**
 * Groups mentions by the density peak their second climbs to. `bins` covers the video
 * (one per second); mentions are expected inside it.
 */
export function clusterMentions(
  mentions: readonly Mention[],
  durationS: number,
  bandwidthS: number,
): MentionCluster[] {
  if (mentions.length === 0) return [];
  const bins = Math.max(1, Math.ceil(durationS) + 1);
  const density = mentionDensity(mentions, bins, bandwidthS);
  const peakOf = peaksByClimbing(density);
  const byPeak = new Map<number, Mention[]>();
  for (const mention of mentions) {
    const peak = peakOf[Math.min(bins - 1, Math.round(mention.t))]!;
    const members = byPeak.get(peak);
    if (members) members.push(mention);
    else byPeak.set(peak, [mention]);
  }
  return [...byPeak].map(([bin, members]) => ({ peak: refinePeak(density, bin), mentions: members }));
}
