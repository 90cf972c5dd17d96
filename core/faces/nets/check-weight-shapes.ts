import { KirinukiError } from '../../errors.js';

/** The models Kirinuki loads, by their name in face-api's `nets`. */
export type FaceModel = 'tinyFaceDetector' | 'ssdMobilenetv1' | 'faceLandmark68Net' | 'faceLandmark68TinyNet' | 'faceRecognitionNet';

/** A weight map as tfjs loads it from a model's manifest: weight name → tensor (only its shape is read here). */
export type WeightShapes = Readonly<Record<string, { readonly shape: readonly number[] } | undefined>>;

type Shapes = Array<[name: string, shape: number[]]>;

/** A depthwise-separable convolution as face-api stores it (3x3 depthwise, 1x1 pointwise, a bias). */
const separable = (name: string, channelsIn: number, channelsOut: number): Shapes => [
  [`${name}/depthwise_filter`, [3, 3, channelsIn, 1]],
  [`${name}/pointwise_filter`, [1, 1, channelsIn, channelsOut]],
  [`${name}/bias`, [channelsOut]],
];

/** The Tiny Face Detector: a convolution, five separable ones, 5 anchors x 5 values out (tiny-network). */
function tinyShapes(): Shapes {
  const widths = [16, 32, 64, 128, 256, 512];
  const shapes: Shapes = [['conv0/filters', [3, 3, 3, 16]], ['conv0/bias', [16]]];
  for (let i = 1; i < widths.length; i += 1) shapes.push(...separable(`conv${i}`, widths[i - 1]!, widths[i]!));
  shapes.push(['conv8/filters', [1, 1, 512, 25]], ['conv8/bias', [25]]);
  return shapes;
}

/** SSD MobileNet v1: 14 MobileNet layers, 8 extra layers, six box predictors and the anchors (ssd-network, ssd-detector). */
function ssdShapes(): Shapes {
  const widths = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024];
  const shapes: Shapes = [['MobilenetV1/Conv2d_0_pointwise/weights', [3, 3, 3, 32]], ['MobilenetV1/Conv2d_0_pointwise/convolution_bn_offset', [32]]];
  for (let i = 1; i < widths.length; i += 1) {
    const [inner, outer] = [widths[i - 1]!, widths[i]!];
    const depthwise = `MobilenetV1/Conv2d_${i}_depthwise`;
    shapes.push([`${depthwise}/depthwise_weights`, [3, 3, inner, 1]]);
    for (const n of ['gamma', 'beta', 'moving_mean', 'moving_variance']) shapes.push([`${depthwise}/BatchNorm/${n}`, [inner]]);
    shapes.push([`MobilenetV1/Conv2d_${i}_pointwise/weights`, [1, 1, inner, outer]], [`MobilenetV1/Conv2d_${i}_pointwise/convolution_bn_offset`, [outer]]);
  }
  // [kernel, in, out] of the extra layers
  const extra = [[1, 1024, 256], [3, 256, 512], [1, 512, 128], [3, 128, 256], [1, 256, 128], [3, 128, 256], [1, 256, 64], [3, 64, 128]] as const;
  extra.forEach(([k, inner, outer], i) => {
    shapes.push([`Prediction/Conv2d_${i}_pointwise/weights`, [k, k, inner, outer]], [`Prediction/Conv2d_${i}_pointwise/convolution_bn_offset`, [outer]]);
  });
  const featureWidths = [512, 1024, 512, 256, 256, 128];
  const anchorsPerCell = [3, 6, 6, 6, 6, 6];
  featureWidths.forEach((width, k) => {
    const anchors = anchorsPerCell[k]!;
    const predictor = `Prediction/BoxPredictor_${k}`;
    shapes.push([`${predictor}/BoxEncodingPredictor/weights`, [1, 1, width, 4 * anchors]], [`${predictor}/BoxEncodingPredictor/biases`, [4 * anchors]]);
    shapes.push([`${predictor}/ClassPredictor/weights`, [1, 1, width, 3 * anchors]], [`${predictor}/ClassPredictor/biases`, [3 * anchors]]);
  });
  // one anchor box per cell and anchor of the six 512 px grids: 32² x 3 + (16² + 8² + 4² + 2² + 1²) x 6
  shapes.push(['Output/extra_dim', [1, 5118, 4]]);
  return shapes;
}

