import { fetchViewerFiles, type ViewerFiles } from '../acquire/fetch-viewer-files.js';
import { watchUrl } from '../acquire/video-for-source.js';
import { YtDlpFailure } from '../acquire/ytdlp-failure.js';
import { KirinukiError, isKirinukiError } from '../errors.js';
import { readJsonFile } from '../fs/read-json.js';
import type { SignalName } from '../moments/signal-names.js';
import { readCommentCache } from '../youtube/comment-cache.js';
import { DEFAULT_MAX_COMMENTS } from '../youtube/fetch-comments-cached.js';
import { loadCommentSet, type LoadCommentsOptions, type LoadedComments } from '../youtube/load-comment-set.js';
import { commentSetFromInfoJson } from '../youtube/read-info-json.js';
import type { VideoMeta } from '../youtube/types.js';
import { resolveApiKey } from '../youtube/youtube-client.js';
import { translatedSubtitlesNote, type SourceNote } from './viewer-sources.js';

/** Set once yt-dlp turned out missing or offline in a batch: the later videos say so instead of trying again. */
export interface YtDlpLatch {
  broken?: SourceNote;
}

/** Failures that would be the same for every video of a batch. */
const LATCHING = new Set(['YTDLP_MISSING', 'NETWORK']);

export interface YoutubeFilesOptions extends LoadCommentsOptions {
  signals: SignalName[];
  /** Telops are drawn: fetch the captions even when `signals` leaves their reactions out. */
  subtitles?: boolean;
  /** `--subs-lang` (checked): the captions in this language instead of the video's own. */
  subsLang?: string;
  /** Which files are still missing (no `--chat` / `--subs`, no sidecar). */
  need: { chat: boolean; captions: boolean };
  ytdlp?: string;
  ytdlpLatch?: YtDlpLatch;
  log?: (line: string) => void;
}

export interface YoutubeFiles {
  comments: LoadedComments;
  chat?: string;
  subs?: string;
  notes: SourceNote[];
}

/**
 * A YouTube video's comments and viewer files. With a Data API key (or `--comments FILE`) the
 * comments come from there and yt-dlp fetches only the chat, heatmap and captions — skipped when
 * `--signals` wants none of them, and a failure is a note since the comments still count.
 * Without a key (and no complete comment cache from an earlier API run) yt-dlp reads the comments
 * too, in the same call, and its failure is the run's.
 */
export async function viewerFilesFromYoutube(
  videoId: string,
  source: string,
  given: LoadedComments | undefined,
  options: YoutubeFilesOptions,
): Promise<YoutubeFiles> {
  const url = watchUrl(videoId);
  const chat = options.signals.includes('chat') && options.need.chat;
  const captions = (options.signals.includes('captions') || options.subtitles === true) && options.need.captions;
  const heatmap = options.signals.includes('heatmap');
  const subsLang = captions && options.subsLang !== undefined ? { subsLang: options.subsLang } : {};
  const key = resolveApiKey(options.apiKey);
  const fromApi = key !== undefined || (await apiCacheIsEnough(videoId, options));
  const comments = given ?? (fromApi ? await loadCommentSet(source, options) : undefined);

  if (comments) {
    options.checkSource?.(comments.commentSet.video);
    if (!chat && !captions && !(heatmap && !comments.commentSet.heatmap)) return { comments, notes: [] };
    const broken = options.ytdlpLatch?.broken;
    if (broken) return { comments, notes: [{ code: broken.code, message: `The chat, heatmap and captions of ${url} were not fetched (yt-dlp failed earlier in this run), so its moments come from the comments alone.` }] };
    let files: ViewerFiles;
    try {
      files = await fetchViewerFiles({ ...fetchOptions(videoId, options), request: { chat, captions, ...subsLang }, durationS: comments.commentSet.video.durationS });
    } catch (error) {
      if (!isKirinukiError(error) || error.code === 'CANCELLED' || error.code === 'DISK_FULL') throw error;
      const note = { code: error.code, message: `The chat, heatmap and captions of ${url} could not be fetched, so its moments come from the comments alone: ${error.message}` };
      if (options.ytdlpLatch && LATCHING.has(error.code)) options.ytdlpLatch.broken = note;
      return { comments: withRefusedAvailability(comments, error), notes: [note] };
    }
    return { comments: await withInfoJson(comments, files.infoJson, heatmap), ...filesAndNotes(files, url, chat, captions, options.subsLang) };
  }

  const wantComments = options.signals.includes('comments');
  const maxComments = validMax(options.maxComments);
  // said as progress now (stdout and stderr stay clean for --json) and as a note once read
  if (wantComments) options.onProgress?.({ stage: 'comments', fraction: 0, message: 'no YOUTUBE_API_KEY: yt-dlp reads them (slower than the Data API, no quota)' });
  let files: ViewerFiles;
  try {
    files = await fetchViewerFiles({ ...fetchOptions(videoId, options), request: { chat, captions, ...subsLang, ...(wantComments ? { maxComments } : {}) } });
  } catch (error) {
    if (isKirinukiError(error) && error.code === 'YTDLP_MISSING') {
      throw new KirinukiError(
        'YTDLP_MISSING',
        `Reading ${url} without a YouTube Data API key needs yt-dlp: install it (sudo apt-get install yt-dlp, pip install yt-dlp or brew install yt-dlp) or set KIRINUKI_YTDLP, or set YOUTUBE_API_KEY. (${error.message})`,
        { cause: error },
      );
    }
    throw error;
  }
  const loaded = await commentsOfInfo(files, maxComments);
  const result = filesAndNotes(files, url, chat, captions, options.subsLang);
  if (wantComments) {
    result.notes.unshift(
      loaded.disabled
        ? { code: 'COMMENTS_DISABLED', message: `${url} has its comments turned off: moments come from the other signals.` }
        : { code: 'COMMENTS_FROM_YTDLP', message: `No YOUTUBE_API_KEY: ${loaded.comments.commentsFetched} comments of ${url} read by yt-dlp ${files.fromCache ? 'in an earlier run (kept in the project)' : '(slower than the Data API, no quota)'}.` },
    );
    options.onProgress?.({ stage: 'comments', fraction: 1, message: `${loaded.comments.commentsFetched} comments from yt-dlp` });
  }
  return { comments: loaded.comments, ...result };
}

