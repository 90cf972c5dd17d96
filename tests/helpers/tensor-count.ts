import type { FaceApiModule } from '../../core/faces/face-api-runtime.js';

/** face-api's bundled tfjs has these; its typings leave them out. */
interface TfState {
  memory(): { numTensors: number };
  getBackend(): string;
}

/** Tensors alive in face-api's tfjs: a run that frees what it makes leaves this unchanged. */
export function tensorCount(faceapi: FaceApiModule): number {
  return (faceapi.tf as unknown as TfState).memory().numTensors;
}

export function backendOf(faceapi: FaceApiModule): string {
  return (faceapi.tf as unknown as TfState).getBackend();
}
