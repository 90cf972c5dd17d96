import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';

type Tensor = FaceApi.tf.Tensor;
type Tensor4D = FaceApi.tf.Tensor4D;
type Padding = 'same' | 'valid';
type Window = number | [number, number];

/** tfjs's fused convolution: bias and activation in the same kernel as the convolution. */
interface FusedConvolution {
  x: Tensor4D;
  filter: Tensor4D;
  bias: Tensor;
  strides: number;
  pad: Padding;
  activation?: 'relu' | 'relu6' | 'leakyrelu';
  leakyreluAlpha?: number;
}

/**
 * The tfjs ops Kirinuki's face code calls, as face-api's bundled tfjs has them: its typings list
 * only the ops face-api itself uses (no fused ops, no sqrt, no memory()).
 */
export interface TfOps {
  tidy<T extends Tensor[]>(fn: () => T): T;
  add<T extends Tensor>(a: T, b: Tensor | number): T;
  sub(a: Tensor, b: Tensor): Tensor;
  mul(a: Tensor, b: Tensor): Tensor;
  div(a: Tensor, b: Tensor): Tensor;
  sqrt(x: Tensor): Tensor;
  relu<T extends Tensor>(x: T): T;
  reshape(x: Tensor, shape: number[]): Tensor;
  zeros(shape: number[]): Tensor4D;
  concat(tensors: Tensor[], axis: number): Tensor4D;
  pad(x: Tensor4D, paddings: Array<[number, number]>): Tensor4D;
  maxPool(x: Tensor4D, size: Window, strides: Window, pad: Padding): Tensor4D;
  avgPool(x: Tensor4D, size: Window, strides: Window, pad: Padding): Tensor4D;
  depthwiseConv2d(x: Tensor4D, filter: Tensor4D, strides: number, pad: Padding): Tensor4D;
  mean(x: Tensor, axis: number[]): Tensor;
  matMul(a: Tensor, b: Tensor): Tensor;
  tensor4d(values: Float32Array, shape: [number, number, number, number]): Tensor4D;
  memory(): { numTensors: number };
  getBackend(): string;
  fused: {
    conv2d(args: FusedConvolution): Tensor4D;
    depthwiseConv2d(args: FusedConvolution): Tensor4D;
  };
}

/** face-api's tfjs, typed for the ops above. */
export function tfOps(faceapi: FaceApiModule): TfOps {
  return faceapi.tf as unknown as TfOps;
}
