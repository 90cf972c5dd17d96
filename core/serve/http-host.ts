import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KirinukiError, toErrorPayload } from '../errors.js';
import type { App } from '../app/app-service.js';
import type { Outcome } from '../app/contract.js';
import { dispatchCall } from '../app/dispatch-call.js';
import { openProjectMedia } from '../app/project-media.js';
import { saveUpload } from '../app/save-upload.js';
import { hostAllowed, originAllowed, presentedToken, sessionCookie, type GuardOptions } from './request-guard.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { staticFile, streamFile } from './static-files.js';
import { attachmentHeader } from './content-disposition.js';

const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpHostOptions {
  app: App;
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

/**
 * `kirinuki serve`: the renderer and the app contract over HTTP on 127.0.0.1 only. Every request
 * needs the per-run token (in the printed URL, then a SameSite=Strict cookie or a header), a
 * Host of 127.0.0.1/localhost (no DNS rebinding) and, from a browser, this server's Origin.
 * Calls are `POST /api/<method>`, progress is server-sent events at `/api/events`, project media
 * is `/media/<videoId>/<path>` with Range support, and `POST /upload/<videoId>?name=` takes a video
 * or subtitle file the user picked in the browser (the only way a browser attaches a file).
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') return reject(error);
      const why = error.code === 'EADDRINUSE' ? 'is in use' : 'may not be opened by this user';
      reject(new KirinukiError('INVALID_ARGUMENT', `Port ${options.port} on 127.0.0.1 ${why}; pick another with --port, or leave it out for a free one.`));
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard: GuardOptions = { token, port, cookieName: `kirinuki_${port}` };
  const streams = new Set<ServerResponse>();
  server.on('request', (request, response) => {
    handle(request, response, options, guard, streams).catch((error) => fail(response, 500, toErrorPayload(error)));
  });
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => closeServer(server, options.app, streams, sockets),
  };
}

async function closeServer(server: Server, app: App, streams: Set<ServerResponse>, sockets: Set<import('node:net').Socket>): Promise<void> {
  app.jobs.cancelAll();
  for (const stream of streams) stream.end();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  await closed;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpHostOptions,
  guard: GuardOptions,
  streams: Set<ServerResponse>,
): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  if (!hostAllowed(request, guard.port)) return fail(response, 421, { code: 'FORBIDDEN', message: 'Unexpected Host header.' });
  if (!originAllowed(request, guard.port)) return fail(response, 403, { code: 'FORBIDDEN', message: 'Cross-origin requests are refused.' });
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${guard.port}`);
  const presented = presentedToken(request, url, guard);
  if (!presented) {
    return fail(response, 401, { code: 'FORBIDDEN', message: 'Open the exact URL that `kirinuki serve` printed (it carries the access token).' });
  }
  if (presented === 'query') response.setHeader('Set-Cookie', sessionCookie(guard));
  const method = request.method ?? 'GET';
  if (url.pathname.startsWith('/upload/')) {
    if (method !== 'POST') return fail(response, 405, { code: 'INVALID_ARGUMENT', message: 'Uploads are POST.' });
    return upload(request, response, options.app, url);
  }
  if (url.pathname.startsWith('/api/') && url.pathname !== '/api/events') {
    if (method !== 'POST') return fail(response, 405, { code: 'INVALID_ARGUMENT', message: 'API calls are POST.' });
    return apiCall(request, response, options.app, url.pathname.slice('/api/'.length));
  }
  if (method !== 'GET' && method !== 'HEAD') return fail(response, 405, { code: 'INVALID_ARGUMENT', message: 'Only GET here.' });
  if (url.pathname === '/api/events') return eventStream(request, response, options.app, streams);
  if (url.pathname.startsWith('/media/')) return media(request, response, options.app, url.pathname);
  if (url.pathname.startsWith('/download/')) return media(request, response, options.app, url.pathname, true);
  return rendererFile(response, options.rendererDir, url.pathname, method === 'HEAD');
}

async function apiCall(request: IncomingMessage, response: ServerResponse, app: App, name: string): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return fail(response, 415, { code: 'INVALID_ARGUMENT', message: 'API calls send application/json.' });
  }
  const body = await readBody(request);
  if (body === undefined) return fail(response, 400, { code: 'INVALID_ARGUMENT', message: 'The request body is not JSON (or over 1 MB).' });
  const envelope = (body ?? {}) as { args?: unknown; jobId?: unknown };
  // A short call stops when its client goes away. A long one is a job of the service: it keeps
  // running when the tab closes (dispatchCall does not hand it this signal), and any tab follows
  // it through listJobs and the events.
  const aborted = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) aborted.abort();
  });
  const outcome = await dispatchCall(app.service, app.jobs, name, envelope.args, { jobId: envelope.jobId, signal: aborted.signal });
  if (response.destroyed) return;
  answer(response, outcome);
}

/**
 * `POST /upload/<videoId>?name=<file name>` with the file's bytes: the browser's stand-in for the
 * desktop file dialog. A video lands in the project's video folder, a subtitle file (.json3, .vtt,
 * .srt) in a hidden file of its sources folder; either becomes a chosen file, so the `attachVideo`
 * or `attachSubtitles` call that follows (with the returned path) may take it.
 */
async function upload(request: IncomingMessage, response: ServerResponse, app: App, url: URL): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    return fail(response, 415, { code: 'INVALID_ARGUMENT', message: 'Uploads send application/octet-stream.' });
  }
  let videoId: string;
  try {
    videoId = decodeURIComponent(url.pathname.slice('/upload/'.length));
  } catch {
    return fail(response, 400, { code: 'INVALID_ARGUMENT', message: 'No such project.' });
  }
  try {
    const path = await saveUpload(await app.root(), videoId, url.searchParams.get('name') ?? '', request);
    app.chosenFiles.add(path);
    answer(response, { ok: true, value: { path } });
  } catch (error) {
    request.resume();
    fail(response, 400, toErrorPayload(error));
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
  } catch {
    return undefined;
  }
}