/** face-api's 68-point landmark net: four dense blocks, 68 x 2 coordinates out. */
function landmarkShapes(): Shapes {
  const widths = [32, 64, 128, 256];
  const shapes: Shapes = [['dense0/conv0/filters', [3, 3, 3, 32]], ['dense0/conv0/bias', [32]]];
  widths.forEach((width, k) => {
    if (k > 0) shapes.push(...separable(`dense${k}/conv0`, widths[k - 1]!, width));
    for (let j = 1; j <= 3; j += 1) shapes.push(...separable(`dense${k}/conv${j}`, width, width));
  });
  shapes.push(['fc/weights', [256, 136]], ['fc/bias', [136]]);
  return shapes;
}

/** face-api's tiny 68-point landmark net (the mouths of people sharing a frame): three dense blocks, 68 x 2 coordinates out. */
function tinyLandmarkShapes(): Shapes {
  const widths = [32, 64, 128];
  const shapes: Shapes = [['dense0/conv0/filters', [3, 3, 3, 32]], ['dense0/conv0/bias', [32]]];
  widths.forEach((width, k) => {
    if (k > 0) shapes.push(...separable(`dense${k}/conv0`, widths[k - 1]!, width));
    for (let j = 1; j <= 2; j += 1) shapes.push(...separable(`dense${k}/conv${j}`, width, width));
  });
  shapes.push(['fc/weights', [128, 136]], ['fc/bias', [136]]);
  return shapes;
}

/** The recognition ResNet: a 7x7 convolution, 14 residual stages, a 256 → 128 fully connected layer (recognition-network). */
function recognitionShapes(): Shapes {
  const conv = (name: string, k: number, inner: number, outer: number): Shapes => [
    [`${name}/conv/filters`, [k, k, inner, outer]],
    [`${name}/conv/bias`, [outer]],
    [`${name}/scale/weights`, [outer]],
    [`${name}/scale/biases`, [outer]],
  ];
  const shapes = conv('conv32_down', 7, 3, 32);
  let width = 32;
  for (const stage of ['32_1', '32_2', '32_3', '64_down', '64_1', '64_2', '64_3', '128_down', '128_1', '128_2', '256_down', '256_1', '256_2', '256_down_out']) {
    const outer = Number(stage.split('_')[0]);
    shapes.push(...conv(`conv${stage}/conv1`, 3, width, outer), ...conv(`conv${stage}/conv2`, 3, outer, outer));
    width = outer;
  }
  shapes.push(['fc', [256, 128]]);
  return shapes;
}

/** Every weight Kirinuki's networks (and face-api's landmark net) read, by weight-map name, with its shape. */
const EXPECTED: Record<FaceModel, Shapes> = {
  tinyFaceDetector: tinyShapes(),
  ssdMobilenetv1: ssdShapes(),
  faceLandmark68Net: landmarkShapes(),
  faceLandmark68TinyNet: tinyLandmarkShapes(),
  faceRecognitionNet: recognitionShapes(),
};

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Checks a model's weight map before face-api parses it: a weight missing or of another shape
 * (a different model file, or a face-api that ships other weights) is FACE_MODEL_MISMATCH naming
 * the file and the weight, not a TypeError or a shape assertion deep in a network run.
 */
export function checkWeightShapes(model: FaceModel, weights: WeightShapes, file: string): void {
  for (const [name, expected] of EXPECTED[model]) {
    const found = weights[name];
    if (!found) {
      throw new KirinukiError('FACE_MODEL_MISMATCH', `The face model ${file} has no weight "${name}" (expected shape [${expected.join(', ')}]): reinstall Kirinuki's packages with npm ci.`);
    }
    if (!sameShape(found.shape, expected)) {
      throw new KirinukiError(
        'FACE_MODEL_MISMATCH',
        `The face model ${file} has weight "${name}" of shape [${found.shape.join(', ')}] where Kirinuki expects [${expected.join(', ')}]: reinstall Kirinuki's packages with npm ci.`,
      );
    }
  }
}
