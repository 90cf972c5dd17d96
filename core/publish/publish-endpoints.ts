import { KirinukiError } from '../errors.js';

/** Where uploads and sign-ins go: Google's by default, a loopback fake in the tests. */
export interface PublishEndpoints {
  /** Scheme, host and port the resumable upload is opened on (`<root>upload/youtube/v3/videos`). */
  uploadRoot: string;
  /** Google's consent page (`oauth2AuthBaseUrl` of google-auth-library). */
  authUrl: string;
  /** Google's token endpoint: code exchange and refresh. */
  tokenUrl: string;
}

export const DEFAULT_UPLOAD_ROOT = 'https://www.googleapis.com/';
export const DEFAULT_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The only scope Kirinuki asks for: it can upload videos, nothing else (no reading, no deleting). */
export const UPLOAD_SCOPE = 'https://www.googleapis.com/auth/youtube.upload';

function urlFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  const value = raw === undefined || raw === '' ? fallback : raw;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return url.href;
  } catch {
    throw new KirinukiError('INVALID_ARGUMENT', `${name} "${value}" is not an http(s) URL; fix or unset it.`);
  }
}

/**
 * The endpoints from the environment: KIRINUKI_UPLOAD_ROOT (else YOUTUBE_API_ROOT, else Google's
 * upload host), KIRINUKI_OAUTH_AUTH_URL and KIRINUKI_OAUTH_TOKEN_URL.
 */
export function resolvePublishEndpoints(env: NodeJS.ProcessEnv = process.env): PublishEndpoints {
  const root = urlFrom(env, env.KIRINUKI_UPLOAD_ROOT?.trim() ? 'KIRINUKI_UPLOAD_ROOT' : 'YOUTUBE_API_ROOT', DEFAULT_UPLOAD_ROOT);
  return {
    // the upload path is added to the origin: a root given as `…/youtube/v3` means the same host
    uploadRoot: `${new URL(root).origin}/`,
    authUrl: urlFrom(env, 'KIRINUKI_OAUTH_AUTH_URL', DEFAULT_AUTH_URL),
    tokenUrl: urlFrom(env, 'KIRINUKI_OAUTH_TOKEN_URL', DEFAULT_TOKEN_URL),
  };
}

/** `https://www.googleapis.com/upload/youtube/v3/videos` under the upload root. */
export function videosUploadUrl(endpoints: PublishEndpoints): string {
  return new URL('upload/youtube/v3/videos', endpoints.uploadRoot).href;
}
