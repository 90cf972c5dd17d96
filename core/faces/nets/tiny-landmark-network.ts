import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { tfOps, type TfOps } from './tf-ops.js';

type Tensor = FaceApi.tf.Tensor;
type Tensor4D = FaceApi.tf.Tensor4D;

interface SeparableConvParams {
  depthwise_filter: Tensor;
  pointwise_filter: Tensor;
  bias: Tensor;
}

interface DenseBlockParams {
  conv0: SeparableConvParams | { filters: Tensor; bias: Tensor };
  conv1: SeparableConvParams;
  conv2: SeparableConvParams;
}

/**
 * face-api's FaceLandmark68TinyNet weights as it loads them: the feature extractor's dense blocks
 * (`faceFeatureExtractor.params`) and the fully connected layer (`params.fc`).
 */
export interface TinyLandmarkNetworkParams {
  dense0: DenseBlockParams;
  dense1: DenseBlockParams;
  dense2: DenseBlockParams;
  fc: { weights: Tensor; bias: Tensor };
}

/** The net's input side and mean colour (face-api's TinyFaceFeatureExtractor). */
export const TINY_LANDMARK_SIZE = 112;
export const TINY_LANDMARK_MEAN = [122.782, 117.001, 104.298];

/** The public members of face-api's FaceLandmark68TinyNet that hold its weights (not in its typings). */
interface TinyLandmarkNet {
  params: { fc: { weights: Tensor; bias: Tensor } };
  faceFeatureExtractor: { params: Omit<TinyLandmarkNetworkParams, 'fc'> };
}

/** The loaded weights of face-api's tiny landmark net, in one object. */
export function tinyLandmarkParams(faceapi: FaceApiModule): TinyLandmarkNetworkParams {
  const net = faceapi.nets.faceLandmark68TinyNet as unknown as TinyLandmarkNet;
  return { ...net.faceFeatureExtractor.params, fc: net.params.fc };
}

/** face-api's depthwiseSeparableConv ('same', then the bias), with a ReLU fused in when asked. */
function separable(tf: TfOps, x: Tensor4D, layer: SeparableConvParams, stride: number, relu: boolean): Tensor4D {
  const depthwise = tf.depthwiseConv2d(x, layer.depthwise_filter as Tensor4D, stride, 'same');
  const out = tf.fused.conv2d({ x: depthwise, filter: layer.pointwise_filter as Tensor4D, bias: layer.bias, strides: 1, pad: 'valid', ...(relu ? { activation: 'relu' as const } : {}) });
  depthwise.dispose();
  return out;
}

/** face-api's denseBlock3: a halving convolution, two separable ones, each fed the sum of those before. */
function denseBlock(tf: TfOps, x: Tensor4D, block: DenseBlockParams, first: boolean): Tensor4D {
  const [out] = tf.tidy(() => {
    const out1 = first
      ? tf.fused.conv2d({ x, filter: (block.conv0 as { filters: Tensor }).filters as Tensor4D, bias: block.conv0.bias, strides: 2, pad: 'same', activation: 'relu' })
      : separable(tf, x, block.conv0 as SeparableConvParams, 2, true);
    const out2 = separable(tf, out1, block.conv1, 1, false);
    const sum12 = tf.add(out1, out2);
    const out3 = separable(tf, tf.relu(sum12), block.conv2, 1, false);
    return [tf.relu(tf.add(sum12, out3))];
  });
  return out!;
}

/**
 * face-api's FaceLandmark68TinyNet (three dense blocks, a 14x14 average, a fully connected layer),
 * the same layers and weights with each separable convolution's bias and ReLU fused into its
 * pointwise convolution and the input made by faceInput (the face's square, normalised by the
 * net's mean colour / 255) instead of face-api's dozen tensor ops of resizing and normalising.
 * Returns the 68 points as x, y pairs in input pixels (0 to TINY_LANDMARK_SIZE).
 */
export async function runTinyLandmarkNetwork(faceapi: FaceApiModule, params: TinyLandmarkNetworkParams, input: Float32Array): Promise<Float32Array> {
  const tf = tfOps(faceapi);
  const [output] = tf.tidy(() => {
    let x = tf.tensor4d(input, [1, TINY_LANDMARK_SIZE, TINY_LANDMARK_SIZE, 3]);
    x = denseBlock(tf, x, params.dense0, true);
    x = denseBlock(tf, x, params.dense1, false);
    x = denseBlock(tf, x, params.dense2, false);
    const pooled = tf.avgPool(x, [14, 14], [2, 2], 'valid');
    return [tf.add(tf.matMul(tf.reshape(pooled, [1, -1]), params.fc.weights), params.fc.bias)];
  });
  try {
    const relative = (await output!.data()) as Float32Array;
    return relative.map((v) => v * TINY_LANDMARK_SIZE);
  } finally {
    output!.dispose();
  }
}
