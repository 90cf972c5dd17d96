import { join } from 'node:path';
import { isKirinukiError } from '../errors.js';
import { resolveOAuthClient, type OAuthClientConfig } from '../publish/oauth-client-config.js';
import type { PublishAuth } from '../publish/publish-clips.js';
import type { PublishEndpoints } from '../publish/publish-endpoints.js';
import { signIn } from '../publish/sign-in.js';
import type { TokenStore } from '../publish/token-store.js';
import { writePrivateFile } from './private-file.js';
import type { YoutubeAccountView } from './views.js';

/** The refresh token's file in the config folder (`.enc` when Electron's safeStorage encrypts it). */
export const YOUTUBE_TOKEN_NAME = 'youtube-token';
/** The OAuth client JSON looked for in the config folder when no variable names one. */
export const OAUTH_CLIENT_FILE_NAME = 'oauth-client.json';

export interface YoutubeAccountOptions {
  configDir: string;
  tokens: TokenStore;
  env?: NodeJS.ProcessEnv;
}

function client(options: YoutubeAccountOptions): Promise<OAuthClientConfig> {
  // the app's Settings save the client as this default file, so a variable set for a session wins
  return resolveOAuthClient({ env: options.env ?? process.env, defaultFile: join(options.configDir, OAUTH_CLIENT_FILE_NAME) });
}

/** What publishClips needs to act for the user: their OAuth client and the stored refresh token. */
export function publishAuth(options: YoutubeAccountOptions, signInHint: string): PublishAuth {
  return { client: () => client(options), tokens: options.tokens, signInHint };
}

export interface SignInRequest {
  endpoints: PublishEndpoints;
  openUrl: (url: string) => Promise<void>;
  onUrl?: (url: string) => void;
  signal?: AbortSignal;
}

/** Signs in through the browser and keeps the refresh token in the store (never anywhere else). */
export async function signInToYoutube(options: YoutubeAccountOptions, request: SignInRequest): Promise<void> {
  const refreshToken = await signIn({ client: await client(options), ...request });
  await options.tokens.write(refreshToken);
}

/** Settings → YouTube publishing: the client in use (never its secret) and whether a sign-in is kept. */
export async function youtubeAccountView(options: YoutubeAccountOptions): Promise<YoutubeAccountView> {
  const found = await client(options).catch((error: unknown) => {
    if (isKirinukiError(error) && error.code === 'OAUTH_CLIENT_MISSING') return null;
    throw error;
  });
  return {
    clientSource: found?.source ?? null,
    clientId: found?.clientId ?? null,
    signedIn: (await options.tokens.read()) !== null,
    storage: options.tokens.description,
  };
}

/**
 * Keeps the user's OAuth client as `<config>/oauth-client.json` in the shape Google Cloud downloads
 * (0600). A different client cannot use the old sign-in, so it is forgotten.
 */
export async function saveOAuthClient(options: YoutubeAccountOptions, clientId: string, clientSecret: string): Promise<void> {
  const previous = await client(options).catch(() => null);
  await writePrivateFile(join(options.configDir, OAUTH_CLIENT_FILE_NAME), `${JSON.stringify({ installed: { client_id: clientId, client_secret: clientSecret } }, null, 2)}\n`);
  if (previous?.clientId !== clientId) await options.tokens.write(null);
}
