import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonFile, readJsonIfExists } from '../fs/read-json.js';
import { projectDir } from '../project/project-dir.js';
import type { StageOptions } from '../progress.js';
import { findYtDlp } from './find-ytdlp.js';
import { CHAT_SUFFIX, pickSubtitleTrack, subtitleChoiceOfInfo, type SubtitleTrack } from './sidecar-files.js';
import { watchUrl } from './video-for-source.js';
import { checkSubsLang, NOT_LIVE_FILTER, viewerFilesArguments, type ViewerFilesRequest } from './viewer-files-arguments.js';
import { runYtDlpForSources } from './ytdlp-sources-process.js';

/** The folder of a project that holds what yt-dlp wrote: `<root>/<videoId>/sources/`. */
export const SOURCES_FOLDER = 'sources';
/** Written last, after yt-dlp exited 0 and its files are in place: a folder without it is not a result. */
export const SOURCES_RECORD = 'fetch.json';
const RECORD_VERSION = 1;
const WORK_DIR = /^\.sources-(\d+)-\d+\.part$/;

export interface FetchViewerFilesOptions extends StageOptions {
  videoId: string;
  /** Projects root. */
  root?: string;
  request: ViewerFilesRequest;
  /** Fetch again even when the project has a complete result. */
  refresh?: boolean;
  /** The video's length when already known (the chat's progress is then a fraction of it). */
  durationS?: number;
  /** yt-dlp executable; `findYtDlp()` when not given. */
  ytdlp?: string;
}

/** What yt-dlp wrote for a video, in its project. */
export interface ViewerFiles {
  dir: string;
  infoJson: string;
  chat?: string;
  subs?: string;
  /** What `subs` is: the uploader's track or auto-captions, translated or not. */
  subsTrack?: SubtitleTrack;
  /** What the call that wrote them was asked for. */
  request: ViewerFilesRequest;
  /** Comments in the info JSON (undefined when they were not asked for, or YouTube turned them off). */
  comments?: number;
  /** True when nothing was run: the project already had them. */
  fromCache: boolean;
}

interface SourcesRecord {
  version: number;
  videoId: string;
  fetchedAt: string;
  request: ViewerFilesRequest;
  files: { info: string; chat?: string; subs?: string };
  subsTrack?: SubtitleTrack;
  comments?: number;
}

/**
 * The info JSON (heatmap, chapters, and the comments when asked), the live-chat replay and the
 * captions of a YouTube video (the uploader's in the video's language, else the original-language
 * auto-captions; or those in `request.subsLang`), written by ONE yt-dlp call into
 * `<root>/<videoId>/sources/`. A complete earlier result that covers the request costs no call.
 * yt-dlp writes into a hidden work folder that becomes `sources/` only once it exited 0, so a
 * failure or a cancel (which kills yt-dlp) leaves nothing half-written.
 */
