import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { youtube_v3 } from '@googleapis/youtube';
import type { OAuth2Client } from 'google-auth-library';
import { idleDeadline } from './idle-deadline.js';

/**
 * The three requests of YouTube's resumable upload protocol
 * (https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol), sent through
 * Google's OAuth2Client, whose `request` signs each one and refreshes the access token when due.
 * googleapis' own `videos.insert` sends only `multipart` or `media` uploads, which start over from
 * byte 0 after any interruption.
 */

/** Where an upload stands: the video (done), the next byte YouTube wants, or a session it no longer knows. */
export type UploadStatus = { video: youtube_v3.Schema$Video } | { offset: number } | { expired: true };

export interface UploadTarget {
  client: OAuth2Client;
  file: string;
  size: number;
  /** No answer (or, in a PUT, no byte sent) for this long cuts the request. */
  timeoutMs: number;
  signal?: AbortSignal;
}

const VIDEO_TYPE = 'video/mp4';
/** 308 is "Resume Incomplete" here, not a redirect to follow. */
const ACCEPTED = (status: number): boolean => status === 200 || status === 201 || status === 308;

type RequestOptions = Parameters<OAuth2Client['request']>[0];
/** The parts of gaxios' response read here (google-auth-library types it with its own copy of gaxios). */
interface TextResponse {
  status: number;
  headers: Headers;
  data: string;
  config: { url?: unknown };
}

/** One request with an idle deadline; `build` gets the deadline's `touch` for a body that reports its chunks. */
async function send(target: UploadTarget, build: (touch: () => void) => RequestOptions): Promise<TextResponse> {
  const deadline = idleDeadline(target.timeoutMs, target.signal);
  try {
    const options = build(deadline.touch);
    return (await target.client.request<string>({ ...options, signal: deadline.signal, responseType: 'text', retry: false, validateStatus: ACCEPTED, redirect: 'manual' })) as unknown as TextResponse;
  } finally {
    deadline.clear();
  }
}

/** POSTs the metadata with `uploadType=resumable`: the session URI comes back in `Location`. */
export async function openSession(target: UploadTarget, uploadUrl: string, resource: youtube_v3.Schema$Video): Promise<string> {
  const response = await send(target, () => ({
    url: uploadUrl,
    method: 'POST',
    params: { uploadType: 'resumable', part: 'snippet,status' },
    headers: {
      'Content-Type': 'application/json; charset=UTF-8',
      'X-Upload-Content-Length': String(target.size),
      'X-Upload-Content-Type': VIDEO_TYPE,
    },
    data: JSON.stringify(resource),
  }));
  const location = response.headers.get('location');
  if (!location || !URL.canParse(location, uploadUrl)) {
    throw Object.assign(new Error('no session URI'), { status: 502, config: { url: uploadUrl } });
  }
  return new URL(location, uploadUrl).href;
}

/** An empty PUT whose Content-Range names only the size ("bytes *" + "/N"): 308 with `Range: bytes=0-K` (K+1 bytes kept), or the finished video. */
export async function queryStatus(target: UploadTarget, session: string): Promise<UploadStatus> {
  try {
    const response = await send(target, () => ({
      url: session,
      method: 'PUT',
      headers: { 'Content-Length': '0', 'Content-Range': `bytes */${target.size}` },
    }));
    return statusOf(response);
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    // an expired or unknown session: it never finished, so a new one uploads the clip once
    if (status === 404 || status === 410) return { expired: true };
    throw error;
  }
}

/** PUTs the file from `offset` to its end; `onBytes` hears how far the file has been read into the request. */
export async function putBytes(target: UploadTarget, session: string, offset: number, onBytes?: (sent: number) => void): Promise<UploadStatus> {
  const file = createReadStream(target.file, { start: offset });
  try {
    const response = await send(target, (touch) => ({
      url: session,
      method: 'PUT',
      headers: {
        'Content-Type': VIDEO_TYPE,
        'Content-Length': String(target.size - offset),
        'Content-Range': `bytes ${offset}-${target.size - 1}/${target.size}`,
      },
      data: counted(file, offset, (sent) => {
        touch();
        onBytes?.(sent);
      }),
    }));
    return statusOf(response);
  } finally {
    file.destroy();
  }
}

/** The file stream passed through a counter that reports the bytes read so far (from `start`). */
function counted(file: ReturnType<typeof createReadStream>, start: number, onBytes: (sent: number) => void): Transform {
  let sent = start;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      onBytes(sent);
      done(null, chunk);
    },
  });
  file.once('error', (error) => counter.destroy(error));
  return file.pipe(counter);
}

function statusOf(response: TextResponse): UploadStatus {
  if (response.status === 308) {
    const range = /^bytes=0-(\d+)$/.exec(response.headers.get('range') ?? '');
    return { offset: range ? Number(range[1]) + 1 : 0 };
  }
  const video = JSON.parse(response.data || '{}') as youtube_v3.Schema$Video;
  if (typeof video.id !== 'string' || video.id === '') {
    throw Object.assign(new Error('no video id'), { status: 502, config: { url: response.config.url } });
  }
  return { video };
}
