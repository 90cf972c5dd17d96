import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';
import { KirinukiError } from '../../errors.js';
import { checkWeightShapes, type FaceModel } from './check-weight-shapes.js';
import type { FaceApiModule } from './face-api-runtime.js';
import { faceModelDir } from './face-model-dir.js';

type WeightMap = FaceApi.tf.NamedTensorMap;

/** tfjs's loader of a manifest's weight files (in face-api's bundled tfjs, not in its typings). */
interface TfIo {
  io: {
    weightsLoaderFactory(fetch: (paths: string[]) => Promise<ArrayBuffer[]>): (manifest: unknown, pathPrefix: string) => Promise<WeightMap>;
  };
}

/** Each model's file name in face-api's model folder (its nets' getDefaultModelName()). */
const MODEL_FILES: Record<FaceModel, string> = {
  tinyFaceDetector: 'tiny_face_detector_model',
  ssdMobilenetv1: 'ssd_mobilenetv1_model',
  faceLandmark68Net: 'face_landmark_68_model',
  faceLandmark68TinyNet: 'face_landmark_68_tiny_model',
  faceRecognitionNet: 'face_recognition_model',
};

async function readBuffer(path: string): Promise<ArrayBuffer> {
  const bytes = await readFile(path);
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Loads one model's weights from face-api's model folder into its net, the one way every model
 * is loaded: what face-api's loadFromDisk does (the manifest, then tfjs's weight loader, then
 * the net's loadFromWeightMap), with the weight map checked against the shapes Kirinuki's
 * networks read before face-api parses it (FACE_MODEL_MISMATCH naming the file and weight).
 */
export async function loadFaceModel(faceapi: FaceApiModule, model: FaceModel): Promise<void> {
  const dir = faceModelDir();
  const manifestPath = join(dir, `${MODEL_FILES[model]}-weights_manifest.json`);
  let weights: WeightMap;
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as unknown;
    const loadWeights = (faceapi.tf as unknown as TfIo).io.weightsLoaderFactory((paths) => Promise.all(paths.map(readBuffer)));
    weights = await loadWeights(manifest, dir);
  } catch (error) {
    // a file's error code, never the file's bytes (a JSON parse error quotes them)
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message);
    throw new KirinukiError('FACE_MODEL_MISMATCH', `The face model ${manifestPath} or its weights could not be read (${reason}): reinstall Kirinuki's packages with npm ci.`, { cause: error });
  }
  try {
    checkWeightShapes(model, weights, manifestPath);
  } catch (error) {
    for (const tensor of Object.values(weights)) tensor.dispose();
    throw error;
  }
  faceapi.nets[model].loadFromWeightMap(weights);
}
