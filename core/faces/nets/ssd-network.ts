import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { tfOps, type TfOps } from './tf-ops.js';

type Tensor = FaceApi.tf.Tensor;
type Tensor4D = FaceApi.tf.Tensor4D;

interface PointwiseParams {
  filters: Tensor;
  batch_norm_offset: Tensor;
}

interface DepthwiseParams {
  filters: Tensor;
  batch_norm_scale: Tensor;
  batch_norm_offset: Tensor;
  batch_norm_mean: Tensor;
  batch_norm_variance: Tensor;
}

interface ConvParams {
  filters: Tensor;
  bias: Tensor;
}

/** SSD MobileNet v1's weights as face-api loads them (its `params`). */
export interface SsdNetworkParams {
  mobilenetv1: Record<string, PointwiseParams | { depthwise_conv: DepthwiseParams; pointwise_conv: PointwiseParams }>;
  prediction_layer: Record<string, PointwiseParams | { box_encoding_predictor: ConvParams; class_predictor: ConvParams }>;
  output_layer: { extra_dim: Tensor };
}

/** One output level: box encodings (4 per anchor) and class logits (3 per anchor) over a grid. */
export interface SsdLevel {
  boxes: Float32Array;
  classes: Float32Array;
  rows: number;
  cols: number;
}

/** face-api's batch-norm epsilon, as the float32 it computes with. */
const EPSILON = 0.0010000000474974513;
/** The depthwise layers that halve the picture (face-api's getStridesForLayerIdx). */
const HALVING_LAYERS = new Set([2, 4, 6, 12]);
const PAIRS = 13;

interface Pair {
  filter: Tensor4D;
  bias: Tensor;
  strides: number;
  pointwise: PointwiseParams;
}

const foldedByParams = new WeakMap<SsdNetworkParams, Pair[]>();

/**
 * The depthwise layers with their batch norm folded into the filter and a bias, once per loaded
 * model: (conv(x) - mean) / sqrt(variance + eps) * scale + offset = conv(x) * k + (offset - mean * k).
 */
function foldedPairs(tf: TfOps, params: SsdNetworkParams): Pair[] {
  let pairs = foldedByParams.get(params);
  if (pairs) return pairs;
  pairs = Array.from({ length: PAIRS }, (_, i) => {
    const layer = params.mobilenetv1[`conv_${i + 1}`] as { depthwise_conv: DepthwiseParams; pointwise_conv: PointwiseParams };
    const bn = layer.depthwise_conv;
    // tensors returned from tidy outlive it; everything else made here is freed
    const [filter, bias] = tf.tidy(() => {
      const k = tf.div(bn.batch_norm_scale, tf.sqrt(tf.add(bn.batch_norm_variance, EPSILON)));
      return [tf.mul(bn.filters, tf.reshape(k, [1, 1, -1, 1])), tf.sub(bn.batch_norm_offset, tf.mul(bn.batch_norm_mean, k))];
    });
    return { filter: filter as Tensor4D, bias: bias!, strides: HALVING_LAYERS.has(i + 1) ? 2 : 1, pointwise: layer.pointwise_conv };
  });
  foldedByParams.set(params, pairs);
  return pairs;
}

/**
 * face-api's SSD MobileNet v1 network (mobileNetV1 + predictionLayer), the same layers and
 * weights with batch norm, bias and ReLU6 fused into each convolution, each intermediate freed
 * once read, on an input of any shape (a multiple of 128 px keeps every grid that can hold a
 * face in a 16:9 frame aligned with the model's 512x512 anchors). Returns the six levels'
 * raw outputs, from the finest grid to the coarsest. Takes ownership of `input`.
 */
export async function runSsdNetwork(faceapi: FaceApiModule, params: SsdNetworkParams, input: Tensor4D): Promise<SsdLevel[]> {
  const tf = tfOps(faceapi);
  const relu6Conv = (layer: PointwiseParams, x: Tensor4D, strides: number): Tensor4D =>
    tf.fused.conv2d({ x, filter: layer.filters as Tensor4D, bias: layer.batch_norm_offset, strides, pad: 'same', activation: 'relu6' });
  const features: Tensor4D[] = [];
  let out = relu6Conv(params.mobilenetv1.conv_0 as PointwiseParams, input, 2);
  input.dispose();
  foldedPairs(tf, params).forEach((pair, i) => {
    const depthwise = tf.fused.depthwiseConv2d({ x: out, filter: pair.filter, bias: pair.bias, strides: pair.strides, pad: 'same', activation: 'relu6' });
    if (!features.includes(out)) out.dispose();
    out = relu6Conv(pair.pointwise, depthwise, 1);
    depthwise.dispose();
    // the finest level reads conv layer 11's output
    if (i + 1 === 11) features.push(out);
  });
  features.push(out);
  const predictions = params.prediction_layer;
  for (let i = 0; i < 8; i += 1) {
    const next = relu6Conv(predictions[`conv_${i}`] as PointwiseParams, out, i % 2 === 1 ? 2 : 1);
    if (!features.includes(out)) out.dispose();
    out = next;
    if (i % 2 === 1) features.push(out);
  }
  const levels = features.map(async (feature, k) => {
    const predictor = predictions[`box_predictor_${k}`] as { box_encoding_predictor: ConvParams; class_predictor: ConvParams };
    const linear = (layer: ConvParams): Tensor4D => tf.fused.conv2d({ x: feature, filter: layer.filters as Tensor4D, bias: layer.bias, strides: 1, pad: 'same' });
    const boxes = linear(predictor.box_encoding_predictor);
    const classes = linear(predictor.class_predictor);
    const [, rows = 0, cols = 0] = feature.shape;
    try {
      return { boxes: (await boxes.data()) as Float32Array, classes: (await classes.data()) as Float32Array, rows, cols };
    } finally {
      boxes.dispose();
      classes.dispose();
    }
  });
  try {
    return await Promise.all(levels);
  } finally {
    for (const feature of features) feature.dispose();
  }
}
