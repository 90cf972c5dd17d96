/**
 * Errors are values with a stable `code`: they cross the IPC and HTTP boundaries as
 * `{ code, message }`, where `instanceof` does not survive the trip.
 */
export const ERROR_CODES = [
  'INVALID_URL',
  'INVALID_ARGUMENT',
  'VIDEO_NOT_FOUND',
  'CHANNEL_NOT_FOUND',
  'COMMENTS_DISABLED',
  'QUOTA_EXCEEDED',
  'QUOTA_BUDGET_REACHED',
  'API_KEY_MISSING',
  'API_KEY_INVALID',
  'FORBIDDEN',
  'NETWORK',
  'FILE_NOT_FOUND',
  'NO_VIDEO_STREAM',
  'UNREADABLE_MEDIA',
  'SUBTITLES_UNREADABLE',
  'CHAT_UNREADABLE',
  'FFMPEG_FAILED',
  'YTDLP_MISSING',
  'DOWNLOAD_FAILED',
  'NO_FACES',
  'PERSON_NOT_FOUND',
  'DISK_FULL',
  'PROJECT_CORRUPT',
  'PROJECT_TOO_NEW',
  'PROJECT_BUSY',
  'VIDEO_UNAVAILABLE',
  'FACE_MODEL_MISMATCH',
  'VIDEO_MISMATCH',
  'MOMENTS_OVERLAP',
  'CANCELLED',
  'INTERNAL',
  'AUTH_REQUIRED',
  'OAUTH_CLIENT_MISSING',
  'UPLOAD_INTERRUPTED',
  'GUIDELINE_MEMBERS_ONLY',
  'GUIDELINE_PAID',
  'GUIDELINE_PRIVATE',
  'GUIDELINE_UNLISTED',
  'GUIDELINE_NEEDS_AUTH',
  'GUIDELINE_TOO_SOON',
  'GUIDELINE_SHARE',
  'GUIDELINE_CLIP_TOO_LONG',
  'GUIDELINE_BANNED_WORD',
  'GUIDELINE_CREDIT',
  'GUIDELINES_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class KirinukiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KirinukiError';
    this.code = code;
  }

  toJSON(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isKirinukiError(value: unknown): value is KirinukiError {
  return value instanceof KirinukiError;
}

/** Turns anything thrown into a payload; unknown failures become INTERNAL with their message. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isKirinukiError(error)) return error.toJSON();
  const nodeCode = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (nodeCode === 'ENOSPC') return { code: 'DISK_FULL', message: `The disk is full: ${message}` };
  if (nodeCode === 'ABORT_ERR' || (error as Error | undefined)?.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'The operation was cancelled.' };
  }
  return { code: 'INTERNAL', message };
}
