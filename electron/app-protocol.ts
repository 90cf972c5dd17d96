import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { staticFile } from '../core/serve/static-files.js';
import { contentSecurityPolicy } from '../core/serve/security-headers.js';
import { MEDIA_SCHEME } from './media-protocol.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kirinuki`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The window's page: the renderer build, served from `app://kirinuki/` with the strict CSP. */
export async function appProtocolResponse(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = isAppUrl(request.url) ? await staticFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : undefined;
  if (!file) return new Response('Not found', { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': file.type, 'X-Content-Type-Options': 'nosniff' };
  if (extname(file.path) === '.html') headers['Content-Security-Policy'] = contentSecurityPolicy([`${MEDIA_SCHEME}:`]);
  return new Response(await readFile(file.path), { status: 200, headers });
}

// Node's URL gives custom schemes an opaque origin ("null"): compare scheme and host instead.
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'kirinuki' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
