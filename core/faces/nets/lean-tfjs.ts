import { createRequire, Module } from 'node:module';

const require = createRequire(import.meta.url);

/** The packages `@tensorflow/tfjs` loads beside tfjs-core, and the one export it reads of each. */
const UNUSED = {
  '@tensorflow/tfjs-layers': 'version_layers',
  '@tensorflow/tfjs-converter': 'version_converter',
  '@tensorflow/tfjs-data': 'version_data',
  '@tensorflow/tfjs-backend-cpu': 'version_cpu',
  '@tensorflow/tfjs-backend-webgl': 'version_webgl',
} as const;

/**
 * face-api's node-wasm bundle requires `@tensorflow/tfjs`, the union package, which loads
 * tfjs-layers, -converter, -data and the CPU and WebGL backends beside tfjs-core: about 55 ms of
 * compiling in every face worker for code face-api never calls (it runs on tfjs-core and the
 * wasm backend). Before the union package loads, this thread's require cache gets a stand-in
 * for each of them carrying only the version string the union package reads. Does nothing once
 * `@tensorflow/tfjs` is loaded.
 */
export function skipUnusedTfjsPackages(): void {
  const union = require.resolve('@tensorflow/tfjs');
  if (require.cache[union]) return;
  // resolved as the union package resolves them
  const fromUnion = createRequire(union);
  const version = (fromUnion('@tensorflow/tfjs-core') as { version_core: string }).version_core;
  for (const [name, key] of Object.entries(UNUSED)) {
    const path = fromUnion.resolve(name);
    if (require.cache[path]) continue;
    const standIn = new Module(path);
    standIn.filename = path;
    standIn.loaded = true;
    standIn.exports = { [key]: version };
    require.cache[path] = standIn;
  }
}
