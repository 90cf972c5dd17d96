import { descriptorDistance } from './descriptor-distance.js';
import type { DescriptorSample, TrackedFace } from './track-faces.js';

/** Only clear, frontal looks decide that a track changed person: profiles of one face differ a lot too. */
const MIN_FRONTAL = 0.6;

function changeTimes(track: TrackedFace, threshold: number): number[] {
  const timeline = track.descriptors.filter((d) => (d.frontal ?? 1) >= MIN_FRONTAL).sort((a, b) => a.t - b.t);
  const times: number[] = [];
  for (let i = 1; i < timeline.length; i += 1) {
    const before = timeline[i - 1]!;
    const after = timeline[i]!;
    if (descriptorDistance(before.descriptor, after.descriptor) > threshold) times.push((before.t + after.t) / 2);
  }
  return times;
}

function piece(track: TrackedFace, index: number, from: number, to: number): TrackedFace {
  const inside = (s: { t: number }): boolean => s.t >= from && s.t < to;
  return {
    id: `${track.id}.${index + 1}`,
    samples: track.samples.filter(inside),
    descriptors: track.descriptors.filter((d: DescriptorSample) => inside(d)),
  };
}

/**
 * Splits a track where its face changed into someone else's without a cut the frame check saw
 * (a dissolve, a slow pan): two clear looks further apart than `threshold` are two people.
 */
export function splitChangedTracks(tracks: TrackedFace[], threshold: number): TrackedFace[] {
  return tracks.flatMap((track) => {
    const times = changeTimes(track, threshold);
    if (times.length === 0) return [track];
    const edges = [-Infinity, ...times, Infinity];
    return edges
      .slice(1)
      .map((to, i) => piece(track, i, edges[i]!, to))
      .filter((p) => p.samples.some((s) => !s.bridged));
  });
}
