import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../errors.js';
import { describeFaces } from './nets/describe-faces.js';
import { detectFaces } from './detect-faces.js';
import { loadFaceApi, loadFaceDetectors, loadSsdDetector, type FaceApiModule } from './nets/face-api-runtime.js';
import type { FaceJob } from './face-jobs.js';
import { detectTiny } from './nets/tiny-detector.js';

export interface WorkerRequest {
  id: number;
  job: FaceJob;
}

function usesSsd(job: FaceJob): boolean {
  if (job.kind !== 'detect') return false;
  return [...job.passes, ...(job.passesIfEmpty ?? []), ...(job.passesIfLost ?? []), job.regionPass, ...(job.tilePass ? [job.tilePass] : [])].some((p) => p.detector === 'ssd');
}

async function runJob(job: FaceJob): Promise<unknown> {
  if (usesSsd(job)) await loadSsdDetector();
  if (job.kind === 'detect') return detectFaces(await loadFaceDetectors(), job);
  return { faces: await describeFaces(await loadFaceApi(), job) };
}

/**
 * The first detector pass of a thread touches ~30 MB of fresh wasm memory and prepares the
 * network's weights (~50 ms); run on a blank picture while ffmpeg is still seeking to the first
 * frame, that is off the first frame's path.
 */
async function warmUp(faceapi: FaceApiModule): Promise<void> {
  const side = 320;
  const blank = { width: side, height: side, data: new Uint8Array(side * side * 3) };
  await detectTiny(faceapi, blank, { x: 0, y: 0, w: side, h: side }, side, 0.99);
}

const port = parentPort;
if (port) {
  // Load the models as soon as the worker starts, while the caller is still probing and starting
  // ffmpeg; a pool that only finds boxes skips the landmark and recognition models.
  const describes = (workerData as { describe?: boolean } | null)?.describe !== false;
  const ready = loadFaceDetectors().then(warmUp);
  if (describes) ready.then(loadFaceApi).catch(() => undefined);
  // One job at a time: the wasm backend is single-threaded here and memory stays bounded.
  let queue: Promise<void> = ready.catch(() => undefined);
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        const started = performance.now();
        const result = (await runJob(request.job)) as object;
        port.postMessage({ id: request.id, result: { ...result, ms: performance.now() - started } });
      } catch (error) {
        port.postMessage({ id: request.id, error: toErrorPayload(error) });
      }
    });
  });
}
