import { performance } from 'node:perf_hooks';

export interface Measured<T> {
  result: T;
  seconds: number;
  /** Rise of the process's peak resident set during the call, in MB. */
  peakRssMB: number;
  /** Heap still held after the call (its result included), in MB. */
  heapMB: number;
}

const MB = 1024 * 1024;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Times one call and the memory it takes; run with --expose-gc for clean heap figures. */
export async function measure<T>(fn: () => T | Promise<T>): Promise<Measured<T>> {
  collectGarbage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await fn();
  const seconds = (performance.now() - started) / 1000;
  collectGarbage();
  return {
    result,
    seconds,
    peakRssMB: Math.max(0, process.resourceUsage().maxRSS * 1024 - peakBefore) / MB,
    heapMB: Math.max(0, process.memoryUsage().heapUsed - heapBefore) / MB,
  };
}

/** The fastest of `times` runs (after the first warms the JIT), with the memory of the first. */
export async function measureBest<T>(times: number, fn: () => T | Promise<T>): Promise<Measured<T>> {
  const first = await measure(fn);
  let best = first.seconds;
  for (let i = 1; i < times; i += 1) best = Math.min(best, (await measure(fn)).seconds);
  return { ...first, seconds: best };
}
