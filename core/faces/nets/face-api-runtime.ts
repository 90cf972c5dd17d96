import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';
import { KirinukiError } from '../../errors.js';
import { packageDir } from '../../resources.js';
import { installFastConcat } from './fast-concat-kernel.js';
import { loadFaceModel } from './load-face-model.js';
import { skipUnusedTfjsPackages } from './lean-tfjs.js';

const require = createRequire(import.meta.url);

export type FaceApiModule = typeof FaceApi;

interface WasmBackendModule {
  setWasmPaths(prefix: string, usePlatformFetch?: boolean): void;
  setThreadsCount(count: number): void;
}

interface TfModule {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

let detectorsLoading: Promise<FaceApiModule> | undefined;
let ssdLoading: Promise<FaceApiModule> | undefined;
let allLoading: Promise<FaceApiModule> | undefined;
let mouthsLoading: Promise<void> | undefined;

/** The folder holding tfjs-backend-wasm's .wasm binaries. */
export function wasmBinaryDir(): string {
  return join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
}

/**
 * face-api on the wasm backend exactly as the packages ship it, no model loaded: what the first
 * prototype ran on (the benchmark's baseline). Kirinuki's own start adds a faster kernel.
 */
export async function startStockFaceApi(): Promise<FaceApiModule> {
  const tf = require('@tensorflow/tfjs') as TfModule;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as WasmBackendModule;
  // The node-wasm bundle uses the tfjs packages above, never tfjs-node (its install downloads).
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule;
  // A trailing separator: tfjs appends the binary's name to this prefix and reads it from disk.
  wasm.setWasmPaths(`${wasmBinaryDir()}/`);
  // One wasm thread per worker: the pool already spreads work over the cores.
  wasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) {
    throw new KirinukiError('INTERNAL', `The TensorFlow.js wasm backend did not start (binaries in ${wasmBinaryDir()}).`);
  }
  await tf.ready();
  return faceapi;
}

async function initialise(): Promise<FaceApiModule> {
  skipUnusedTfjsPackages();
  const faceapi = await startStockFaceApi();
  installFastConcat();
  await loadFaceModel(faceapi, 'tinyFaceDetector');
  return faceapi;
}

/** Loads the landmark and recognition models into face-api. */
export async function loadDescribers(faceapi: FaceApiModule): Promise<FaceApiModule> {
  await Promise.all([loadFaceModel(faceapi, 'faceLandmark68Net'), loadFaceModel(faceapi, 'faceRecognitionNet')]);
  return faceapi;
}

function retryable(promise: Promise<FaceApiModule>, reset: () => void): Promise<FaceApiModule> {
  return promise.catch((error: unknown) => {
    reset();
    throw error;
  });
}

/** face-api on the wasm backend with the Tiny Face Detector, loaded once per thread (enough to find boxes). */
export function loadFaceDetectors(): Promise<FaceApiModule> {
  detectorsLoading ??= retryable(initialise(), () => (detectorsLoading = undefined));
  return detectorsLoading;
}

/**
 * The SSD MobileNet detector too, loaded on first use: most runs need it once or never (a shot
 * the tiny detector finds empty), and its 5 MB of weights take longer to load than the tiny one.
 */
export function loadSsdDetector(): Promise<FaceApiModule> {
  ssdLoading ??= retryable(
    loadFaceDetectors().then(async (faceapi) => {
      await loadFaceModel(faceapi, 'ssdMobilenetv1');
      return faceapi;
    }),
    () => (ssdLoading = undefined),
  );
  return ssdLoading;
}

/**
 * The tiny landmark model (80 KB), loaded on first use: only frames that two or more faces share
 * have their mouths measured.
 */
export function loadMouthLandmarks(faceapi: FaceApiModule): Promise<void> {
  mouthsLoading ??= loadFaceModel(faceapi, 'faceLandmark68TinyNet').catch((error: unknown) => {
    mouthsLoading = undefined;
    throw error;
  });
  return mouthsLoading;
}

/** face-api on the wasm backend with its detector, landmark and recognition models, loaded once per thread. */
export function loadFaceApi(): Promise<FaceApiModule> {
  allLoading ??= retryable(loadFaceDetectors().then(loadDescribers), () => (allLoading = undefined));
  return allLoading;
}
