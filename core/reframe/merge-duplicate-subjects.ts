import type { FaceBox, TrackSample } from '../faces/types.js';

/** Boxes overlapping this much (intersection over union) are the same face. */
const SAME_FACE_IOU = 0.3;
/** ...when they do so at this share of the times both subjects are seen. */
const SAME_FACE_SHARE = 0.5;

function iou(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

function sameFace(a: TrackSample[], b: TrackSample[]): boolean {
  const byTime = new Map(a.map((s) => [Math.round(s.t * 1000), s.box]));
  let common = 0;
  let overlapping = 0;
  for (const sample of b) {
    const other = byTime.get(Math.round(sample.t * 1000));
    if (!other) continue;
    common += 1;
    if (iou(other, sample.box) > SAME_FACE_IOU) overlapping += 1;
  }
  return common > 0 && overlapping >= SAME_FACE_SHARE * common;
}

/**
 * Folds subjects that are one face seen twice (two tracks on the same face, split into two
 * identities by a fast move) into the one with more samples, so the camera does not think two
 * people must share the frame.
 */
export function mergeDuplicateSubjects(bySubject: Map<string, TrackSample[]>): Map<string, TrackSample[]> {
  const ranked = [...bySubject.entries()].sort((a, b) => b[1].length - a[1].length);
  const merged = new Map<string, TrackSample[]>();
  for (const [id, samples] of ranked) {
    const twin = [...merged.entries()].find(([, kept]) => sameFace(kept, samples));
    if (!twin) {
      merged.set(id, samples);
      continue;
    }
    const seen = new Set(twin[1].map((s) => Math.round(s.t * 1000)));
    const extra = samples.filter((s) => !seen.has(Math.round(s.t * 1000)));
    merged.set(twin[0], [...twin[1], ...extra].sort((p, q) => p.t - q.t));
  }
  return merged;
}