export async function fetchViewerFiles(options: FetchViewerFilesOptions): Promise<ViewerFiles> {
  throwIfAborted(options.signal);
  checkSubsLang(options.request.subsLang);
  const project = projectDir(options.root, options.videoId);
  const dir = join(project, SOURCES_FOLDER);
  if (!options.refresh) {
    const cached = await readSourcesRecord(dir, options.videoId);
    if (cached && covers(cached.request, cached.comments, options.request)) {
      options.onProgress?.({ stage: 'sources', fraction: 1, message: 'from the project' });
      return filesOf(dir, cached, true);
    }
  }
  const ytdlp = options.ytdlp ?? findYtDlp();
  await mkdir(project, { recursive: true });
  await removeAbandonedWork(project);
  const work = join(project, `.sources-${process.pid}-${Date.now()}.part`);
  await mkdir(work);
  try {
    const url = watchUrl(options.videoId);
    const args = viewerFilesArguments(url, work, options.request);
    const said = await runYtDlpForSources({ ytdlp, args, url, request: options.request, durationS: options.durationS, signal: options.signal, onProgress: options.onProgress });
    throwIfAborted(options.signal);
    const record = await recordOf(work, options.videoId, options.request, url, said);
    await writeJsonAtomic(join(work, SOURCES_RECORD), record);
    await replaceFolder(work, dir);
    return filesOf(dir, record, false);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Whether files fetched for `had` (with `comments` written) serve `wanted`. Captions fetched for
 * one `--subs-lang` (or for none: the video's own language) do not serve another.
 */
export function covers(had: ViewerFilesRequest, comments: number | undefined, wanted: ViewerFilesRequest): boolean {
  if (wanted.chat && !had.chat) return false;
  if (wanted.captions && (!had.captions || had.subsLang?.toLowerCase() !== wanted.subsLang?.toLowerCase())) return false;
  if (wanted.maxComments === undefined) return true;
  if (had.maxComments === undefined) return false;
  // fewer comments than the cap means the video has no more
  return had.maxComments >= wanted.maxComments || (comments ?? 0) < had.maxComments;
}

async function readSourcesRecord(dir: string, videoId: string): Promise<SourcesRecord | undefined> {
  let value: unknown;
  try {
    value = await readJsonIfExists(join(dir, SOURCES_RECORD));
  } catch {
    return undefined; // a damaged record is fetched again
  }
  const record = value as Partial<SourcesRecord> | undefined;
  if (!record || record.version !== RECORD_VERSION || record.videoId !== videoId || !record.request || typeof record.files?.info !== 'string') return undefined;
  const names = [record.files.info, record.files.chat, record.files.subs].filter((n): n is string => n !== undefined);
  if (names.some((n) => n.includes('/') || n.includes('\\') || !existsSync(join(dir, n)))) return undefined;
  if (typeof record.subsTrack?.language !== 'string') delete record.subsTrack;
  return record as SourcesRecord;
}

function filesOf(dir: string, record: SourcesRecord, fromCache: boolean): ViewerFiles {
  const files: ViewerFiles = { dir, infoJson: join(dir, record.files.info), request: record.request, fromCache };
  if (record.files.chat) files.chat = join(dir, record.files.chat);
  if (record.files.subs) files.subs = join(dir, record.files.subs);
  if (record.files.subs && record.subsTrack) files.subsTrack = record.subsTrack;
  if (record.comments !== undefined) files.comments = record.comments;
  return files;
}

/** Names what yt-dlp left in the work folder; no info JSON after exit 0 is a failure worth its own words. */
async function recordOf(work: string, videoId: string, request: ViewerFilesRequest, url: string, said: string[]): Promise<SourcesRecord> {
  const names = (await readdir(work)).filter((n) => !n.endsWith('.part') && !n.endsWith('.ytdl'));
  const info = names.find((n) => n === `${videoId}.info.json`) ?? names.find((n) => n.endsWith('.info.json'));
  if (!info && said.some((line) => line.includes(`does not pass filter (${NOT_LIVE_FILTER})`))) {
    throw new KirinukiError('VIDEO_UNAVAILABLE', `${url} is live right now: its chat replay is complete only once the stream has ended; run again then.`);
  }
  if (!info) {
    throw new KirinukiError('DOWNLOAD_FAILED', `yt-dlp finished for ${url} but wrote no .info.json: update yt-dlp and run again.`);
  }
  const stem = info.replace(/\.info\.json$/, '');
  const value = (await readJsonFile(join(work, info))) as Record<string, unknown>;
  const record: SourcesRecord = { version: RECORD_VERSION, videoId, fetchedAt: new Date().toISOString(), request, files: { info } };
  const chat = `${stem}${CHAT_SUFFIX}`;
  if (request.chat && names.includes(chat)) record.files.chat = chat;
  const picked = request.captions ? pickSubtitleTrack(names, stem, subtitleChoiceOfInfo(value, request.subsLang)) : undefined;
  if (picked) {
    const { name, ...track } = picked;
    record.files.subs = name;
    record.subsTrack = track;
  }
  if (request.maxComments !== undefined && Array.isArray(value.comments)) record.comments = value.comments.length;
  return record;
}

/** Puts the finished work folder where the old result was, never leaving a mix of both. */
async function replaceFolder(work: string, dir: string): Promise<void> {
  if (existsSync(dir)) {
    const old = `${work}.old`;
    await rename(dir, old);
    await rm(old, { recursive: true, force: true });
  }
  await rename(work, dir);
}

/** Work folders of runs that were killed (their process is gone) are removed; a live run's are left alone. */
async function removeAbandonedWork(project: string): Promise<void> {
  for (const name of await readdir(project)) {
    const match = WORK_DIR.exec(name) ?? /^\.sources-(\d+)-\d+\.part\.old$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(join(project, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
