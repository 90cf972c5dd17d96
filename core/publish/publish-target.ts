import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { readManifest, type ClipRecord, type ClipsManifest } from '../export/manifest.js';

/** What `kirinuki publish <project-dir|clip.mp4>` points at: the project and the clips to publish. */
export interface PublishTarget {
  projectDir: string;
  manifest: ClipsManifest;
  clips: ClipRecord[];
}

async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** A project folder (every clip of its manifest) or one clip file of a project (found by its manifest up to two folders above). */
export async function resolvePublishTarget(target: string): Promise<PublishTarget> {
  const path = resolve(target);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KirinukiError('FILE_NOT_FOUND', `${path} does not exist; give a project folder or a clip file of one.`);
  if (info.isDirectory()) {
    const manifest = await readManifest(path);
    if (!manifest || manifest.clips.length === 0) {
      throw new KirinukiError('FILE_NOT_FOUND', `${path} has no exported clips (manifest.json); export some with \`kirinuki clips\` first.`);
    }
    return { projectDir: path, manifest, clips: manifest.clips };
  }
  const real = await realOrSelf(path);
  for (let dir = dirname(path), up = 0; up < 2; dir = dirname(dir), up += 1) {
    const manifest = await readManifest(dir);
    if (!manifest) continue;
    for (const clip of manifest.clips) {
      if ((await realOrSelf(clip.path)) === real) return { projectDir: dir, manifest, clips: [clip] };
    }
  }
  throw new KirinukiError('INVALID_ARGUMENT', `${path} is not a clip of a Kirinuki project (no manifest.json lists it); export it with \`kirinuki clips\` and publish it from there.`);
}
