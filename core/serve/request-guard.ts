import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-kirinuki-token';

export interface GuardOptions {
  token: string;
  port: number;
  cookieName: string;
}

/** Only `127.0.0.1:<port>` or `localhost:<port>`: another Host means DNS rebinding or a proxy. */
export function hostAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser's Origin, when sent, must be this server: other sites cannot drive the API. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Where the request presents the per-run token: `?token=`, the header, or the session cookie. */
export function presentedToken(request: IncomingMessage, url: URL, options: GuardOptions): 'query' | 'header' | 'cookie' | null {
  if (sameToken(url.searchParams.get('token') ?? undefined, options.token)) return 'query';
  const header = request.headers[TOKEN_HEADER];
  if (sameToken(Array.isArray(header) ? header[0] : header, options.token)) return 'header';
  if (sameToken(cookieValue(request, options.cookieName), options.token)) return 'cookie';
  return null;
}

export function sessionCookie(options: GuardOptions): string {
  return `${options.cookieName}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
}
