import { setTimeout as sleep } from 'node:timers/promises';
import type { youtube_v3 } from '@googleapis/youtube';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { QuotaMeter } from '../youtube/quota-meter.js';
import { openSession, putBytes, queryStatus, type UploadStatus, type UploadTarget } from './resumable-requests.js';
import { describeFailure, isTransient, mapUploadFailure } from './upload-failure.js';

export interface UploadRetry {
  /** Interruptions in a row (no byte gained) tolerated before UPLOAD_INTERRUPTED (default 5). */
  attempts?: number;
  /** First wait after an interruption in ms, doubled each time (default 1 000). */
  baseDelayMs?: number;
  /** Idle deadline of each request in ms (default 60 000). */
  timeoutMs?: number;
}

export interface ResumableUploadRequest extends Omit<UploadTarget, 'timeoutMs'> {
  uploadUrl: string;
  tokenUrl: string;
  resource: youtube_v3.Schema$Video;
  /** The clip's name in messages. */
  subject: string;
  /** A session URI an earlier, interrupted run kept. */
  session: string | null;
  /** Keeps the session URI (null: forget it) so a later run resumes it. */
  onSession: (uri: string | null) => Promise<void>;
  quota: QuotaMeter;
  onBytes?: (sent: number, total: number) => void;
  retry?: UploadRetry;
}

const MAX_DELAY_MS = 30_000;

/**
 * Uploads a file with the resumable protocol: opens a session (or takes up a kept one), PUTs the
 * bytes, and after a dropped connection, a timeout or a 5xx asks where the upload stands
 * (an empty PUT naming only the size → `308` + `Range`) and sends the rest from there. Gives up with
 * UPLOAD_INTERRUPTED after `attempts` interruptions in a row without progress; the session stays
 * kept, so the next run resumes it. Returns the video YouTube made.
 */
export async function uploadResumable(request: ResumableUploadRequest): Promise<youtube_v3.Schema$Video> {
  const attempts = request.retry?.attempts ?? 5;
  const baseDelayMs = request.retry?.baseDelayMs ?? 1000;
  const target: UploadTarget = { ...request, timeoutMs: request.retry?.timeoutMs ?? 60_000 };
  let session = request.session;
  let offset: number | undefined = session ? undefined : 0;
  let failures = 0;
  let best = 0;
  // one upload is one videos.insert: an opening POST that is retried after a dropped connection is not another
  let charged = false;
  for (;;) {
    throwIfAborted(request.signal);
    try {
      if (session === null) {
        if (!charged) request.quota.charge('videos.insert');
        charged = true;
        session = await openSession(target, request.uploadUrl, request.resource);
        await request.onSession(session);
        offset = 0;
      }
      const status: UploadStatus = offset === undefined
        ? await queryStatus(target, session)
        : await putBytes(target, session, offset, (sent) => request.onBytes?.(sent, request.size));
      if ('video' in status) return status.video;
      if ('expired' in status) {
        session = null;
        await request.onSession(null);
        continue;
      }
      if (status.offset > best) {
        best = status.offset;
        failures = 0;
      }
      offset = status.offset;
      request.onBytes?.(offset, request.size);
    } catch (error) {
      if (request.signal?.aborted) throw cancelledError();
      if (error instanceof KirinukiError || !isTransient(describeFailure(error))) throw mapUploadFailure(error, request.subject, request.tokenUrl);
      failures += 1;
      if (failures > attempts) throw interrupted(request, best, failures);
      // where the upload stands is asked next: the server may have kept more or fewer bytes than were sent
      offset = undefined;
      await backOff(Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** (failures - 1)), request.signal);
    }
  }
}

function interrupted(request: ResumableUploadRequest, kept: number, tries: number): KirinukiError {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  return new KirinukiError(
    'UPLOAD_INTERRUPTED',
    `The upload of ${request.subject} stopped at ${mb(kept)} of ${mb(request.size)} MB after ${tries} interruptions; run the same publish again to resume from there.`,
  );
}

async function backOff(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch {
    throw cancelledError();
  }
}
