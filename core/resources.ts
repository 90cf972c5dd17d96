import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * In a packaged app, binaries, model weights and wasm files are unpacked next to the asar
 * archive (electron-builder `asarUnpack`); every path to such a file goes through here.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The folder of an installed npm package, e.g. `twemoji-colr-font`. */
export function packageDir(name: string): string {
  return unpackedPath(dirname(require.resolve(`${name}/package.json`)));
}

/** The repository root (or the app's root when packaged). */
export function appRoot(): string {
  // this file is core/resources.ts in the sources and dist/core/resources.js when built
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.split(/[\\/]/).includes('dist') ? '../..' : '..';
  return resolve(here, up);
}
