import type { FaceBox, FaceTrack, TrackSample } from '../faces/types.js';
import type { Shot } from './types.js';

/** The box around everything the camera must show at one analysed time. */
export interface SubjectSample {
  t: number;
  box: FaceBox;
}

/** Whom a track belongs to: its identity when the faces stage named one, else the track itself. */
export function trackSubjectId(track: FaceTrack): string {
  return track.identityId ?? track.id;
}

/** How many distinct analysed frames (times, to the millisecond) the subjects of a shot were seen on. */
export function analysedTimeCount(bySubject: Map<string, TrackSample[]>): number {
  const times = new Set<number>();
  for (const samples of bySubject.values()) for (const s of samples) times.add(Math.round(s.t * 1000));
  return times.size;
}

/** The samples of each subject inside a shot, in time order. */
export function samplesInShot(tracks: FaceTrack[], shot: Shot): Map<string, TrackSample[]> {
  const bySubject = new Map<string, TrackSample[]>();
  for (const track of tracks) {
    // a box carried over missed detections is a guess that may freeze where the face was;
    // the camera interpolates between real detections instead
    const inside = track.samples.filter((s) => !s.bridged && s.t >= shot.start && s.t < shot.end);
    if (inside.length === 0) continue;
    const id = trackSubjectId(track);
    bySubject.set(id, [...(bySubject.get(id) ?? []), ...inside]);
  }
  for (const samples of bySubject.values()) samples.sort((a, b) => a.t - b.t);
  return bySubject;
}

export function unionBox(boxes: FaceBox[]): FaceBox {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/** Samples of several subjects merged per analysed time: the union of the boxes seen then. */
export function subjectSeries(perSubject: TrackSample[][]): SubjectSample[] {
  const byTime = new Map<number, FaceBox[]>();
  for (const samples of perSubject) {
    for (const sample of samples) {
      const key = Math.round(sample.t * 1000) / 1000;
      byTime.set(key, [...(byTime.get(key) ?? []), sample.box]);
    }
  }
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, boxes]) => ({ t, box: unionBox(boxes) }));
}

/** The subject's box at time t: linear between analysed samples, held before the first/after the last. */
export function boxAt(series: SubjectSample[], t: number): FaceBox {
  const first = series[0]!;
  if (t <= first.t) return first.box;
  for (let i = 1; i < series.length; i += 1) {
    const next = series[i]!;
    if (t > next.t) continue;
    const previous = series[i - 1]!;
    const k = (t - previous.t) / Math.max(1e-9, next.t - previous.t);
    const lerp = (a: number, b: number): number => a + (b - a) * k;
    return {
      x: lerp(previous.box.x, next.box.x),
      y: lerp(previous.box.y, next.box.y),
      w: lerp(previous.box.w, next.box.w),
      h: lerp(previous.box.h, next.box.h),
    };
  }
  return series[series.length - 1]!.box;
}
