import { describe, expect, it } from 'vitest';
import { loadFaceApi, loadMouthLandmarks, loadSsdDetector } from '../../core/faces/nets/face-api-runtime.js';

describe('loadFaceModel on the shipped weights (through the face runtime)', () => {
  it('loads every model Kirinuki uses into face-api, each tensor where its network reads it', async () => {
    const faceapi = await loadFaceApi();
    await loadSsdDetector();
    await loadMouthLandmarks(faceapi);
    const nets = faceapi.nets as unknown as Record<string, { isLoaded: boolean; params: Record<string, Record<string, unknown>> }>;
    for (const model of ['tinyFaceDetector', 'ssdMobilenetv1', 'faceLandmark68Net', 'faceLandmark68TinyNet', 'faceRecognitionNet']) expect(nets[model]!.isLoaded, model).toBe(true);
    expect((nets.tinyFaceDetector!.params.conv8!.filters as { shape: number[] }).shape).toEqual([1, 1, 512, 25]);
    expect((nets.ssdMobilenetv1!.params.output_layer!.extra_dim as { shape: number[] }).shape).toEqual([1, 5118, 4]);
    expect((nets.faceRecognitionNet!.params.fc as unknown as { shape: number[] }).shape).toEqual([256, 128]);
    expect((nets.faceLandmark68TinyNet!.params.fc!.weights as { shape: number[] }).shape).toEqual([128, 136]);
  });
});
