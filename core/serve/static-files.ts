import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** A file of the renderer build, or undefined when the path is not one (no traversal out of dir). */
export async function staticFile(dir: string, urlPath: string): Promise<{ path: string; type: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = resolve(dir, `.${decoded}`);
  const rel = relative(dir, path);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  const type = TYPES[extname(path).toLowerCase()];
  if (!type) return undefined;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, type, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

export function streamFile(path: string) {
  return createReadStream(path);
}
