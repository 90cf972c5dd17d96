import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../errors.js';
import { describeFaces } from './describe-faces.js';
import { detectFaces, imageTensor, runDetector } from './detect-faces.js';
import { loadFaceApi, loadFaceDetectors, type FaceApiModule } from './face-api-runtime.js';
import type { FaceJob, NaiveJob, NaiveResult } from './face-jobs.js';

export interface WorkerRequest {
  id: number;
  job: FaceJob;
}

async function naiveFaces(faceapi: FaceApiModule, job: NaiveJob): Promise<NaiveResult> {
  const image = imageTensor(faceapi, job.image);
  try {
    const detections = await runDetector(faceapi, image, job.pass);
    const described = await describeFaces(faceapi, { kind: 'describe', image: job.image, boxes: detections.map((d) => d.box) });
    return {
      faces: detections.flatMap((d, i) => {
        const description = described[i];
        return description ? [{ ...d, descriptor: description.descriptor }] : [];
      }),
    };
  } finally {
    image.dispose();
  }
}

async function runJob(job: FaceJob): Promise<unknown> {
  if (job.kind === 'detect') return { detections: await detectFaces(await loadFaceDetectors(), job) };
  const faceapi = await loadFaceApi();
  if (job.kind === 'describe') return { faces: await describeFaces(faceapi, job) };
  return naiveFaces(faceapi, job);
}

const port = parentPort;
if (port) {
  // Load the models as soon as the worker starts, while the caller is still probing and starting
  // ffmpeg; a pool that only finds boxes skips the landmark and recognition models.
  const describes = (workerData as { describe?: boolean } | null)?.describe !== false;
  (describes ? loadFaceApi() : loadFaceDetectors()).catch(() => undefined);
  // One job at a time: the wasm backend is single-threaded here and memory stays bounded.
  let queue: Promise<void> = Promise.resolve();
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
