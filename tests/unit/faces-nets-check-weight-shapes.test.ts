import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KirinukiError } from '../../core/errors.js';
import { checkWeightShapes, type FaceModel, type WeightShapes } from '../../core/faces/nets/check-weight-shapes.js';
import { faceModelDir } from '../../core/faces/nets/face-model-dir.js';

const FILES: Record<FaceModel, string> = {
  tinyFaceDetector: 'tiny_face_detector_model',
  ssdMobilenetv1: 'ssd_mobilenetv1_model',
  faceLandmark68Net: 'face_landmark_68_model',
  faceLandmark68TinyNet: 'face_landmark_68_tiny_model',
  faceRecognitionNet: 'face_recognition_model',
};

/** A shipped model's weights as name → shape, read from its manifest (what tfjs's loader makes of it). */
function shippedShapes(model: FaceModel): { file: string; weights: Record<string, { shape: number[] }> } {
  const file = join(faceModelDir(), `${FILES[model]}-weights_manifest.json`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Array<{ weights: Array<{ name: string; shape: number[] }> }>;
  const weights = Object.fromEntries(manifest.flatMap((group) => group.weights.map((w) => [w.name, { shape: w.shape }])));
  return { file, weights };
}

function failure(model: FaceModel, weights: WeightShapes, file: string): KirinukiError {
  try {
    checkWeightShapes(model, weights, file);
  } catch (error) {
    return error as KirinukiError;
  }
  throw new Error('checkWeightShapes accepted the weights');
}

describe('checkWeightShapes', () => {
  it("accepts every model face-api ships, as Kirinuki's networks read it", () => {
    for (const model of Object.keys(FILES) as FaceModel[]) {
      const { file, weights } = shippedShapes(model);
      expect(() => checkWeightShapes(model, weights, file), model).not.toThrow();
    }
  });

  it('refuses a weight of another shape with FACE_MODEL_MISMATCH naming the file and the weight', () => {
    const { weights } = shippedShapes('tinyFaceDetector');
    const error = failure('tinyFaceDetector', { ...weights, 'conv3/pointwise_filter': { shape: [1, 1, 64, 96] } }, '/models/tiny.json');
    expect(error).toBeInstanceOf(KirinukiError);
    expect(error.code).toBe('FACE_MODEL_MISMATCH');
    expect(error.message).toContain('/models/tiny.json');
    expect(error.message).toContain('"conv3/pointwise_filter"');
    expect(error.message).toContain('[1, 1, 64, 96]');
    expect(error.message).toContain('[1, 1, 64, 128]');
    expect(error.message).toContain('npm ci');
  });

  it('refuses a missing weight, and a weight of another rank', () => {
    const { weights } = shippedShapes('ssdMobilenetv1');
    const { 'Output/extra_dim': _anchors, ...withoutAnchors } = weights;
    const missing = failure('ssdMobilenetv1', withoutAnchors, 'ssd.json');
    expect(missing.code).toBe('FACE_MODEL_MISMATCH');
    expect(missing.message).toContain('"Output/extra_dim"');
    const { weights: recognition } = shippedShapes('faceRecognitionNet');
    const flat = failure('faceRecognitionNet', { ...recognition, fc: { shape: [256 * 128] } }, 'recognition.json');
    expect(flat.code).toBe('FACE_MODEL_MISMATCH');
    expect(flat.message).toContain('"fc"');
  });
});
