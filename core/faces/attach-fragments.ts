import { nearestDistance } from './descriptor-distance.js';
import type { TrackedFace } from './track-faces.js';
import type { FaceBox } from './types.js';

/** A group of tracks of one person, with when they are on screen. */
export interface TrackCluster {
  tracks: TrackedFace[];
  /** The clear looks that stand for the person. */
  descriptors: number[][];
  spans: Array<[number, number]>;
}

export interface FragmentOptions {
  frameS: number;
  /** Descriptors of a fragment this close to a person's (nearest pair) make it theirs. */
  attachDistance: number;
  /** Shot cuts: the analysed frames' times just before and just after each. */
  cuts?: Array<[number, number]>;
}

/** A face lost and found again this soon, near where it was, in the same shot, is the same face. */
const CONTINUITY_GAP_S = 2;
/** ...within this many face sizes of where it was (a face cut by the edge shrinks and shifts). */
const CONTINUITY_REACH = 1.5;

const detected = (track: TrackedFace) => track.samples.filter((s) => !s.bridged);

/** Two faces on screen in the same frame cannot be one person. */
export function spansOverlap(a: Array<[number, number]>, b: Array<[number, number]>, frameS: number): boolean {
  const slack = frameS / 2;
  return a.some(([s1, e1]) => b.some(([s2, e2]) => Math.min(e1, e2) - Math.max(s1, s2) > slack));
}

function near(a: FaceBox, b: FaceBox): boolean {
  const size = Math.max(a.w, a.h, b.w, b.h);
  const ratio = b.h / Math.max(1e-6, a.h);
  const distance = Math.hypot(a.x + a.w / 2 - (b.x + b.w / 2), a.y + a.h / 2 - (b.y + b.h / 2));
  return distance <= CONTINUITY_REACH * size && ratio >= 0.5 && ratio <= 2;
}

/** Whether `after` takes up the face of `before`: soon after it, near its last box, no cut between. */
function continues(before: TrackedFace, after: TrackedFace, options: FragmentOptions): boolean {
  const last = detected(before).at(-1);
  const first = detected(after)[0];
  if (!last || !first) return false;
  const gap = first.t - last.t;
  if (gap <= 0 || gap > CONTINUITY_GAP_S) return false;
  if ((options.cuts ?? []).some(([, cut]) => cut > last.t && cut <= first.t)) return false;
  return near(last.box, first.box);
}

function owner(fragment: TrackedFace, span: [number, number], clusters: TrackCluster[], options: FragmentOptions): TrackCluster | undefined {
  const free = clusters.filter((c) => !spansOverlap(c.spans, [span], options.frameS));
  const byContinuity = free.find((c) => c.tracks.some((t) => continues(t, fragment, options) || continues(fragment, t, options)));
  if (byContinuity) return byContinuity;
  const looks = fragment.descriptors.map((d) => d.descriptor);
  if (looks.length === 0) return undefined;
  let best: TrackCluster | undefined;
  let bestDistance = options.attachDistance;
  for (const cluster of free) {
    const distance = nearestDistance(cluster.descriptors, looks);
    if (distance <= bestDistance) {
      best = cluster;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Gives the tracks that cannot found a person (a face cut by the edge, turned away or never
 * described) to the person they continue (the same face lost and found again in one shot) or
 * whose face their looks are very close to, never to one on screen at the same time; the rest
 * belong to nobody. A fragment attached counts as a neighbour for the next ones.
 */
export function attachFragments(
  clusters: TrackCluster[],
  fragments: Array<{ track: TrackedFace; span: [number, number] }>,
  options: FragmentOptions,
): void {
  let pending = [...fragments];
  for (let changed = true; changed && pending.length > 0; ) {
    changed = false;
    pending = pending.filter(({ track, span }) => {
      const cluster = owner(track, span, clusters, options);
      if (!cluster) return true;
      cluster.tracks.push(track);
      cluster.spans.push(span);
      changed = true;
      return false;
    });
  }
}
