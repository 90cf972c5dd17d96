import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { tfOps } from './tf-ops.js';

type Tensor4D = FaceApi.tf.Tensor4D;
type Tensor = FaceApi.tf.Tensor;

interface ConvParams {
  filters: Tensor;
  bias: Tensor;
}

interface SeparableConvParams {
  depthwise_filter: Tensor;
  pointwise_filter: Tensor;
  bias: Tensor;
}

/** The Tiny Face Detector's weights as face-api loads them (its `params`). */
export interface TinyNetworkParams {
  conv0: ConvParams;
  conv1: SeparableConvParams;
  conv2: SeparableConvParams;
  conv3: SeparableConvParams;
  conv4: SeparableConvParams;
  conv5: SeparableConvParams;
  conv6?: SeparableConvParams;
  conv7?: SeparableConvParams;
  conv8: ConvParams;
}

/** face-api's leaky ReLU slope, as the float32 it computes with. */
const LEAKY_ALPHA = 0.10000000149011612;

const SEPARABLE = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'conv6', 'conv7'] as const;

/**
 * face-api's Tiny Face Detector network (TinyYolov2Base.runMobilenet with the first layer a
 * plain convolution), the same layers and weights with the bias and leaky ReLU fused into each
 * convolution. face-api runs each layer as a pad, the convolution and five element-wise ops,
 * all kept until the end: on a 608x352 input that is 80 MB more memory to touch on the first
 * call and a quarter of the time of every call (39 -> 30 ms; outputs equal within 3e-5).
 * Each intermediate is freed as soon as the next layer has read it. Takes ownership of `input`.
 */
export function runTinyNetwork(faceapi: FaceApiModule, params: TinyNetworkParams, input: Tensor4D): Tensor4D {
  const tf = tfOps(faceapi);
  let out: Tensor4D = input;
  const next = (value: Tensor4D): void => {
    out.dispose();
    out = value;
  };
  const leakyConv = (filter: Tensor, bias: Tensor, x: Tensor4D): Tensor4D =>
    tf.fused.conv2d({ x, filter: filter as Tensor4D, bias, strides: 1, pad: 'valid', activation: 'leakyrelu', leakyreluAlpha: LEAKY_ALPHA });
  next(leakyConv(params.conv0.filters, params.conv0.bias, out));
  next(tf.maxPool(out, [2, 2], [2, 2], 'same'));
  SEPARABLE.forEach((name, i) => {
    const layer = params[name];
    if (!layer) return;
    // face-api pads by one and convolves 'valid': a 3x3 'same' convolution
    next(tf.depthwiseConv2d(out, layer.depthwise_filter as Tensor4D, 1, 'same'));
    next(leakyConv(layer.pointwise_filter, layer.bias, out));
    // halved after conv1..conv4, a stride-1 pool after conv5
    if (i < 4) next(tf.maxPool(out, [2, 2], [2, 2], 'same'));
    else if (i === 4) next(tf.maxPool(out, [2, 2], [1, 1], 'same'));
  });
  next(tf.fused.conv2d({ x: out, filter: params.conv8.filters as Tensor4D, bias: params.conv8.bias, strides: 1, pad: 'valid' }));
  return out;
}
