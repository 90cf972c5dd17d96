import { join } from 'node:path';
import { packageDir } from '../../resources.js';

/** The folder of face-api's bundled weights, outside the asar in a packaged app. */
export function faceModelDir(): string {
  return join(packageDir('@vladmandic/face-api'), 'model');
}
