import type { FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { tfOps } from '../../core/faces/nets/tf-ops.js';

/** Tensors alive in face-api's tfjs: a run that frees what it makes leaves this unchanged. */
export function tensorCount(faceapi: FaceApiModule): number {
  return tfOps(faceapi).memory().numTensors;
}

export function backendOf(faceapi: FaceApiModule): string {
  return tfOps(faceapi).getBackend();
}
