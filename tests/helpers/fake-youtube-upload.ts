import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A loopback fake of Google's OAuth endpoints (consent page, token endpoint with PKCE and refresh)
 * and of the YouTube resumable upload protocol (`uploadType=resumable`, `308 Resume Incomplete`,
 * `Range`). It keeps what a real server would: committed bytes in 256 KiB units, so a client that
 * resumes from the wrong place is caught; and it can drop a connection half-way through a PUT.
 */
export const UPLOAD_SCOPE = 'https://www.googleapis.com/auth/youtube.upload';
const CHUNK = 256 * 1024;

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentRange?: string;
  authorization?: string;
}

export interface FakeSession {
  id: string;
  metadata: { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  size: number;
  /** Bytes kept, in order. */
  data: Buffer;
  /** Each PUT's kept range [start, end). */
  pieces: [number, number][];
  /** Bytes that came over the wire in PUT bodies (kept or not). */
  wireBytes: number;
  videoId?: string;
}

export interface FakeUploadServer {
  /** `http://127.0.0.1:<port>/`: KIRINUKI_UPLOAD_ROOT. */
  url: string;
  authUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  requests: FakeRequest[];
  sessions: FakeSession[];
  /** Every access and refresh token handed out (to look for them where they must not be). */
  issuedTokens: string[];
  tokenGrants: string[];
  /** Drops the next PUT's connection once this many of its body bytes arrived. */
  dropNextPutAfter: (bytes: number) => void;
  /** Drops every PUT that carries bytes after this many (until set to null). */
  dropEveryPutAfter: (bytes: number | null) => void;
  /** Answers the next session POST with this status and Data API error reason. */
  failNextPost: (status: number, reason: string) => void;
  /** Drops the next session POST's connection once its body arrived (no answer, no session). */
  dropNextPost: () => void;
  revokeRefreshTokens: () => void;
  close: () => Promise<void>;
}

interface Grant {
  challenge: string;
  redirectUri: string;
  used: boolean;
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function apiError(response: ServerResponse, status: number, reason: string): void {
  json(response, status, { error: { code: status, message: reason, errors: [{ reason, domain: 'youtube' }] } });
}

export async function startFakeUploadServer(): Promise<FakeUploadServer> {
  const clientId = 'kirinuki-test.apps.googleusercontent.com';
  const clientSecret = 'test-client-secret';
  const grants = new Map<string, Grant>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const sessions: FakeSession[] = [];
  const requests: FakeRequest[] = [];
  const issuedTokens: string[] = [];
  const tokenGrants: string[] = [];
  let dropNext: number | null = null;
  let dropEvery: number | null = null;
  let postFailure: { status: number; reason: string } | null = null;
  let postDrop = false;
  let base = '';

  const issue = (prefix: string): string => {
    const token = `${prefix}-${randomBytes(12).toString('hex')}`;
    issuedTokens.push(token);
    return token;
  };

  function consent(query: URLSearchParams, response: ServerResponse): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    const ok = query.get('client_id') === clientId && query.get('response_type') === 'code' && query.get('scope') === UPLOAD_SCOPE &&
      query.get('code_challenge_method') === 'S256' && !!query.get('code_challenge') && /^http:\/\/127\.0\.0\.1:\d+\/$/.test(redirectUri);
    if (!ok) {
      response.writeHead(400).end('bad consent request');
      return;
    }
    const code = `code-${randomBytes(8).toString('hex')}`;
    grants.set(code, { challenge: query.get('code_challenge') as string, redirectUri, used: false });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    response.writeHead(302, { location: back.href }).end();
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(request)).toString());
    const grantType = form.get('grant_type') ?? '';
    tokenGrants.push(grantType);
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      json(response, 401, { error: 'invalid_client' });
      return;
    }
    if (grantType === 'authorization_code') {
      const grant = grants.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const matches = grant && !grant.used && grant.redirectUri === form.get('redirect_uri') &&
        base64url(createHash('sha256').update(verifier).digest()) === grant.challenge;
      if (!grant || !matches) {
        json(response, 400, { error: 'invalid_grant' });
        return;
      }
      grant.used = true;
      const refresh = issue('rt');
      const access = issue('at');
      refreshTokens.add(refresh);
      accessTokens.add(access);
      json(response, 200, { access_token: access, refresh_token: refresh, expires_in: 3599, token_type: 'Bearer', scope: UPLOAD_SCOPE });
      return;
    }
    if (grantType === 'refresh_token' && refreshTokens.has(form.get('refresh_token') ?? '')) {
      const access = issue('at');
      accessTokens.add(access);
      json(response, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer', scope: UPLOAD_SCOPE });
      return;
    }
    json(response, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  }

  function authorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') && accessTokens.has(header.slice(7));
  }

  async function openSession(request: IncomingMessage, query: URLSearchParams, response: ServerResponse): Promise<void> {
    const body = (await readBody(request)).toString();
    if (!authorized(request)) return apiError(response, 401, 'authError');
    if (postDrop) {
      postDrop = false;
      request.socket.destroy();
      return;
    }
    if (postFailure) {
      const { status, reason } = postFailure;
      postFailure = null;
      return apiError(response, status, reason);
    }
    if (query.get('uploadType') !== 'resumable' || query.get('part') !== 'snippet,status') return apiError(response, 400, 'badRequest');
    const size = Number(request.headers['x-upload-content-length']);
    if (!(size > 0) || request.headers['x-upload-content-type'] !== 'video/mp4') return apiError(response, 400, 'badContent');
    const id = randomBytes(8).toString('hex');
    sessions.push({ id, metadata: JSON.parse(body) as FakeSession['metadata'], size, data: Buffer.alloc(0), pieces: [], wireBytes: 0 });
    response.writeHead(200, { location: `${base}upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` }).end();
  }

  function finishOrResume(session: FakeSession, response: ServerResponse): void {
    if (session.data.length === session.size) {
      session.videoId ??= `v${randomBytes(5).toString('hex')}`;
      json(response, 201, { kind: 'youtube#video', id: session.videoId, snippet: session.metadata.snippet, status: { ...session.metadata.status, uploadStatus: 'uploaded' } });
      return;
    }
    const headers: Record<string, string> = session.data.length > 0 ? { range: `bytes=0-${session.data.length - 1}` } : {};
    response.writeHead(308, headers).end();
  }

  function keep(session: FakeSession, bytes: Buffer, complete: boolean): void {
    // like Google, a cut request keeps whole 256 KiB units only
    const kept = complete ? bytes : bytes.subarray(0, Math.floor(bytes.length / CHUNK) * CHUNK);
    if (kept.length === 0) return;
    session.pieces.push([session.data.length, session.data.length + kept.length]);
    session.data = Buffer.concat([session.data, kept]);
  }

  function put(request: IncomingMessage, query: URLSearchParams, response: ServerResponse): void {
    const session = sessions.find((s) => s.id === query.get('upload_id'));
    if (!session) {
      request.resume();
      response.writeHead(404).end();
      return;
    }
    const range = request.headers['content-range'] ?? '';
    const status = /^bytes \*\/(\d+)$/.exec(range);
    if (status) {
      request.resume();
      request.on('end', () => finishOrResume(session, response));
      return;
    }
    const bytes = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!bytes || Number(bytes[1]) !== session.data.length || Number(bytes[3]) !== session.size) {
      request.resume();
      apiError(response, 400, 'badContentRange');
      return;
    }
    const dropAfter = dropNext ?? dropEvery;
    dropNext = null;
    const chunks: Buffer[] = [];
    let received = 0;
    let dropped = false;
    request.on('data', (chunk: Buffer) => {
      if (dropped) return;
      chunks.push(chunk);
      received += chunk.length;
      session.wireBytes += chunk.length;
      if (dropAfter !== null && received >= dropAfter) {
        dropped = true;
        keep(session, Buffer.concat(chunks), false);
        request.socket.destroy();
      }
    });
    request.on('end', () => {
      if (dropped) return;
      const body = Buffer.concat(chunks);
      if (session.data.length + body.length > session.size) return apiError(response, 400, 'tooManyBytes');
      keep(session, body, true);
      finishOrResume(session, response);
    });
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const entry: FakeRequest = { method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) };
    if (request.headers['content-range']) entry.contentRange = String(request.headers['content-range']);
    if (request.headers.authorization) entry.authorization = request.headers.authorization;
    requests.push(entry);
    const fail = (): void => {
      if (!response.headersSent) response.writeHead(500).end();
    };
    if (request.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') return consent(url.searchParams, response);
    if (request.method === 'POST' && url.pathname === '/token') return void token(request, response).catch(fail);
    if (url.pathname === '/upload/youtube/v3/videos' && request.method === 'POST') return void openSession(request, url.searchParams, response).catch(fail);
    if (url.pathname === '/upload/youtube/v3/videos' && request.method === 'PUT') return put(request, url.searchParams, response);
    request.resume();
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  return {
    url: base,
    authUrl: `${base}o/oauth2/v2/auth`,
    tokenUrl: `${base}token`,
    clientId,
    clientSecret,
    requests,
    sessions,
    issuedTokens,
    tokenGrants,
    dropNextPutAfter: (bytes) => (dropNext = bytes),
    dropEveryPutAfter: (bytes) => (dropEvery = bytes),
    failNextPost: (status, reason) => (postFailure = { status, reason }),
    dropNextPost: () => (postDrop = true),
    revokeRefreshTokens: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** What a browser does on the fake consent page: follows its redirect back to the app's loopback address. */
export async function approveInBrowser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const back = consent.headers.get('location');
  if (consent.status !== 302 || !back) throw new Error(`the fake consent page refused: ${consent.status}`);
  const page = await fetch(back);
  await page.text();
}
