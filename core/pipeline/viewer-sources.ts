import type { SubtitleTrack } from '../acquire/sidecar-files.js';
import type { SignalName } from '../moments/signal-names.js';

/** Something about a source that is worth saying but is not a failure (no chat replay, no captions). */
export interface SourceNote {
  /** A stable code, e.g. NO_CHAT_REPLAY, NO_SUBTITLES, COMMENTS_FROM_YTDLP. */
  code: string;
  message: string;
}

/**
 * The viewer-signal files of one video beside its comments, found before the run: a URL's are
 * fetched once by yt-dlp into the project, an .info.json's are the sidecars yt-dlp left next to
 * it, `--chat` / `--subs` name them explicitly.
 */
export interface ViewerSources {
  /** The signals asked for (`--signals`; all by default). */
  signals: SignalName[];
  /** A live-chat replay in yt-dlp's `.live_chat.json` format. */
  chat?: string;
  /** A subtitle file (.json3, .vtt or .srt): its reaction tags are a weak signal. */
  subs?: string;
  notes: SourceNote[];
}

/**
 * Absences that are normal (an upload has no chat replay), and what `--subs-lang` asked for (its
 * captions machine-translated): logged, kept in project.json, not in the result.
 */
const USUAL_ABSENCES = new Set(['COMMENTS_FROM_YTDLP', 'NO_CHAT_REPLAY', 'NO_SUBTITLES', 'NO_COMMENTS', 'SUBTITLES_TRANSLATED']);

/** The notes the `moments` / `clips` result carries: what went wrong, not what is simply not there. */
export const resultNotes = (notes: readonly SourceNote[] | undefined): SourceNote[] => (notes ?? []).filter((note) => !USUAL_ABSENCES.has(note.code));

/**
 * `--subs-lang` found no track of the uploader's in that language, only YouTube's auto-captions in
 * it: unless they are in the spoken language they are a machine translation, and the run says so
 * (note SUBTITLES_TRANSLATED) rather than pass them off as the uploader's. `what` is the URL or file.
 */
export function translatedSubtitlesNote(track: SubtitleTrack | undefined, what: string, subsLang: string | undefined): SourceNote | undefined {
  if (subsLang === undefined || track === undefined || track.uploader !== false || track.translated === false) return undefined;
  const how = track.translated === true && track.spoken !== undefined ? `machine-translated from ${track.spoken}` : 'which may be a machine translation';
  return {
    code: 'SUBTITLES_TRANSLATED',
    message: `--subs-lang ${subsLang}: ${what} has no subtitles in ${subsLang} from its uploader, so its captions are YouTube's auto-captions in ${track.language}, ${how}.`,
  };
}
