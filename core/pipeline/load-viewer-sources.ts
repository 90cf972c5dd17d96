import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findSidecarFiles, subtitleChoiceBeside, subtitleChoiceOfInfo, type SidecarFiles } from '../acquire/sidecar-files.js';
import { checkSubsLang } from '../acquire/viewer-files-arguments.js';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { readJsonFile } from '../fs/read-json.js';
import { SIGNAL_NAMES, type SignalName } from '../moments/signal-names.js';
import { loadCommentSet, type LoadCommentsOptions, type LoadedComments } from '../youtube/load-comment-set.js';
import { parseVideoSource } from '../youtube/parse-source.js';
import { commentSetFromInfoJson } from '../youtube/read-info-json.js';
import { youtubeIdInName } from '../youtube/youtube-id-in-name.js';
import { viewerFilesFromYoutube, type YtDlpLatch } from './viewer-files-from-youtube.js';
import { translatedSubtitlesNote, type SourceNote, type ViewerSources } from './viewer-sources.js';

export interface ViewerSourcesOptions extends LoadCommentsOptions {
  /** `--chat FILE`: a live-chat replay in yt-dlp's format (wins over sidecars and the fetch). */
  chatFile?: string;
  /** `--subs FILE`: a .json3, .vtt or .srt subtitle file (wins over sidecars and the fetch). */
  subsFile?: string;
  /**
   * `--subs-lang`: the captions in this language (the uploader's, else YouTube's auto-captions in
   * it, perhaps a machine translation) instead of the video's own, fetched or beside the source.
   */
  subsLang?: string;
  /** `--signals` (parseSignalList); every signal when undefined. */
  signals?: SignalName[];
  /** Telops are drawn: look for the subtitles even when `--signals` leaves the caption reactions out. */
  subtitles?: boolean;
  /** `--video FILE`: the files yt-dlp left beside it count as sidecars too (after the source's own). */
  videoFile?: string;
  /** Comments already in hand (the demo's generated set): nothing is loaded or fetched. */
  comments?: LoadedComments;
  /** yt-dlp executable; found with `findYtDlp()` when a fetch needs it. */
  ytdlp?: string;
  /** Shared by the videos of a batch: once yt-dlp is missing or offline, the later videos skip it. */
  ytdlpLatch?: YtDlpLatch;
  /** Told each note (no chat replay, comments read by yt-dlp, …) as a line. */
  log?: (line: string) => void;
}

export interface LoadedViewerSources {
  comments: LoadedComments;
  sources: ViewerSources;
}

const SUBTITLE_FILE = /\.(?:json3|vtt|srt)$/i;

/**
 * The one loader the plans call before a run: a video's comments (Data API, cached; or yt-dlp
 * without a key; or an offline file) and its viewer-signal files — `--chat` / `--subs` when
 * given, else the sidecars yt-dlp left beside an .info.json or a video, else for a YouTube video
 * ONE yt-dlp call into the project (none when cached). A missing chat or caption track is a note,
 * not a failure; a fetch that fails while the comments came from elsewhere is a note too.
 */
