import { meanDistance } from './descriptor-distance.js';
import { mergeIntervals, totalLength } from './merge-intervals.js';
import type { TrackedFace } from './track-faces.js';

export interface ClusterOptions {
  /** Tracks whose descriptors are further apart than this are different people (default 0.55). */
  matchThreshold: number;
  /** Gaps in a person's screen time shorter than this are bridged (default 1 s). */
  bridgeGapS: number;
  /** How long one analysed frame stands for on screen (1 / fps). */
  frameS: number;
  /** Appearances are clipped to the analysed range. */
  rangeStart?: number;
  rangeEnd?: number;
}

/** A person: tracks recognised as the same face, and when they are on screen. */
export interface Identity {
  id: string;
  trackIds: string[];
  appearances: Array<[number, number]>;
  totalS: number;
  /** The mean of the person's best descriptors. */
  descriptor: number[];
}

/** The best few descriptors of a track stand for it: more would only add its worst views. */
const DESCRIPTORS_PER_TRACK = 5;

interface Cluster {
  tracks: TrackedFace[];
  descriptors: number[][];
  spans: Array<[number, number]>;
}

/**
 * From half a frame before the first detection to half a frame after the last sample (bridged
 * samples only follow the last detection where skipped frames led to the track's end).
 */
function detectedSpan(track: TrackedFace, frameS: number): [number, number] {
  const first = track.samples.find((s) => !s.bridged)!;
  return [first.t - frameS / 2, track.samples[track.samples.length - 1]!.t + frameS / 2];
}

/** Two faces on screen in the same frame cannot be one person. */
function overlapInTime(a: Cluster, b: Cluster, frameS: number): boolean {
  const slack = frameS / 2;
  return a.spans.some(([s1, e1]) => b.spans.some(([s2, e2]) => Math.min(e1, e2) - Math.max(s1, s2) > slack));
}

function meanDescriptor(descriptors: number[][]): number[] {
  const mean = new Array<number>(descriptors[0]?.length ?? 0).fill(0);
  for (const d of descriptors) d.forEach((v, i) => (mean[i]! += v / descriptors.length));
  return mean;
}

function closestPair(clusters: Cluster[], options: ClusterOptions): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestDistance = options.matchThreshold;
  for (let i = 0; i < clusters.length; i += 1) {
    for (let j = i + 1; j < clusters.length; j += 1) {
      const distance = meanDistance(clusters[i]!.descriptors, clusters[j]!.descriptors);
      if (distance < bestDistance && !overlapInTime(clusters[i]!, clusters[j]!, options.frameS)) {
        bestDistance = distance;
        best = [i, j];
      }
    }
  }
  return best;
}

function toIdentity(cluster: Cluster, index: number, options: ClusterOptions): Identity {
  const start = options.rangeStart ?? 0;
  const end = options.rangeEnd ?? Infinity;
  const clipped = cluster.spans.map(([s, e]): [number, number] => [Math.max(s, start), Math.min(e, end)]);
  const appearances = mergeIntervals(clipped, options.bridgeGapS).map(([s, e]): [number, number] => [
    Math.round(s * 100) / 100,
    Math.round(e * 100) / 100,
  ]);
  return {
    id: `person-${index + 1}`,
    trackIds: cluster.tracks.map((t) => t.id),
    appearances,
    totalS: Math.round(totalLength(appearances) * 100) / 100,
    descriptor: meanDescriptor(cluster.descriptors),
  };
}

/**
 * Groups tracks into people across the whole video (average-linkage clustering of their
 * descriptors, never joining faces seen at the same time). Tracks without any descriptor
 * cannot be recognised and belong to no identity. Ids follow the order of first appearance.
 */
export function clusterIdentities(tracks: TrackedFace[], options: ClusterOptions): Identity[] {
  const clusters: Cluster[] = tracks
    .filter((t) => t.descriptors.length > 0 && t.samples.some((s) => !s.bridged))
    .map((t) => ({
      tracks: [t],
      descriptors: t.descriptors.slice(0, DESCRIPTORS_PER_TRACK).map((d) => d.descriptor),
      spans: [detectedSpan(t, options.frameS)],
    }));
  for (let pair = closestPair(clusters, options); pair; pair = closestPair(clusters, options)) {
    const [i, j] = pair;
    const a = clusters[i]!;
    const b = clusters[j]!;
    clusters[i] = { tracks: [...a.tracks, ...b.tracks], descriptors: [...a.descriptors, ...b.descriptors], spans: [...a.spans, ...b.spans] };
    clusters.splice(j, 1);
  }
  return clusters
    .sort((a, b) => Math.min(...a.spans.map((s) => s[0])) - Math.min(...b.spans.map((s) => s[0])))
    .map((cluster, index) => toIdentity(cluster, index, options));
}
