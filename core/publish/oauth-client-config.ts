import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';

/** The user's own OAuth client (a "Desktop app" client of their Google Cloud project). */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** Where it came from, for messages: "KIRINUKI_OAUTH_CLIENT_ID" or a file path. */
  source: string;
}

export interface OAuthClientSources {
  env?: NodeJS.ProcessEnv;
  /** The client JSON looked for when no variable names one (`<config>/oauth-client.json`, where the app's Settings save it). */
  defaultFile?: string;
}

const clientJson = z.object({
  installed: z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) }).optional(),
  web: z.unknown().optional(),
});

function missing(defaultFile: string | undefined): string {
  const file = defaultFile ? `as ${defaultFile} (or name it in KIRINUKI_OAUTH_CLIENT_FILE)` : 'and name it in KIRINUKI_OAUTH_CLIENT_FILE';
  return `No OAuth client to sign in to YouTube with: set KIRINUKI_OAUTH_CLIENT_ID and KIRINUKI_OAUTH_CLIENT_SECRET, or save the client JSON from Google Cloud ${file}; see the README, "Publishing to YouTube".`;
}

/** Reads a client JSON as Google Cloud downloads it (`{"installed": {"client_id", "client_secret", …}}`). */
export async function readClientFile(path: string): Promise<OAuthClientConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KirinukiError('OAUTH_CLIENT_MISSING', `The OAuth client file ${path} cannot be read; check its permissions.`);
  }
  let parsed: z.infer<typeof clientJson>;
  try {
    parsed = clientJson.parse(JSON.parse(text));
  } catch {
    throw new KirinukiError('OAUTH_CLIENT_MISSING', `${path} is not an OAuth client JSON from Google Cloud; download it again (Credentials → your Desktop client → Download JSON).`);
  }
  if (!parsed.installed) {
    const kind = parsed.web !== undefined ? 'a "Web application" client' : 'no "installed" client';
    throw new KirinukiError('OAUTH_CLIENT_MISSING', `${path} holds ${kind}; create an OAuth client of type "Desktop app" and download its JSON.`);
  }
  return { clientId: parsed.installed.client_id, clientSecret: parsed.installed.client_secret, source: path };
}

/**
 * The OAuth client, from (in order) KIRINUKI_OAUTH_CLIENT_ID + _SECRET,
 * KIRINUKI_OAUTH_CLIENT_FILE, or the default client file; OAUTH_CLIENT_MISSING when none has one.
 */
export async function resolveOAuthClient(sources: OAuthClientSources): Promise<OAuthClientConfig> {
  const env = sources.env ?? process.env;
  const id = env.KIRINUKI_OAUTH_CLIENT_ID?.trim();
  const secret = env.KIRINUKI_OAUTH_CLIENT_SECRET?.trim();
  if (id && secret) return { clientId: id, clientSecret: secret, source: 'KIRINUKI_OAUTH_CLIENT_ID' };
  if (id || secret) {
    throw new KirinukiError('OAUTH_CLIENT_MISSING', 'Only half of the OAuth client is set: give both KIRINUKI_OAUTH_CLIENT_ID and KIRINUKI_OAUTH_CLIENT_SECRET.');
  }
  const named = env.KIRINUKI_OAUTH_CLIENT_FILE?.trim();
  if (named) {
    const client = await readClientFile(named);
    if (!client) throw new KirinukiError('OAUTH_CLIENT_MISSING', `KIRINUKI_OAUTH_CLIENT_FILE ${named} does not exist; check the path.`);
    return client;
  }
  const fallback = sources.defaultFile ? await readClientFile(sources.defaultFile) : undefined;
  if (fallback) return fallback;
  throw new KirinukiError('OAUTH_CLIENT_MISSING', missing(sources.defaultFile));
}
