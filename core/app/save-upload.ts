import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { realpath, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KirinukiError } from '../errors.js';
import { videoIdSchema } from './contract.js';
import { PROJECT_VIDEO_EXTENSIONS, projectVideoName, projectVideoTarget } from './link-into-project.js';
import { requireProject } from './project-view.js';

/**
 * A video the user picked in the browser's file chooser (`kirinuki serve` has no native dialog),
 * streamed into `<root>/<videoId>/video/<name>` through a `.part` file. Returns the file's real
 * path, which the caller records as chosen so `attachVideo` accepts it.
 */
export async function saveUpload(root: string, videoId: string, name: string, body: Readable): Promise<string> {
  if (!videoIdSchema.safeParse(videoId).success) throw new KirinukiError('INVALID_ARGUMENT', `"${videoId}" is not a video id.`);
  const fileName = projectVideoName(name);
  if (!PROJECT_VIDEO_EXTENSIONS.includes(extname(fileName).toLowerCase()) || fileName.startsWith('.')) {
    throw new KirinukiError('INVALID_ARGUMENT', `Upload a video file (${PROJECT_VIDEO_EXTENSIONS.join(', ')}), not "${name}".`);
  }
  await requireProject(root, videoId);
  const target = await projectVideoTarget(root, videoId, fileName);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    await pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return realpath(target);
}
