import { createReadStream, type ReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { KirinukiError } from '../errors.js';
import { readProject } from '../project/project-store.js';
import { parseRange } from './parse-range.js';
import type { MediaRef } from './views.js';

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

const VIDEO_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}$/;

/**
 * The folder name under which a project's video that lies outside the project folder is served:
 * the file `kirinuki clips --video` or `channel --video-dir` used where it is (project.json's
 * `videoFile`). No stage writes a folder of that name (a leading dot), so it never hides a file.
 */
const OUTSIDE_VIDEO = '.project-video';
const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm', '.mkv']);

function notFound(ref: MediaRef): KirinukiError {
  return new KirinukiError('FILE_NOT_FOUND', `No media "${ref.rel}" in the project of ${ref.videoId}.`);
}

/**
 * The absolute path of a media file inside `<root>/<videoId>/`. Anything that would leave the
 * project folder (`..`, absolute paths, symlinks pointing out, other file types) is refused.
 */
export async function resolveProjectMedia(root: string, ref: MediaRef): Promise<string> {
  if (!VIDEO_ID.test(ref.videoId) || ref.rel.includes('\0') || isAbsolute(ref.rel)) throw notFound(ref);
  if (ref.rel.startsWith(`${OUTSIDE_VIDEO}/`)) return videoOutside(root, ref);
  if (!CONTENT_TYPES[extname(ref.rel).toLowerCase()]) throw notFound(ref);
  const folder = resolve(root, ref.videoId);
  const candidate = resolve(folder, ref.rel);
  if (!inside(folder, candidate)) throw notFound(ref);
  let real: string;
  let realFolder: string;
  try {
    [real, realFolder] = await Promise.all([realpath(candidate), realpath(folder)]);
  } catch {
    throw notFound(ref);
  }
  if (!inside(realFolder, real)) throw notFound(ref);
  return real;
}

/** The project's own video kept outside its folder: exactly the file project.json names, nothing else. */
async function videoOutside(root: string, ref: MediaRef): Promise<string> {
  const file = (await readProject(root, ref.videoId).catch(() => undefined))?.videoFile;
  if (!file || ref.rel !== `${OUTSIDE_VIDEO}/${basename(file)}` || !VIDEO_EXTENSIONS.has(extname(file).toLowerCase())) throw notFound(ref);
  try {
    return await realpath(file);
  } catch {
    throw notFound(ref);
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: ReadStream | null;
}

/** A project media file as an HTTP-style response with Range support, for both hosts. */
export async function openProjectMedia(root: string, ref: MediaRef, rangeHeader?: string | null): Promise<MediaResponse> {
  const path = await resolveProjectMedia(root, ref);
  const info = await stat(path);
  if (!info.isFile()) throw notFound(ref);
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  const range = parseRange(rangeHeader, info.size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${info.size}` }, body: null };
  }
  if (!range) {
    return { status: 200, headers: { ...headers, 'Content-Length': String(info.size) }, body: createReadStream(path) };
  }
  return {
    status: 206,
    headers: {
      ...headers,
      'Content-Range': `bytes ${range.start}-${range.end}/${info.size}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    body: createReadStream(path, { start: range.start, end: range.end }),
  };
}

/**
 * The MediaRef of a project's video (project.json's `videoFile`): the file in the project folder,
 * or the one a CLI run used where it lies (`clips --video`), served as that project's video only.
 */
export function projectVideoRef(root: string, videoId: string, videoFile: string): MediaRef {
  return mediaRefFor(root, videoId, videoFile) ?? { videoId, rel: `${OUTSIDE_VIDEO}/${basename(videoFile)}` };
}

/** The MediaRef of a file inside a project folder, or null when it lies elsewhere. */
export function mediaRefFor(root: string, videoId: string, path: string): MediaRef | null {
  const folder = resolve(root, videoId);
  const absolute = resolve(path);
  if (!inside(folder, absolute)) return null;
  return { videoId, rel: relative(folder, absolute).split(sep).join('/') };
}
