import { createRequire } from 'node:module';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

const require = createRequire(import.meta.url);

type Values = Float32Array | Int32Array | Uint8Array;

interface WasmBackend {
  makeOutput(shape: number[], dtype: TensorInfo['dtype']): TensorInfo;
  typedArrayFromHeap(tensor: TensorInfo): Values;
}

interface TfKernels {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  registerKernel(config: KernelConfig): void;
  unregisterKernel(name: string, backend: string): void;
}

/** Below this many values per block, copying value by value beats one subarray() per block. */
const SMALL_BLOCK = 64;

const size = (shape: number[]): number => shape.reduce((product, n) => product * n, 1);

function concatAxis(attrs: NamedAttrMap | undefined, rank: number): number {
  const raw = attrs?.axis;
  const axis = Array.isArray(raw) ? Number(raw[0]) : Number(raw ?? 0);
  return axis < 0 ? axis + rank : axis;
}

/** Concatenation along `axis` when every block is small: one plain loop over the values. */
function concatSmallBlocks(inputs: TensorInfo[], axis: number, backend: WasmBackend): TensorInfo {
  const outShape = [...inputs[0]!.shape];
  outShape[axis] = inputs.reduce((sum, t) => sum + t.shape[axis]!, 0);
  const out = backend.makeOutput(outShape, inputs[0]!.dtype);
  const target = backend.typedArrayFromHeap(out);
  const sources = inputs.map((t) => backend.typedArrayFromHeap(t));
  const blocks = inputs.map((t) => size(t.shape.slice(axis)));
  const outer = size(outShape.slice(0, axis));
  let at = 0;
  for (let b = 0; b < outer; b += 1) {
    for (let i = 0; i < sources.length; i += 1) {
      const source = sources[i]!;
      const block = blocks[i]!;
      for (let k = 0, from = b * block; k < block; k += 1) target[at++] = source[from + k]!;
    }
  }
  return out;
}

let installed = false;

/**
 * Replaces the wasm backend's Concat kernel for small blocks. Its concat copies each block with
 * subarray() + set(), and face-api's normalize() concatenates three one-value-wide colour planes:
 * for a 320 px detector input that is 100 000 subarrays, which measured more than the whole
 * detector network. Other concatenations (and strings) still go to the original kernel.
 */
export function installFastConcat(): void {
  if (installed) return;
  const tf = require('@tensorflow/tfjs') as TfKernels;
  const original = tf.getKernel('Concat', 'wasm');
  if (!original) return;
  const kernelFunc: KernelFunc = (args) => {
    const inputs = (args.inputs as unknown as TensorInfo[]).filter((t) => size(t.shape) > 0);
    const axis = concatAxis(args.attrs, inputs[0]?.shape.length ?? 0);
    const numeric = inputs.every((t) => t.dtype !== 'string' && t.dtype === inputs[0]!.dtype);
    const small = inputs.some((t) => size(t.shape.slice(axis)) < SMALL_BLOCK);
    if (inputs.length < 2 || !numeric || !small) return original.kernelFunc(args);
    return concatSmallBlocks(inputs, axis, args.backend as WasmBackend);
  };
  tf.unregisterKernel('Concat', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
  installed = true;
}
