import { attachFragments, spansOverlap, type TrackCluster } from './attach-fragments.js';
import { descriptorDistance, meanDistance } from './descriptor-distance.js';
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
  /** Shot cuts (the analysed frames just before and after each): a face does not continue across one. */
  cuts?: Array<[number, number]>;
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

type Cluster = TrackCluster;

/**
 * Two people never on screen together whose mean looks are this close are one person, however
 * their single looks differ (measured: see the README's numbers).
 */
export const AUTO_MERGE_DISTANCE = 0.4;
/** Below a match threshold this much stricter, a fragment's look makes it someone's. */
const ATTACH_MARGIN = 0.1;
/**
 * A face on screen this long is someone even when no look of it was clear: a close-up whose
 * chin the frame cuts, a person who never faces the camera. An edge fragment is shorter.
 */
const LONG_TRACK_S = 3;

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
  return spansOverlap(a.spans, b.spans, frameS);
}

function meanDescriptor(descriptors: number[][]): number[] {
  const mean = new Array<number>(descriptors[0]?.length ?? 0).fill(0);
  for (const d of descriptors) d.forEach((v, i) => (mean[i]! += v / descriptors.length));
  return mean;
}

type Distance = (a: Cluster, b: Cluster) => number;

const centroidDistance: Distance = (a, b) => descriptorDistance(meanDescriptor(a.descriptors), meanDescriptor(b.descriptors));
const linkage: Distance = (a, b) => meanDistance(a.descriptors, b.descriptors);

/** The closest two clusters never on screen together, nearer than `below`. */
function closestPair(clusters: Cluster[], distanceOf: Distance, below: number, frameS: number): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestDistance = below;
  for (let i = 0; i < clusters.length; i += 1) {
    for (let j = i + 1; j < clusters.length; j += 1) {
      const distance = distanceOf(clusters[i]!, clusters[j]!);
      if (distance < bestDistance && !overlapInTime(clusters[i]!, clusters[j]!, frameS)) {
        bestDistance = distance;
        best = [i, j];
      }
    }
  }
  return best;
}

function mergeClosest(clusters: Cluster[], distanceOf: Distance, below: number, frameS: number): void {
  for (let pair = closestPair(clusters, distanceOf, below, frameS); pair; pair = closestPair(clusters, distanceOf, below, frameS)) {
    const [i, j] = pair;
    const a = clusters[i]!;
    const b = clusters[j]!;
    clusters[i] = { tracks: [...a.tracks, ...b.tracks], descriptors: [...a.descriptors, ...b.descriptors], spans: [...a.spans, ...b.spans] };
    clusters.splice(j, 1);
  }
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

const hasDetection = (t: TrackedFace): boolean => t.samples.some((s) => !s.bridged);

/** The looks a track may found a person with: its best clear ones (see isClearLook), or any when it is long. */
function foundingLooks(track: TrackedFace, span: [number, number]): number[][] {
  const clear = track.descriptors.filter((d) => d.clear !== false);
  const looks = clear.length > 0 || span[1] - span[0] < LONG_TRACK_S ? clear : track.descriptors;
  return looks.slice(0, DESCRIPTORS_PER_TRACK).map((d) => d.descriptor);
}

/**
 * Groups tracks into people across the whole video (average-linkage clustering of their clear
 * looks, never joining faces seen at the same time), then joins people never on screen together
 * whose mean looks are very close. Only tracks with a clear look (or seen for LONG_TRACK_S) found
 * a person: the others (a face cut by the frame's edge, turned away, too small to describe) join
 * the person they continue or belong to nobody (see attachFragments). Ids follow the order of
 * first appearance.
 */
export function clusterIdentities(tracks: TrackedFace[], options: ClusterOptions): Identity[] {
  const clusters: Cluster[] = [];
  const fragments: Array<{ track: TrackedFace; span: [number, number] }> = [];
  for (const track of tracks.filter(hasDetection)) {
    const span = detectedSpan(track, options.frameS);
    const looks = foundingLooks(track, span);
    if (looks.length > 0) clusters.push({ tracks: [track], descriptors: looks, spans: [span] });
    else fragments.push({ track, span });
  }
  mergeClosest(clusters, linkage, options.matchThreshold, options.frameS);
  mergeClosest(clusters, centroidDistance, AUTO_MERGE_DISTANCE, options.frameS);
  const attachDistance = options.matchThreshold - ATTACH_MARGIN;
  attachFragments(clusters, fragments, { frameS: options.frameS, attachDistance, cuts: options.cuts });
  return clusters
    .sort((a, b) => Math.min(...a.spans.map((s) => s[0])) - Math.min(...b.spans.map((s) => s[0])))
    .map((cluster, index) => toIdentity(cluster, index, options));
}
