import { readCaptions } from '../captions/read-captions.js';
import { toErrorPayload } from '../errors.js';
import { captionMode, showsTelops, type ExportTelops } from '../export/clip-telops.js';
import { fileIdentity, fingerprint } from '../project/fingerprint.js';
import { projectDir } from '../project/project-dir.js';
import { readTelopEdits } from '../telops/telop-edits.js';
import type { CaptionMode, MusicTags, TelopEditsFile } from '../telops/telop.js';
import { DEFAULT_TELOP_STYLE, TELOP_STYLE_NAMES, telopStyle } from '../telops/telop-style.js';
import type { VideoJob } from './video-job.js';
import type { SourceNote } from './viewer-sources.js';

/** What an export draws as telops, read once per run. */
export interface JobTelops {
  mode: CaptionMode;
  /** Set when telops are drawn and the video has a readable caption track. */
  telops?: ExportTelops;
  /** What the export's fingerprint takes from them: the subtitle file, the edits, the style. */
  identity: unknown;
  /** NO_SUBTITLES (or why the track could not be read) when telops were asked for and none can be drawn. */
  notes: SourceNote[];
}

/** A subtitle file that is gone or unreadable leaves the clips without telops, as no file does. */
const UNUSABLE_TRACK = new Set(['FILE_NOT_FOUND', 'SUBTITLES_UNREADABLE']);

const loaded = new WeakMap<VideoJob, Promise<JobTelops>>();

/**
 * The caption track, style, music option and the user's telop edits of a job's export, read
 * once (the clip windows, the faces, the download and the export all ask). The track is the one
 * the viewer sources found (`--subs FILE`, a sidecar, yt-dlp's `-orig` json3) or the project's
 * (`job.subtitles`). No track is a note, not a failure: the clips are made without telops.
 */
export function telopsOfJob(job: VideoJob): Promise<JobTelops> {
  let telops = loaded.get(job);
  if (!telops) {
    telops = readJobTelops(job);
    loaded.set(job, telops);
  }
  return telops;
}

function readJobTelops(job: VideoJob): Promise<JobTelops> {
  const clips = job.clips;
  return readTelops({
    mode: clips ? captionMode(clips) : 'none',
    captionStyle: clips?.captionStyle,
    musicTags: clips?.musicTags,
    subs: job.subtitles ?? job.sources?.subs,
    projectDir: projectDir(job.root, job.videoId),
    what: job.videoId,
  });
}

export interface ReadTelopsRequest {
  mode: CaptionMode;
  captionStyle?: string;
  musicTags?: MusicTags;
  /** The subtitle file, when one was found. */
  subs?: string;
  /** The project whose `telop-edits.json` applies. */
  projectDir: string;
  /** The video, in words, for the note. */
  what: string;
}

/** The track, style, music option and edits for a captions mode (`reframe` and the export share it). */
export async function readTelops(request: ReadTelopsRequest): Promise<JobTelops> {
  const { mode, subs } = request;
  if (!showsTelops(mode)) return { mode, identity: null, notes: [] };
  const edits = await readTelopEdits(request.projectDir);
  const style = styleName(request.captionStyle, edits);
  const music = request.musicTags ?? 'drop';
  const settings = { style: telopStyle(style), music, edits: fingerprint(edits.edits) };
  if (subs === undefined) {
    const message = `No subtitles for ${request.what} (a "<name>.<lang>.json3|vtt|srt" beside the video, YouTube's captions, or --subs FILE): made without telops.`;
    return { mode, identity: { ...settings, subs: null }, notes: [{ code: 'NO_SUBTITLES', message }] };
  }
  try {
    const track = await readCaptions(subs);
    const telops: ExportTelops = { track, style, music, ...(edits.edits.length > 0 ? { edits: edits.edits } : {}) };
    return { mode, telops, identity: { ...settings, subs: await fileIdentity(subs) }, notes: [] };
  } catch (error) {
    const payload = toErrorPayload(error);
    if (!UNUSABLE_TRACK.has(payload.code)) throw error;
    const message = `${payload.message} Made without telops.`;
    return { mode, identity: { ...settings, subs, unreadable: payload.code }, notes: [{ code: payload.code, message }] };
  }
}

/** `--caption-style`, else the style picked in the app (when it still exists), else the default. */
function styleName(asked: string | undefined, edits: TelopEditsFile): string {
  if (asked !== undefined) return asked;
  const picked = edits.style;
  return picked !== undefined && TELOP_STYLE_NAMES.includes(picked) ? picked : DEFAULT_TELOP_STYLE;
}
