import { parentPort, workerData } from 'node:worker_threads';
import { installFastConcat } from '../../core/faces/nets/fast-concat-kernel.js';
import { loadDescribers, startStockFaceApi } from '../../core/faces/nets/face-api-runtime.js';
import { loadFaceModel } from '../../core/faces/nets/load-face-model.js';
import type { PrototypeReply, PrototypeRequest } from './prototype-face-protocol.js';

/**
 * The original prototype's per-frame work, for the benchmark's baseline: face-api's own chain
 * (detect, then landmarks and a descriptor for every face) on the stock wasm backend, or with
 * Kirinuki's concat kernel when `workerData.kirinukiKernels` is set.
 */
async function start(): Promise<Awaited<ReturnType<typeof startStockFaceApi>>> {
  const faceapi = await startStockFaceApi();
  if ((workerData as { kirinukiKernels?: boolean } | null)?.kirinukiKernels) installFastConcat();
  await loadFaceModel(faceapi, 'tinyFaceDetector');
  return loadDescribers(faceapi);
}

const port = parentPort;
if (port) {
  const loading = start();
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: PrototypeRequest) => {
    queue = queue.then(async () => {
      const faceapi = await loading;
      const { image, pass } = request;
      const tensor = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      try {
        const options = new faceapi.TinyFaceDetectorOptions({ inputSize: pass.inputSize, scoreThreshold: pass.minScore });
        const found = await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
        const faces = found.map((f) => ({ score: f.detection.score, descriptor: Array.from(f.descriptor) }));
        port.postMessage({ id: request.id, faces } satisfies PrototypeReply);
      } finally {
        tensor.dispose();
      }
    });
  });
}
