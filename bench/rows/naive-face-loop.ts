import { descriptorDistance } from '../../core/faces/descriptor-distance.js';
import type { DetectorPass, NaiveResult } from '../../core/faces/face-jobs.js';
import { createFaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import { mergeIntervals, totalLength } from '../../core/faces/merge-intervals.js';
import { readFrames } from '../../core/media/read-frames.js';

export interface NaiveIdentity {
  id: string;
  appearances: Array<[number, number]>;
  totalS: number;
}

export interface NaiveOptions {
  fps: number;
  pass: DetectorPass;
  matchThreshold: number;
  minFrames: number;
  workers: number;
}

interface GalleryEntry {
  id: string;
  descriptors: number[][];
  times: number[];
}

function nearest(gallery: GalleryEntry[], descriptor: number[]): { entry?: GalleryEntry; distance: number } {
  let best: { entry?: GalleryEntry; distance: number } = { distance: Infinity };
  for (const entry of gallery) {
    for (const known of entry.descriptors) {
      const distance = descriptorDistance(known, descriptor);
      if (distance < best.distance) best = { entry, distance };
    }
  }
  return best;
}

function addFaces(gallery: GalleryEntry[], t: number, result: NaiveResult, threshold: number): void {
  for (const face of result.faces) {
    const { entry, distance } = nearest(gallery, face.descriptor);
    if (entry && distance <= threshold) {
      entry.times.push(t);
      if (entry.descriptors.length < 10) entry.descriptors.push(face.descriptor);
    } else {
      gallery.push({ id: `naive-${gallery.length + 1}`, descriptors: [face.descriptor], times: [t] });
    }
  }
}

/**
 * The original prototype's loop, for the benchmark: every analysed frame gets detection,
 * landmarks and a descriptor for every face, matched against a growing gallery of people.
 */
export async function naiveFaceLoop(path: string, options: NaiveOptions): Promise<{ identities: NaiveIdentity[]; frames: number }> {
  const pool = createFaceWorkerPool({ size: options.workers });
  const gallery: GalleryEntry[] = [];
  const inFlight: Array<{ t: number; result: Promise<NaiveResult> }> = [];
  let frames = 0;
  try {
    for await (const frame of readFrames(path, { fps: options.fps, maxWidth: 640 })) {
      frames += 1;
      inFlight.push({ t: frame.t, result: pool.run({ kind: 'naive', image: frame, pass: options.pass }) });
      while (inFlight.length > pool.size) {
        const head = inFlight.shift()!;
        addFaces(gallery, head.t, await head.result, options.matchThreshold);
      }
    }
    for (const head of inFlight) addFaces(gallery, head.t, await head.result, options.matchThreshold);
  } finally {
    await pool.close();
  }
  const half = 0.5 / options.fps;
  const identities = gallery
    .filter((entry) => entry.times.length >= options.minFrames)
    .map((entry) => {
      const appearances = mergeIntervals(entry.times.map((t): [number, number] => [Math.max(0, t - half), t + half]), 1);
      return { id: entry.id, appearances, totalS: Math.round(totalLength(appearances) * 100) / 100 };
    });
  return { identities, frames };
}
