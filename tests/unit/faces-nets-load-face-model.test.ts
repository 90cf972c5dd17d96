import { describe, expect, it, vi } from 'vitest';
import type { KirinukiError } from '../../core/errors.js';
import type { FaceApiModule } from '../../core/faces/nets/face-api-runtime.js';
import { loadFaceModel } from '../../core/faces/nets/load-face-model.js';

interface FakeTensor {
  shape: number[];
  dispose: () => void;
}

interface Manifest {
  paths: string[];
  weights: Array<{ name: string; shape: number[] }>;
}

/**
 * A face-api stand-in: tfjs's weight loader reads the real files through the loader's fetch and
 * makes a weight map of fake tensors from the real manifest, `change` applied to it.
 */
function fakeFaceApi(change: (weights: Record<string, FakeTensor>) => void) {
  const disposed: string[] = [];
  const fetched: number[] = [];
  const loadFromWeightMap = vi.fn();
  const weightsLoaderFactory = (fetch: (paths: string[]) => Promise<ArrayBuffer[]>) => async (manifest: Manifest[], prefix: string) => {
    const buffers = await fetch(manifest.flatMap((group) => group.paths.map((path) => `${prefix}/${path}`)));
    fetched.push(...buffers.map((b) => b.byteLength));
    const weights: Record<string, FakeTensor> = {};
    for (const { name, shape } of manifest.flatMap((group) => group.weights)) weights[name] = { shape, dispose: () => disposed.push(name) };
    change(weights);
    return weights;
  };
  const faceapi = { tf: { io: { weightsLoaderFactory } }, nets: { tinyFaceDetector: { loadFromWeightMap } } } as unknown as FaceApiModule;
  return { faceapi, disposed, fetched, loadFromWeightMap };
}

describe('loadFaceModel', () => {
  it("reads the shipped model's manifest and weights and hands the checked weight map to face-api's net", async () => {
    const { faceapi, fetched, loadFromWeightMap, disposed } = fakeFaceApi(() => undefined);
    await loadFaceModel(faceapi, 'tinyFaceDetector');
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toBeGreaterThan(100_000);
    expect(loadFromWeightMap).toHaveBeenCalledTimes(1);
    expect(Object.keys(loadFromWeightMap.mock.calls[0]![0] as object)).toContain('conv8/filters');
    expect(disposed).toEqual([]);
  });

  it('fails with FACE_MODEL_MISMATCH naming the weight, loads nothing and frees the weights it read', async () => {
    const { faceapi, loadFromWeightMap, disposed } = fakeFaceApi((weights) => {
      weights['conv8/filters']!.shape = [1, 1, 512, 30];
      delete weights['conv0/bias'];
    });
    const error = (await loadFaceModel(faceapi, 'tinyFaceDetector').catch((e: unknown) => e)) as KirinukiError;
    expect(error.code).toBe('FACE_MODEL_MISMATCH');
    expect(error.message).toMatch(/tiny_face_detector_model-weights_manifest\.json has no weight "conv0\/bias"/);
    expect(loadFromWeightMap).not.toHaveBeenCalled();
    expect(disposed).toContain('conv8/filters');
    expect(disposed).toHaveLength(18);
  });
});
