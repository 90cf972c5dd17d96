import { stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import type { ClipPublished, ClipRecord } from '../export/clip-record.js';
import type { ProgressListener } from '../progress.js';
import { acquireFileLock } from '../project/file-lock.js';
import { QUOTA_COSTS, QuotaMeter } from '../youtube/quota-meter.js';
import { clipUploadText } from './clip-upload-text.js';
import { authorizedClient } from './oauth-client.js';
import type { OAuthClientConfig } from './oauth-client-config.js';
import { videosUploadUrl, type PublishEndpoints } from './publish-endpoints.js';
import type { PublishSettings } from './publish-settings.js';
import { markPublishedInManifest, publishedFor, readPublishState, updateClipState, type ClipPublishState } from './publish-state.js';
import { resolvePublishTarget, type PublishTarget } from './publish-target.js';
import type { TokenStore } from './token-store.js';
import { uploadResumable, type UploadRetry } from './upload-resumable.js';
import { uploadTitle, videoResource } from './video-resource.js';

/** Quota units one upload costs (the Data API's price of `videos.insert`). */
export const UPLOAD_QUOTA_UNITS = QUOTA_COSTS['videos.insert'];
/** A new Google Cloud project's daily Data API quota. */
export const DEFAULT_DAILY_QUOTA = 10_000;

export interface PlannedClip {
  clip: ClipRecord;
  /** Its key in publish.json: the path relative to the project, with `/`. */
  key: string;
  title: string;
  published: ClipPublished | null;
  /** An interrupted upload of it will be resumed. */
  resuming: boolean;
}

/** What a publish would do, shown before anything is sent (the quota it costs above all). */
export interface PublishPlan {
  projectDir: string;
  clips: PlannedClip[];
  /** Units the clips still to upload cost (a resumed upload costs nothing more). */
  quotaUnits: number;
}

export interface PublishAuth {
  /** The user's OAuth client; asked only when something is to be uploaded. */
  client: () => Promise<OAuthClientConfig>;
  tokens: TokenStore;
  /** How to sign in, for the AUTH_REQUIRED sentence ("run `kirinuki publish --sign-in`"). */
  signInHint: string;
}

export interface PublishRequest {
  settings: PublishSettings;
  auth: PublishAuth;
  endpoints: PublishEndpoints;
  quota?: QuotaMeter;
  retry?: UploadRetry;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  log?: (line: string) => void;
}

export interface PublishedClip {
  path: string;
  title: string;
  /** `already-published`: the clip had a video already and nothing was sent. */
  status: 'published' | 'already-published';
  alreadyPublished: boolean;
  videoId: string;
  url: string;
  privacy: ClipPublished['privacy'];
  publishAt?: string;
  at: string;
}

export interface PublishResult {
  projectDir: string;
  clips: PublishedClip[];
  quota: { units: number; requests: number };
}

const PUBLISH_LOCK = '.kirinuki-publish.lock';

function keyOf(projectDir: string, path: string): string {
  return relative(projectDir, path).split('\\').join('/');
}

function isCurrentSession(state: ClipPublishState, size: number, mtimeMs: number): boolean {
  return state.session !== undefined && state.session.size === size && state.session.mtimeMs === mtimeMs;
}

/** Reads the target and says, per clip, whether it is published, will be resumed or uploaded; no request is sent. */
export async function planPublish(target: string | PublishTarget): Promise<PublishPlan> {
  const { projectDir, manifest, clips } = typeof target === 'string' ? await resolvePublishTarget(target) : target;
  const states = await readPublishState(projectDir);
  const planned: PlannedClip[] = [];
  for (const clip of clips) {
    const key = keyOf(projectDir, clip.path);
    const state = states[key] ?? {};
    const info = await stat(clip.path).catch(() => null);
    const resuming = info !== null && isCurrentSession(state, info.size, info.mtimeMs);
    const published = publishedFor(state, clip) ?? clip.published ?? null;
    planned.push({ clip, key, title: uploadTitle(clipUploadText(clip, manifest)), published, resuming });
  }
  const fresh = planned.filter((c) => !c.published && !c.resuming).length;
  return { projectDir, clips: planned, quotaUnits: fresh * UPLOAD_QUOTA_UNITS };
}

function watchUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}`;
}

function resultOf(planned: PlannedClip, published: ClipPublished, already: boolean, title: string): PublishedClip {
  return {
    path: planned.clip.path,
    title,
    status: already ? 'already-published' : 'published',
    alreadyPublished: already,
    videoId: published.videoId,
    url: watchUrl(published.videoId),
    privacy: published.privacy,
    ...(published.publishAt ? { publishAt: published.publishAt } : {}),
    at: published.at,
  };
}

/**
 * Publishes the planned clips one by one: a published clip is only reported (and its manifest
 * record brought up to date), an interrupted upload resumes from its kept session, the others are
 * uploaded. One publish per project at a time (PROJECT_BUSY otherwise).
 */
export async function publishClips(plan: PublishPlan, request: PublishRequest): Promise<PublishResult> {
  const quota = request.quota ?? new QuotaMeter();
  const { manifest } = await resolvePublishTarget(plan.projectDir);
  const results: PublishedClip[] = [];
  const pending = plan.clips.filter((c) => !c.published);
  for (const planned of plan.clips.filter((c) => c.published)) {
    const published = planned.published as ClipPublished;
    await markPublishedInManifest(plan.projectDir, planned.clip.path, published);
    results.push(resultOf(planned, published, true, planned.title));
  }
  if (pending.length === 0) return { projectDir: plan.projectDir, clips: results, quota: quota.toJSON() };
  const client = await request.auth.client();
  const refreshToken = await request.auth.tokens.read();
  if (!refreshToken) {
    throw new KirinukiError('AUTH_REQUIRED', `Kirinuki is not signed in to YouTube: ${request.auth.signInHint}.`);
  }
  const lock = await acquireFileLock(join(plan.projectDir, PUBLISH_LOCK), {
    what: 'a publish',
    wait: false,
    signal: request.signal,
    busyMessage: (holder) => `The clips of ${basename(plan.projectDir)} are being published by process ${holder.pid}; wait for it to finish.`,
  });
  try {
    const oauth = authorizedClient(client, request.endpoints, refreshToken);
    for (const [index, planned] of pending.entries()) {
      throwIfAborted(request.signal);
      const text = clipUploadText(planned.clip, manifest);
      const { published, already } = await uploadOne(plan.projectDir, planned, text, { ...request, quota }, oauth, (fraction) =>
        request.onProgress?.({
          stage: 'publish',
          fraction: (index + fraction) / pending.length,
          item: { index, count: pending.length, fraction, label: basename(planned.clip.path) },
        }),
      );
      results.push(resultOf(planned, published, already, uploadTitle(text)));
    }
  } finally {
    await lock.release();
  }
  return { projectDir: plan.projectDir, clips: results, quota: quota.toJSON() };
}

async function uploadOne(
  projectDir: string,
  planned: PlannedClip,
  text: ReturnType<typeof clipUploadText>,
  request: PublishRequest & { quota: QuotaMeter },
  oauth: ReturnType<typeof authorizedClient>,
  onFraction: (fraction: number) => void,
): Promise<{ published: ClipPublished; already: boolean }> {
  const { clip, key } = planned;
  const name = basename(clip.path);
  const info = await stat(clip.path).catch(() => null);
  if (!info?.isFile() || info.size === 0) throw new KirinukiError('FILE_NOT_FOUND', `The clip ${clip.path} is missing or empty; export it again.`);
  const state = (await readPublishState(projectDir))[key] ?? {};
  // read again under the publish lock: another run may have published it since the plan was made
  const earlier = publishedFor(state, clip);
  if (earlier) return { published: earlier, already: true };
  const session = isCurrentSession(state, info.size, info.mtimeMs) ? (state.session?.uri ?? null) : null;
  request.log?.(session ? `resuming the upload of ${name}` : `uploading ${name} (${(info.size / 1e6).toFixed(1)} MB)`);
  const video = await uploadResumable({
    client: oauth,
    file: clip.path,
    size: info.size,
    uploadUrl: videosUploadUrl(request.endpoints),
    tokenUrl: request.endpoints.tokenUrl,
    resource: videoResource(text, clip, request.settings),
    subject: name,
    session,
    onSession: (uri) =>
      updateClipState(projectDir, key, (s) => {
        const { session: _old, ...rest } = s;
        return uri ? { ...rest, session: { uri, size: info.size, mtimeMs: info.mtimeMs, startedAt: new Date().toISOString() } } : rest;
      }),
    quota: request.quota,
    retry: request.retry,
    signal: request.signal,
    onBytes: (sent, total) => onFraction(sent / total),
  });
  const published: ClipPublished = {
    videoId: video.id as string,
    at: new Date().toISOString(),
    privacy: request.settings.privacy,
    ...(request.settings.publishAt ? { publishAt: request.settings.publishAt } : {}),
  };
  await updateClipState(projectDir, key, () => ({ published, ...(clip.key !== undefined ? { clipKey: clip.key } : {}) }));
  await markPublishedInManifest(projectDir, clip.path, published);
  request.log?.(`published ${name}: ${watchUrl(published.videoId)}`);
  return { published, already: false };
}
