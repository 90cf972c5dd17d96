import type * as FaceApi from '@vladmandic/face-api';
import type { FaceApiModule } from './face-api-runtime.js';
import { tfOps, type TfOps } from './tf-ops.js';

type Tensor = FaceApi.tf.Tensor;
type Tensor4D = FaceApi.tf.Tensor4D;

interface ConvLayerParams {
  conv: { filters: Tensor; bias: Tensor };
  scale: { weights: Tensor; biases: Tensor };
}

interface ResidualParams {
  conv1: ConvLayerParams;
  conv2: ConvLayerParams;
}

/** face-api's FaceRecognitionNet weights as it loads them (its `params`). */
export type RecognitionNetworkParams = Record<string, ResidualParams> & { conv32_down: ConvLayerParams; fc: Tensor };

interface FoldedConv {
  filter: Tensor4D;
  bias: Tensor;
}

/** The residual stages in order; `_down` ones halve the picture. */
const STAGES = [
  'conv32_1', 'conv32_2', 'conv32_3',
  'conv64_down', 'conv64_1', 'conv64_2', 'conv64_3',
  'conv128_down', 'conv128_1', 'conv128_2',
  'conv256_down', 'conv256_1', 'conv256_2', 'conv256_down_out',
] as const;

const foldedByParams = new WeakMap<object, Map<ConvLayerParams, FoldedConv>>();

/**
 * A conv layer with its scale layer folded in, once per loaded model:
 * (conv(x) + bias) * w + b = conv'(x) + (bias * w + b), with the filter scaled per output channel.
 */
function folded(tf: TfOps, params: RecognitionNetworkParams, layer: ConvLayerParams): FoldedConv {
  let cache = foldedByParams.get(params);
  if (!cache) foldedByParams.set(params, (cache = new Map()));
  let conv = cache.get(layer);
  if (!conv) {
    // tensors returned from tidy outlive it; the products in between are freed
    const [filter, bias] = tf.tidy(() => [
      tf.mul(layer.conv.filters, layer.scale.weights),
      tf.add(tf.mul(layer.conv.bias, layer.scale.weights), layer.scale.biases),
    ]);
    conv = { filter: filter as Tensor4D, bias: bias! };
    cache.set(layer, conv);
  }
  return conv;
}

/**
 * face-api's FaceRecognitionNet (a ResNet-34 on 150x150 faces, 128 numbers out), the same layers
 * and weights with each scale layer folded into its convolution and bias and ReLU fused into it,
 * every intermediate freed once read: face-api runs each conv layer as four ops, all kept to
 * the end. `input` is the face as faceInput makes it, normalised as the net expects.
 */
export async function runRecognitionNetwork(faceapi: FaceApiModule, params: RecognitionNetworkParams, input: Float32Array, size: number): Promise<Float32Array> {
  const tf = tfOps(faceapi);
  const conv = (layer: ConvLayerParams, x: Tensor4D, strides: number, pad: 'same' | 'valid', relu: boolean): Tensor4D => {
    const { filter, bias } = folded(tf, params, layer);
    return tf.fused.conv2d({ x, filter, bias, strides, pad, ...(relu ? { activation: 'relu' as const } : {}) });
  };
  const free = (...tensors: Tensor[]): void => tensors.forEach((t) => t.dispose());
  let out = tf.tensor4d(input, [1, size, size, 3]);
  const replace = (next: Tensor4D): void => {
    free(out);
    out = next;
  };
  replace(conv(params.conv32_down, out, 2, 'valid', true));
  replace(tf.maxPool(out, 3, 2, 'valid'));
  for (const name of STAGES) {
    const stage = params[name]!;
    const down = name.includes('_down');
    const first = conv(stage.conv1, out, down ? 2 : 1, down ? 'valid' : 'same', true);
    let second = conv(stage.conv2, first, 1, 'same', false);
    free(first);
    let shortcut: Tensor4D = out;
    if (down) {
      // face-api's residualDown: the input average-pooled, zero channels appended when the
      // stage widens, and the conv path padded by a row and a column when the sizes differ
      shortcut = tf.avgPool(out, 2, 2, 'valid');
      if (shortcut.shape[3] !== second.shape[3]) {
        const zeros = tf.zeros(shortcut.shape);
        const widened = tf.concat([shortcut, zeros], 3);
        free(shortcut, zeros);
        shortcut = widened;
      }
      if (shortcut.shape[1] !== second.shape[1] || shortcut.shape[2] !== second.shape[2]) {
        const padded = tf.pad(second, [[0, 0], [0, 1], [0, 1], [0, 0]]);
        free(second);
        second = padded;
      }
    }
    const sum = tf.add(second, shortcut);
    free(second);
    if (shortcut !== out) free(shortcut);
    replace(tf.relu(sum));
    free(sum);
  }
  const pooled = tf.mean(out, [1, 2]);
  free(out);
  const descriptor = tf.matMul(pooled, params.fc);
  free(pooled);
  try {
    return (await descriptor.data()) as Float32Array;
  } finally {
    free(descriptor);
  }
}
