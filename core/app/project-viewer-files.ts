import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { readChatLog } from '../chat/read-chat-log.js';
import { KirinukiError, toErrorPayload } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { SIGNAL_NAMES } from '../moments/signal-names.js';
import type { LoadedViewerSources } from '../pipeline/load-viewer-sources.js';
import type { ViewerSources } from '../pipeline/viewer-sources.js';
import { projectDir } from '../project/project-dir.js';
import type { Project } from '../project/project-schema.js';
import { readCommentCache } from '../youtube/comment-cache.js';
import { readOfflineCommentSet } from '../youtube/read-offline-comment-set.js';
import type { CommentSet } from '../youtube/types.js';
import { findProjectSubtitles, uploadedName } from './project-subtitles.js';

export type ViewerFileKind = 'comments' | 'chat';

/** Comments and chat files the user loaded in the app (not `sources/`, which a later yt-dlp fetch replaces whole). */
const LOADED_FOLDER = 'loaded';
const COMMENTS_NAME = 'comments.json';
const isYoutubeId = (id: string): boolean => /^[A-Za-z0-9_-]{11}$/.test(id);

/** The name the user knows a file by: an upload's own name, not its hidden one in the project. */
export function shownName(path: string): string {
  return uploadedName(path) ?? basename(path);
}

/**
 * Reads a comments (`{video, threads}` / yt-dlp .info.json) or live-chat file the user chose, keeps
 * a copy in `<project>/loaded/`, and returns the project's comments and viewer files as the moments
 * stage takes them: the comments loaded before (or none) with the chat, and the subtitles, the
 * project already has. A file Kirinuki cannot read changes nothing and says so in the user's words.
 */
export async function loadViewerFile(root: string, project: Project, kind: ViewerFileKind, chosen: string, signal: AbortSignal): Promise<LoadedViewerSources> {
  const videoId = project.videoId;
  const folder = join(projectDir(root, videoId), LOADED_FOLDER);
  await mkdir(folder, { recursive: true });
  if (kind === 'comments') {
    const set = await readComments(chosen);
    if (isYoutubeId(videoId) && isYoutubeId(set.video.id) && set.video.id !== videoId) {
      throw new KirinukiError('INVALID_ARGUMENT', `${shownName(chosen)} holds the comments of another YouTube video (${set.video.id}), not of this one (${videoId}).`);
    }
    // the comments belong to this project's video: its id, title and length are the project's
    const video = { ...set.video, id: videoId, title: project.video?.title ?? set.video.title, durationS: project.video?.durationS || set.video.durationS };
    await writeJsonAtomic(join(folder, COMMENTS_NAME), { ...set, video } satisfies CommentSet);
  } else {
    try {
      await readChatLog(chosen, { signal });
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'CANCELLED') throw error;
      throw new KirinukiError('CHAT_UNREADABLE', `${shownName(chosen)} is not a live-chat replay (the chat of a stream as yt-dlp saves it, "….live_chat.json"); nothing was changed.`);
    }
    await copyInto(chosen, join(folder, `${videoId}.live_chat.json`));
  }
  const comments = await projectComments(root, project, join(folder, COMMENTS_NAME));
  const chat = join(folder, `${videoId}.live_chat.json`);
  const subs = await findProjectSubtitles(root, project);
  const sources: ViewerSources = { signals: [...SIGNAL_NAMES], notes: [] };
  if (existsSync(chat)) sources.chat = chat;
  if (subs) sources.subs = subs;
  const count = comments.comments.length;
  return { comments: { commentSet: comments, commentsFetched: count, apiRequests: 0, fromCache: false }, sources };
}

async function readComments(path: string): Promise<CommentSet> {
  try {
    return await readOfflineCommentSet(path);
  } catch (error) {
    if (toErrorPayload(error).code === 'CANCELLED') throw error;
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `${shownName(path)} is not a comments file Kirinuki can read: pick a yt-dlp .info.json written with its comments, or a saved {video, threads} comments file.`,
    );
  }
}

/** The comments the project has: loaded in the app, else fetched before (the cache), else none. */
async function projectComments(root: string, project: Project, loaded: string): Promise<CommentSet> {
  const video = { id: project.videoId, title: project.video?.title ?? project.videoId, durationS: project.video?.durationS ?? 0 };
  if (existsSync(loaded)) return JSON.parse(await readFile(loaded, 'utf8')) as CommentSet;
  const cache = await readCommentCache(root, project.videoId).catch(() => undefined);
  if (cache) return { video: { ...cache.video, id: project.videoId }, comments: cache.comments };
  return { video, comments: [] };
}

async function copyInto(from: string, target: string): Promise<void> {
  if (from === target) return;
  const temporary = `${target}.${randomBytes(4).toString('hex')}.part`;
  try {
    await copyFile(from, temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
