/** For each output coordinate, the two source pixels around it and the weight of the far one. */
export interface BilinearTaps {
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

/**
 * The taps of a bilinear resize along one axis: output coordinate i reads the source at
 * `sourceAt(i)`, clamped to the `limit` source pixels. The mapping is the caller's (half-pixel
 * centres for the detectors, tfjs's plain `i * step` for face-api's crops).
 */
export function bilinearTaps(count: number, sourceAt: (i: number) => number, limit: number): BilinearTaps {
  const low = new Int32Array(count);
  const high = new Int32Array(count);
  const weight = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    const at = Math.min(Math.max(sourceAt(i), 0), limit - 1);
    low[i] = Math.floor(at);
    high[i] = Math.min(low[i]! + 1, limit - 1);
    weight[i] = at - low[i]!;
  }
  return { low, high, weight };
}