/** Comments the Data API already gave (complete, or as many as asked) are read from the project without a key. */
async function apiCacheIsEnough(videoId: string, options: YoutubeFilesOptions): Promise<boolean> {
  if (options.refresh) return false;
  const cache = await readCommentCache(options.root, videoId).catch(() => undefined);
  return cache !== undefined && (cache.fetch.complete || cache.comments.length >= validMax(options.maxComments));
}

function fetchOptions(videoId: string, options: YoutubeFilesOptions) {
  return { videoId, root: options.root, refresh: options.refresh, ytdlp: options.ytdlp, signal: options.signal, onProgress: options.onProgress };
}

function filesAndNotes(files: ViewerFiles, url: string, chat: boolean, captions: boolean, subsLang: string | undefined): Omit<YoutubeFiles, 'comments'> {
  const notes: SourceNote[] = [];
  if (chat && !files.chat) notes.push({ code: 'NO_CHAT_REPLAY', message: `${url} has no live-chat replay (not a stream, or its chat was off): moments come from the other signals.` });
  if (captions && !files.subs) {
    const where = subsLang === undefined ? 'in its own language' : `in ${subsLang} (--subs-lang), neither its uploader's nor YouTube's auto-captions`;
    notes.push({ code: 'NO_SUBTITLES', message: `${url} has no captions ${where}: no caption reactions.` });
  }
  const translated = captions && files.subs ? translatedSubtitlesNote(files.subsTrack, url, subsLang) : undefined;
  if (translated) notes.push(translated);
  return { ...(chat && files.chat ? { chat: files.chat } : {}), ...(captions && files.subs ? { subs: files.subs } : {}), notes };
}

async function readInfo(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KirinukiError('DOWNLOAD_FAILED', `${path} is not a yt-dlp info JSON: delete the folder and run again.`);
  }
  return value as Record<string, unknown>;
}

/** The comments yt-dlp wrote in the info JSON (none when YouTube turned them off), at most `max`. */
async function commentsOfInfo(files: ViewerFiles, max: number): Promise<{ comments: LoadedComments; disabled: boolean }> {
  const info = await readInfo(files.infoJson);
  const list = Array.isArray(info.comments) ? info.comments.slice(0, max) : [];
  const commentSet = commentSetFromInfoJson({ ...info, comments: list }, files.infoJson);
  const comments: LoadedComments = { commentSet, commentsFetched: commentSet.comments.length, apiRequests: 0, fromCache: files.fromCache, via: 'yt-dlp' };
  return { comments, disabled: files.request.maxComments !== undefined && !Array.isArray(info.comments) };
}

/**
 * The API has no heatmap or chapters, and cannot tell a members-only or paid video from a public
 * one (a guidelines profile asks): take yt-dlp's.
 */
async function withInfoJson(comments: LoadedComments, infoJson: string, heatmap: boolean): Promise<LoadedComments> {
  const set = comments.commentSet;
  // without the heatmap signal a broken info JSON only means the API's word on availability stands
  const read = async () => commentSetFromInfoJson({ ...(await readInfo(infoJson)), comments: [] }, infoJson);
  const info = heatmap ? await read() : await read().catch(() => undefined);
  if (!info) return comments;
  const commentSet = { ...set, video: withAvailability(set.video, info.video) };
  if (!heatmap) return { ...comments, commentSet };
  if (!set.heatmap && info.heatmap) commentSet.heatmap = info.heatmap;
  if (!set.chapters && info.chapters) commentSet.chapters = info.chapters;
  return { ...comments, commentSet };
}

/** yt-dlp's availability where the API's says less (members-only and paid videos are "public" to it), and a stream's end the API did not give. */
function withAvailability(api: VideoMeta, ytdlp: VideoMeta): VideoMeta {
  const video = { ...api };
  if (ytdlp.availability && (!api.availability || api.availability === 'public')) video.availability = ytdlp.availability;
  if (!api.liveEndedAt && ytdlp.liveEndedAt) video.liveEndedAt = ytdlp.liveEndedAt;
  return video;
}

/** yt-dlp refused a video the API calls public because it is members-only (or private): a guidelines profile must see that. */
function withRefusedAvailability(comments: LoadedComments, error: unknown): LoadedComments {
  if (!(error instanceof YtDlpFailure) || !error.availability) return comments;
  const video = comments.commentSet.video;
  if (video.availability && video.availability !== 'public') return comments;
  return { ...comments, commentSet: { ...comments.commentSet, video: { ...video, availability: error.availability } } };
}

function validMax(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_COMMENTS;
  if (!Number.isInteger(value) || value < 1) {
    throw new KirinukiError('INVALID_ARGUMENT', `--max-comments must be a whole number ≥ 1, got ${value}.`);
  }
  return value;
}