function eventStream(request: IncomingMessage, response: ServerResponse, app: App, streams: Set<ServerResponse>): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  streams.add(response);
  const off = app.jobs.onEvent((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  request.on('close', () => {
    off();
    clearInterval(heartbeat);
    streams.delete(response);
  });
}

/**
 * `/media/<videoId>/<path>`, or `/download/<videoId>/<path>`: the same file checks (inside the
 * project folder, a media type) and, for a download, only files of the folder itself (not the
 * video kept elsewhere), sent as an attachment under the file's name.
 */
async function media(request: IncomingMessage, response: ServerResponse, app: App, pathname: string, download = false): Promise<void> {
  const [, , videoId = '', ...rest] = pathname.split('/');
  let rel: string;
  try {
    rel = rest.map((part) => decodeURIComponent(part)).join('/');
  } catch {
    return fail(response, 404, { code: 'FILE_NOT_FOUND', message: 'No such media.' });
  }
  if (download && rel.startsWith('.')) return fail(response, 404, { code: 'FILE_NOT_FOUND', message: 'No such media.' });
  try {
    const file = await openProjectMedia(await app.root(), { videoId, rel }, request.headers.range);
    if (download) file.headers['Content-Disposition'] = attachmentHeader(basename(rel));
    response.writeHead(file.status, file.headers);
    if (!file.body || request.method === 'HEAD') {
      file.body?.destroy();
      response.end();
      return;
    }
    await pipeline(file.body, response).catch(() => undefined);
  } catch (error) {
    fail(response, 404, toErrorPayload(error));
  }
}

async function rendererFile(response: ServerResponse, dir: string, pathname: string, head: boolean): Promise<void> {
  const isPage = pathname === '/' || pathname === '/index.html';
  const file = await staticFile(dir, isPage ? '/index.html' : pathname);
  if (!file && isPage) {
    return fail(response, 500, { code: 'INTERNAL', message: `The UI is not built: ${join(dir, 'index.html')} is missing; run npm run build.` });
  }
  if (!file) return fail(response, 404, { code: 'FILE_NOT_FOUND', message: 'No such page.' });
  response.writeHead(200, { 'Content-Type': file.type, 'Content-Length': String(file.size), 'Cache-Control': 'no-cache' });
  if (head) response.end();
  else await pipeline(streamFile(file.path), response).catch(() => undefined);
}

/** A call's outcome (a failure too: the call itself went through), never cached. */
function answer(response: ServerResponse, outcome: Outcome<unknown>): void {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(outcome));
}

function fail(response: ServerResponse, status: number, error: { code: string; message: string }): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ ok: false, error }));
}
