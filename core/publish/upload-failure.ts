import { apiErrorField } from '../youtube/api-error-field.js';
import { KirinukiError } from '../errors.js';

/** What an upload or token request's failure says, read from a gaxios error without its message. */
export interface UploadFailure {
  status?: number;
  /** `error.errors[].reason` of a Data API body, or `error` of an OAuth body (`invalid_grant`). */
  reason?: string;
  /** The URL the failed request went to. */
  url?: URL;
}

/** Reads the status, reason and URL of a gaxios error (no library message is kept). */
export function describeFailure(error: unknown): UploadFailure {
  const e = error as { status?: unknown; response?: { status?: unknown; data?: unknown }; config?: { url?: unknown } };
  const failure: UploadFailure = {};
  const status = e.response?.status ?? e.status;
  if (typeof status === 'number') failure.status = status;
  const reason = reasonOf(e.response?.data);
  if (reason) failure.reason = reason;
  const url = e.config?.url;
  if (url instanceof URL) failure.url = url;
  else if (typeof url === 'string' && URL.canParse(url)) failure.url = new URL(url);
  return failure;
}

/** No answer, a 5xx or a 429: worth asking where the upload stands and going on. */
export function isTransient(failure: UploadFailure): boolean {
  return failure.status === undefined || failure.status >= 500 || failure.status === 429;
}

const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'rateLimitExceeded']);

/**
 * A final failure of `subject` (a clip's file name) as one sentence with a code: the token refused
 * (AUTH_REQUIRED), quota or upload limit (QUOTA_EXCEEDED), metadata refused (INVALID_ARGUMENT), else
 * NETWORK. `tokenUrl` tells a failed refresh from a failed upload.
 */
export function mapUploadFailure(error: unknown, subject: string, tokenUrl: string): KirinukiError {
  if (error instanceof KirinukiError) return error;
  const f = describeFailure(error);
  const where = f.url ? `${f.url.origin}${f.url.pathname}` : 'YouTube';
  const atToken = f.url !== undefined && `${f.url.origin}${f.url.pathname}` === new URL(tokenUrl).href.replace(/\?.*$/, '');
  if (atToken && f.status !== undefined && f.status < 500) {
    return new KirinukiError('AUTH_REQUIRED', `Google no longer accepts the stored sign-in (${f.reason ?? `HTTP ${f.status}`}); sign in again with \`kirinuki publish --sign-in\`.`, { cause: error });
  }
  if (f.status === 401) {
    return new KirinukiError('AUTH_REQUIRED', `YouTube refused the sign-in while uploading ${subject}; sign in again with \`kirinuki publish --sign-in\`.`, { cause: error });
  }
  if (f.reason !== undefined && QUOTA_REASONS.has(f.reason)) {
    return new KirinukiError('QUOTA_EXCEEDED', `The YouTube Data API quota is used up, so ${subject} was not uploaded; try again after midnight Pacific time.`, { cause: error });
  }
  if (f.reason === 'uploadLimitExceeded') {
    return new KirinukiError('QUOTA_EXCEEDED', `YouTube's daily upload limit of this channel is reached, so ${subject} was not uploaded; try again tomorrow.`, { cause: error });
  }
  if (f.status === 403) {
    return new KirinukiError('FORBIDDEN', `YouTube refused the upload of ${subject} (${f.reason ?? 'HTTP 403'}); check that the YouTube Data API v3 is enabled for the OAuth client's project.`, { cause: error });
  }
  if (f.status === 400) {
    return new KirinukiError('INVALID_ARGUMENT', `YouTube refused the title, description or settings of ${subject} (${f.reason ?? 'HTTP 400'}); edit the upload text and try again.`, { cause: error });
  }
  if (f.status !== undefined) {
    return new KirinukiError('NETWORK', `${where} answered HTTP ${f.status} for ${subject}; try again later.`, { cause: error });
  }
  return new KirinukiError('NETWORK', `Could not reach ${where} for ${subject}; check the connection (and KIRINUKI_UPLOAD_ROOT if set).`, { cause: error });
}

function reasonOf(data: unknown): string | undefined {
  const error = apiErrorField(data);
  const short = (text: unknown): string | undefined => (typeof text === 'string' && /^[A-Za-z_]{1,60}$/.test(text) ? text : undefined);
  if (typeof error === 'string') return short(error);
  const errors = (error as { errors?: { reason?: unknown }[] } | undefined)?.errors;
  return Array.isArray(errors) ? short(errors[0]?.reason) : undefined;
}