export async function loadViewerSources(source: string, options: ViewerSourcesOptions = {}): Promise<LoadedViewerSources> {
  throwIfAborted(options.signal);
  const subsLang = checkSubsLang(options.subsLang);
  const signals = options.signals ?? [...SIGNAL_NAMES];
  const wantSubs = signals.includes('captions') || options.subtitles === true;
  const explicit = explicitFiles(options, signals, wantSubs);
  if (options.comments) return { comments: options.comments, sources: { signals, ...explicit, notes: [] } };

  const parsed = parseVideoSource(source);
  const notes: SourceNote[] = [];
  let comments: LoadedComments | undefined;
  let sidecars: SidecarFiles = {};
  let youtubeId: string | undefined;
  let beside: string | undefined;

  switch (parsed.kind) {
    case 'info-json': {
      const info = await readInfo(parsed.path);
      // a `{video, threads}` file named .info.json is read as what it is
      const asFile = options.commentsFile !== undefined || Array.isArray(info.value.threads);
      comments = asFile ? await loadCommentSet(source, options) : infoComments(info, parsed.path, signals, notes);
      sidecars = await findSidecarFiles(parsed.path, subtitleChoiceOfInfo(info.value, subsLang));
      beside = parsed.path;
      break;
    }
    case 'comments-file':
      comments = await loadCommentSet(source, options);
      break;
    case 'file': {
      const siblingInfo = parsed.path.replace(/\.[^.\\/]+$/, '.info.json');
      const info = existsSync(siblingInfo) ? await readInfo(siblingInfo).catch(() => undefined) : undefined;
      sidecars = await findSidecarFiles(parsed.path, subtitleChoiceOfInfo(info?.value, subsLang));
      beside = parsed.path;
      const offline = options.commentsFile !== undefined || Array.isArray(info?.value.comments);
      youtubeId = offline ? undefined : youtubeIdInName(parsed.path);
      if (!youtubeId) comments = await loadCommentSet(source, options);
      break;
    }
    case 'video':
      youtubeId = parsed.videoId;
      if (options.commentsFile !== undefined) comments = await loadCommentSet(source, options);
      break;
  }
  if (options.videoFile !== undefined && (sidecars.chat === undefined || sidecars.subs === undefined)) {
    sidecars = { ...(await findSidecarFiles(options.videoFile, await subtitleChoiceBeside(options.videoFile, subsLang))), ...sidecars };
  }

  let chat = explicit.chat ?? (signals.includes('chat') ? sidecars.chat : undefined);
  let subs = explicit.subs ?? (wantSubs ? sidecars.subs : undefined);
  if (subs !== undefined && subs === sidecars.subs && beside !== undefined) {
    const note = translatedSubtitlesNote(sidecars.subsTrack, beside, subsLang);
    if (note) notes.push(note);
  }
  if (youtubeId !== undefined) {
    const fetched = await viewerFilesFromYoutube(youtubeId, source, comments, { ...options, subsLang, signals, need: { chat: chat === undefined, captions: subs === undefined } });
    comments = fetched.comments;
    chat ??= fetched.chat;
    subs ??= fetched.subs;
    notes.push(...fetched.notes);
  } else if (beside !== undefined) {
    if (signals.includes('chat') && chat === undefined) {
      notes.push({ code: 'NO_CHAT_REPLAY', message: `No live-chat replay beside ${beside} (yt-dlp names it "<name>.live_chat.json"; or pass --chat FILE): moments come from the other signals.` });
    }
    if (wantSubs && subs === undefined) {
      const lang = subsLang === undefined ? '<lang>' : subsLang;
      const inLang = subsLang === undefined ? '' : ` in ${subsLang} (--subs-lang)`;
      notes.push({ code: 'NO_SUBTITLES', message: `No subtitles${inLang} beside ${beside} ("<name>.${lang}.json3|vtt|srt"; or pass --subs FILE): no caption reactions.` });
    }
  }
  if (!comments) throw new KirinukiError('INTERNAL', `The comments of ${source} were not loaded.`);

  for (const note of notes) options.log?.(note.message);
  const sources: ViewerSources = { signals, notes };
  if (chat !== undefined) sources.chat = chat;
  if (subs !== undefined) sources.subs = subs;
  return { comments, sources };
}

/** `--chat` / `--subs`: each must be an existing file, and its signal one that is asked for. */
function explicitFiles(options: ViewerSourcesOptions, signals: SignalName[], wantSubs: boolean): { chat?: string; subs?: string } {
  const files: { chat?: string; subs?: string } = {};
  if (options.chatFile !== undefined) files.chat = requireFile('--chat', options.chatFile, signals.includes('chat') ? undefined : 'chat');
  if (options.subsFile !== undefined) {
    files.subs = requireFile('--subs', options.subsFile, wantSubs ? undefined : 'captions');
    if (!SUBTITLE_FILE.test(files.subs)) {
      throw new KirinukiError('INVALID_ARGUMENT', `--subs ${options.subsFile}: give a .json3, .vtt or .srt subtitle file (yt-dlp --write-subs --sub-format json3 writes one).`);
    }
  }
  return files;
}

function requireFile(flag: string, path: string, leftOut: string | undefined): string {
  const full = resolve(path);
  if (leftOut !== undefined) {
    throw new KirinukiError('INVALID_ARGUMENT', `${flag} ${path} was given but --signals leaves out ${leftOut}: add ${leftOut} to --signals or drop ${flag}.`);
  }
  let isFile: boolean;
  try {
    isFile = statSync(full).isFile();
  } catch {
    throw new KirinukiError('FILE_NOT_FOUND', `${flag} ${path}: there is no such file (${full}).`);
  }
  if (!isFile) throw new KirinukiError('INVALID_ARGUMENT', `${flag} ${path} is a folder, not a file.`);
  return full;
}

interface InfoJson {
  value: Record<string, unknown>;
}

async function readInfo(path: string): Promise<InfoJson> {
  const value = (await readJsonFile(path)) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return { value: {} };
  return { value };
}

/**
 * The comments of an .info.json; one written without `--write-comments` still gives the video,
 * its heatmap and chapters to the other signals, with a note (only a comments-only run needs them).
 */
function infoComments(info: InfoJson, path: string, signals: SignalName[], notes: SourceNote[]): LoadedComments {
  const has = Array.isArray(info.value.comments);
  const onlyComments = signals.length === 1 && signals[0] === 'comments';
  const commentSet = commentSetFromInfoJson(has || onlyComments ? info.value : { ...info.value, comments: [] }, path);
  if (!has && signals.includes('comments')) {
    notes.push({ code: 'NO_COMMENTS', message: `${path} holds no comments (yt-dlp writes them with --write-comments): moments come from the other signals.` });
  }
  return { commentSet, commentsFetched: commentSet.comments.length, apiRequests: 0, fromCache: false };
}
