import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CodeChallengeMethod } from 'google-auth-library';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { createOAuthClient } from './oauth-client.js';
import type { OAuthClientConfig } from './oauth-client-config.js';
import { UPLOAD_SCOPE, type PublishEndpoints } from './publish-endpoints.js';
import { describeFailure } from './upload-failure.js';

export interface SignInOptions {
  client: OAuthClientConfig;
  endpoints: PublishEndpoints;
  /** Opens the consent page: the system browser (the tests drive the fake consent page themselves). */
  openUrl: (url: string) => Promise<void>;
  /** Told the consent URL, to print for a user whose browser did not open. */
  onUrl?: (url: string) => void;
  signal?: AbortSignal;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DONE_PAGE = '<!doctype html><meta charset="utf-8"><title>Kirinuki</title><p>Kirinuki may now upload to your channel. You can close this tab.</p>';
const REFUSED_PAGE = '<!doctype html><meta charset="utf-8"><title>Kirinuki</title><p>Sign-in did not finish. You can close this tab.</p>';

/**
 * OAuth 2.0 for installed apps: a loopback redirect (http://127.0.0.1:<free port>) and PKCE (S256)
 * through the system browser, for the youtube.upload scope only. Returns the refresh token; the
 * caller stores it (never logged, never in a project file).
 */
export async function signIn(options: SignInOptions): Promise<string> {
  throwIfAborted(options.signal);
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  // ends the wait for the browser however signIn ends (its timer would otherwise hold the process)
  const done = new AbortController();
  try {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const redirectUri = `http://127.0.0.1:${port}/`;
    const oauth = createOAuthClient(options.client, options.endpoints, redirectUri);
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const state = randomBytes(16).toString('hex');
    const url = oauth.generateAuthUrl({
      access_type: 'offline',
      // consent every time: Google returns a refresh token only on a consent
      prompt: 'consent',
      scope: [UPLOAD_SCOPE],
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      ...(codeChallenge ? { code_challenge: codeChallenge } : {}),
    });
    const stop = options.signal ? AbortSignal.any([options.signal, done.signal]) : done.signal;
    const code = waitForCode(server, state, stop, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    options.onUrl?.(url);
    const [received] = await Promise.all([code, options.openUrl(url)]);
    const tokens = await exchange(oauth, received, codeVerifier, redirectUri, options.endpoints);
    if (!tokens.refresh_token) {
      throw new KirinukiError('AUTH_REQUIRED', 'Google gave no refresh token; remove Kirinuki at myaccount.google.com/permissions and sign in again.');
    }
    return tokens.refresh_token;
  } finally {
    done.abort();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

async function exchange(
  oauth: ReturnType<typeof createOAuthClient>,
  code: string,
  codeVerifier: string,
  redirectUri: string,
  endpoints: PublishEndpoints,
): Promise<{ refresh_token?: string | null }> {
  try {
    return (await oauth.getToken({ code, codeVerifier, redirect_uri: redirectUri })).tokens;
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.status === undefined) {
      throw new KirinukiError('NETWORK', `Could not reach Google's sign-in server at ${new URL(endpoints.tokenUrl).origin}; check the connection and try again.`);
    }
    throw new KirinukiError('AUTH_REQUIRED', `Google refused the sign-in (HTTP ${failure.status}${failure.reason ? `, ${failure.reason}` : ''}); check the OAuth client id and secret and sign in again.`);
  }
}

/** The `code` the browser brings back to the loopback address, once its `state` matches. */
function waitForCode(server: Server, state: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const finish = (error: Error | null, code?: string): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      server.off('request', onRequest);
      if (error) fail(error);
      else done(code as string);
    };
    const onAbort = (): void => finish(cancelledError());
    const timer = setTimeout(
      () => finish(new KirinukiError('AUTH_REQUIRED', `Sign-in was not finished in the browser within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; try again.`)),
      timeoutMs,
    );
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
      if (query.get('state') !== state) {
        response.writeHead(404).end();
        return;
      }
      const code = query.get('code');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(code ? DONE_PAGE : REFUSED_PAGE);
      if (code) finish(null, code);
      else finish(new KirinukiError('AUTH_REQUIRED', `Sign-in was refused in the browser (${oauthError(query.get('error'))}); sign in again and allow the upload.`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    server.on('request', onRequest);
  });
}

/** The `error` of a refused consent (`access_denied`), shown only when it looks like one. */
function oauthError(value: string | null): string {
  return value && /^[a-z_]{1,40}$/.test(value) ? value : 'no code';
}
