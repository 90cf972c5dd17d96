import { join } from 'node:path';
import { packageDir } from '../../resources.js';

/** The folder of real photos face-api ships for its demo (sample1.jpg … sample6.jpg). */
export function faceApiDemoDir(): string {
  return join(packageDir('@vladmandic/face-api'), 'demo');
}
