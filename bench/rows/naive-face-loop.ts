import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { descriptorDistance } from '../../core/faces/descriptor-distance.js';
import type { DetectorPass, RgbImage } from '../../core/faces/face-jobs.js';
import { mergeIntervals, totalLength } from '../../core/faces/merge-intervals.js';
import { readFrames } from '../../core/media/read-frames.js';
import type { PrototypeReply, PrototypeRequest } from './prototype-face-protocol.js';

type FrameFaces = PrototypeReply['faces'];

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
  /** Run face-api on Kirinuki's concat kernel instead of the stock backend (to see what the kernel alone gives). */
  kirinukiKernels?: boolean;
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

function addFaces(gallery: GalleryEntry[], t: number, faces: FrameFaces, threshold: number): void {
  for (const face of faces) {
    const { entry, distance } = nearest(gallery, face.descriptor);
    if (entry && distance <= threshold) {
      entry.times.push(t);
      if (entry.descriptors.length < 10) entry.descriptors.push(face.descriptor);
    } else {
      gallery.push({ id: `naive-${gallery.length + 1}`, descriptors: [face.descriptor], times: [t] });
    }
  }
}

/** Prototype workers taking frames in turn; each answers its frames in order. */
function startPrototypeWorkers(count: number, kirinukiKernels: boolean): { run(image: RgbImage, pass: DetectorPass): Promise<FrameFaces>; close(): Promise<void> } {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'prototype-face-worker.js');
  const pending = new Map<number, (faces: FrameFaces) => void>();
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(script, { workerData: { kirinukiKernels } });
    worker.on('message', (reply: PrototypeReply) => {
      pending.get(reply.id)?.(reply.faces);
      pending.delete(reply.id);
    });
    return worker;
  });
  let next = 0;
  return {
    run(image, pass) {
      const id = next++;
      const data = new Uint8Array(image.data);
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const request: PrototypeRequest = { id, image: { ...image, data }, pass };
        workers[id % workers.length]!.postMessage(request, [data.buffer]);
      });
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * The original prototype's loop, for the benchmark: every analysed frame gets face-api's
 * detection, landmarks and a descriptor for every face, matched against a growing gallery.
 */
export async function naiveFaceLoop(path: string, options: NaiveOptions): Promise<{ identities: NaiveIdentity[]; frames: number }> {
  const workers = startPrototypeWorkers(options.workers, options.kirinukiKernels === true);
  const gallery: GalleryEntry[] = [];
  const inFlight: Array<{ t: number; faces: Promise<FrameFaces> }> = [];
  let frames = 0;
  try {
    for await (const frame of readFrames(path, { fps: options.fps, maxWidth: 640 })) {
      frames += 1;
      inFlight.push({ t: frame.t, faces: workers.run(frame, options.pass) });
      while (inFlight.length > options.workers) {
        const head = inFlight.shift()!;
        addFaces(gallery, head.t, await head.faces, options.matchThreshold);
      }
    }
    for (const head of inFlight) addFaces(gallery, head.t, await head.faces, options.matchThreshold);
  } finally {
    await workers.close();
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
