import { descriptorDistance } from './descriptor-distance.js';
import type { DescriptorSample, TrackedFace } from './track-faces.js';

/** Only clear, frontal looks decide that a track changed person: profiles of one face differ a lot too. */
const MIN_FRONTAL = 0.6;

/** A detection this many face sizes from the one before it is a jump, not a move. */
const JUMP = 0.5;

/**
 * Where in (from, to] the face changed: just after the last detection before the biggest jump of
 * the box (a face taken over by another one that came in elsewhere), else midway (a dissolve).
 */
function changeTime(track: TrackedFace, from: number, to: number): number {
  const detected = track.samples.filter((s) => !s.bridged);
  let best = { jump: JUMP, t: (from + to) / 2 };
  for (let i = 1; i < detected.length; i += 1) {
    const a = detected[i - 1]!;
    const b = detected[i]!;
    if (b.t <= from || b.t > to) continue;
    const size = Math.max(a.box.w, a.box.h, 1e-6);
    const jump = Math.hypot(a.box.x + a.box.w / 2 - (b.box.x + b.box.w / 2), a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2)) / size;
    if (jump > best.jump) best = { jump, t: a.t + 1e-6 };
  }
  return best.t;
}

function changeTimes(track: TrackedFace, threshold: number): number[] {
  const timeline = track.descriptors.filter((d) => (d.frontal ?? 1) >= MIN_FRONTAL).sort((a, b) => a.t - b.t);
  const times: number[] = [];
  for (let i = 1; i < timeline.length; i += 1) {
    const before = timeline[i - 1]!;
    const after = timeline[i]!;
    if (descriptorDistance(before.descriptor, after.descriptor) > threshold) times.push(changeTime(track, before.t, after.t));
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
