/**
 * What the app service returns to the UI: plain JSON values (they cross IPC and HTTP), with every
 * file the UI shows named as a MediaRef inside a project folder, never as a raw path to fetch.
 */
import type { ClipRecord } from '../export/clip-record.js';
import type { UploadText } from '../export/upload-text.js';
import type { PresetName } from '../export/presets.js';
import type { CropOption } from '../export/crop-modes.js';
import type { Moment, MomentSignals } from '../moments/types.js';
import type { SignalName } from '../moments/signal-names.js';
import type { Telop, TelopEdit } from '../telops/telop.js';
import type { TelopBand } from '../telops/telop-band.js';
import type { TelopStyle } from '../telops/telop-style.js';
import type { FramingOverride } from '../reframe/framing-modes.js';
import type { PreviewRun } from '../reframe/preview-layout.js';

// the one list of each lives with the export stage that owns it; the UI and contract use these
export { PRESET_NAMES, type PresetName } from '../export/presets.js';
export { CROP_MODES, type CropOption as CropMode } from '../export/crop-modes.js';
export { SIGNAL_NAMES, type SignalName } from '../moments/signal-names.js';

export const ANALYSIS_QUALITIES = ['fast', 'balanced', 'accurate'] as const;
export type AnalysisQuality = (typeof ANALYSIS_QUALITIES)[number];

/** A file inside `<projectsRoot>/<videoId>/`; each host turns it into a URL it can serve. */
export interface MediaRef {
  videoId: string;
  /** Path relative to the project folder, with forward slashes. */
  rel: string;
}

export interface SettingsView {
  apiKey: {
    set: boolean;
    /** Where the key in use comes from: the settings, or the YOUTUBE_API_KEY environment variable. */
    source: 'settings' | 'environment' | null;
    /** The last 4 characters only ("…f00d"): the key itself never reaches the UI. */
    hint: string | null;
    /** How the key is kept at rest (e.g. "a file readable only by you", "the system keychain"). */
    storage: string;
  };
  outputDir: string;
  analysisQuality: AnalysisQuality;
  defaultPreset: PresetName;
  /** The guidelines profile of each channel's exports: channel id or name → a shipped profile's name or a file. */
  guidelinesByChannel: Record<string, string>;
  /** The example profiles shipped in resources/guidelines (the user is responsible for the real rules). */
  guidelineProfiles: string[];
}

export interface ToolInfo {
  name: 'ffmpeg' | 'ffprobe' | 'yt-dlp';
  path: string | null;
  version: string | null;
  /** Why the tool is unusable, as a sentence with what to do. */
  problem: string | null;
}

export interface ProjectSummary {
  videoId: string;
  title: string;
  durationS: number;
  moments: number;
  hasVideo: boolean;
  updatedAt: string;
}

export interface MomentView extends Moment {
  /** `rank` is the rank as found: the stable id of the moment within its project. */
  enabled: boolean;
  /** True when the user moved its in or out point. */
  edited: boolean;
  /** True for a moment the user added by hand or split off (no comments found it). */
  added?: boolean;
  /** The evidence of each viewer signal that found the moment; `{}` for a moment of older projects. */
  signals: MomentSignals;
}

export interface ProjectView {
  videoId: string;
  source: string;
  title: string;
  durationS: number;
  channelTitle: string | null;
  commentsFetched: number;
  mentions: number;
  /** Comment mentions per bin over the whole video, for the timeline. */
  density: { binS: number; counts: number[] };
  heatmap: { start: number; end: number; value: number }[];
  /**
   * One strip per viewer signal the project has, on the video's time axis, in SIGNAL_NAMES order:
   * comment mentions, fresh reacting chatters (signals.json's chat curve), "most replayed", and
   * the captions' reaction tags. A project without signals.json has the comments lane alone.
   */
  lanes: SignalLane[];
  /** What the signals stage found beside the comments, and what it could not use (calm notes). */
  signals: SignalsView;
  moments: MomentView[];
  /** How many moment edits undo and redo can step through (undoMomentEdit). */
  momentHistory: { undo: number; redo: number };
  video: MediaRef | null;
  /** The video file's frames per second (frame nudges, frame-exact timecodes); null without a readable file. */
  fps: number | null;
  /** Why there are no moments (e.g. comments disabled), as a sentence, or null. */
  notice: string | null;
  hasPeople: boolean;
}

/** The timeline's picture of the video itself, made once per video file by core through ffmpeg. */
export interface TimelineMediaView {
  /** The loudest sample (0..1) per bin: `values[i]` covers `[i * binS, (i + 1) * binS)` seconds; null without sound. */
  waveform: { binS: number; values: number[] } | null;
  /** `count` frames side by side in one JPEG, frame `i` at `(i + 0.5) * durationS / count`; null when none could be made. */
  strip: { ref: MediaRef; count: number; frameWidth: number; frameHeight: number; durationS: number } | null;
  /** Why a part is missing, as sentences. */
  notes: string[];
}

/** One viewer signal over the whole video: `values[i]` covers `[i * binS, (i + 1) * binS)` seconds. */
export interface SignalLane {
  signal: SignalName;
  binS: number;
  /** Comments: mentions; chat: fresh reacting chatters; heatmap: replay share 0..1; captions: tags. */
  values: number[];
  /** What a full-height bar stands for (the largest value; 1 for the heatmap); always > 0. */
  max: number;
  /** Captions: each reaction tag at its time (e.g. `[笑い]`), drawn as a tick. */
  marks?: { t: number; label: string }[];
}

export interface SignalsView {
  chat: { messages: number; lagS: number; bursts: number } | null;
  captions: { tags: number } | null;
  /** Signals that could not be read or were not there (e.g. NO_CHAT_REPLAY), with why. */
  notes: { code: string; message: string }[];
}

export interface PersonView {
  id: string;
  name: string | null;
  hidden: boolean;
  totalS: number;
  appearances: [number, number][];
  thumbnail: MediaRef | null;
}

export interface PeopleView {
  videoId: string;
  analyzed: boolean;
  people: PersonView[];
  /** "person-5 may be person-2": people never on screen together whose faces are close, for a one-click merge. */
  suggestions: { from: string; into: string }[];
  /** How many people edits (rename, hide, merge) undo and redo can step through (undoPeopleEdit). */
  history: { undo: number; redo: number };
}

export interface ClipView extends Omit<ClipRecord, 'path' | 'key'> {
  file: MediaRef;
  /** Absolute path on the machine running the service, for "show in folder". */
  path: string;
  sizeBytes: number;
}

export interface ExportView {
  videoId: string;
  clips: ClipView[];
  folder: string;
  /** What the last export could not do and why (e.g. NO_SUBTITLES: made without telops). */
  notes: { code: string; message: string }[];
}

/** The settings of an export as the Export screen chooses them (remembered per project). */
export interface ExportSettingsView {
  preset: PresetName;
  crop: CropOption;
  perPerson: boolean;
  personIds: string[];
  caption: 'none' | 'speech' | 'top-comment' | 'both';
  maxLengthS: number | null;
}

/** One file of the clip library: a clip, the summary reel, or a person's reel. */
export interface ExportOutputView {
  kind: 'clip' | 'summary' | 'reel';
  file: MediaRef;
  /** Absolute path on the machine running the service. */
  path: string;
  /** The file name (what a download saves it as). */
  name: string;
  /** The clip's moment, or null for a reel. */
  moment: number | null;
  /** The moments a reel joins. */
  moments: number[];
  /** The person (their name when they have one), or null. */
  person: string | null;
  /** The clip's window in the video, null for a reel. */
  start: number | null;
  end: number | null;
  width: number;
  height: number;
  durationS: number;
  sizeBytes: number;
  /** ISO time the file was last written. */
  modifiedAt: string;
  /** A clip's title, description (source credit first) and tags: the user's edit when there is one; null for a reel. */
  upload: UploadText | null;
  /** The YouTube video a clip became (`publish`), or null. */
  published: PublishedView | null;
}

/** One export of the library: what it was asked for and the files it made or kept. */
export interface ExportEntryView {
  id: string;
  /** ISO time it finished. */
  at: string;
  settings: {
    preset: string;
    crop: string;
    captions: string;
    maxLengthS: number | null;
    fast: boolean;
    perPerson: boolean;
    /** Names (or ids) of the people asked for; empty: everyone. */
    persons: string[];
  };
  outputs: ExportOutputView[];
}

/** Every export of a project still on disk, newest first; a file shows under the newest export that made or kept it. */
export interface ExportLibraryView {
  videoId: string;
  folder: string;
  exports: ExportEntryView[];
  /** The settings of the project's last export from the app, to start the form with; null before the first. */
  settings: ExportSettingsView | null;
}

/** `saveExportAs`: Electron's save dialog copied the file (`path`); false when cancelled or in the browser. */
export interface SaveAsView {
  saved: boolean;
  path: string | null;
}

export type ChannelVideoStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface ChannelView {
  channel: { id: string; title: string } | null;
  state: 'running' | 'paused' | 'done' | 'stopped' | 'cancelled';
  videos: {
    id: string;
    title: string;
    status: ChannelVideoStatus;
    error: { code: string; message: string } | null;
    moments: number | null;
    clips: number | null;
  }[];
  quotaSpent: number;
  stopped: { code: string; message: string } | null;
}

export type OpenSourceView =
  | { kind: 'video'; project: ProjectView }
  | { kind: 'channel'; channel: string };

export interface RevealView {
  /** False when the host cannot open a file manager (the browser); the UI then shows `folder`. */
  revealed: boolean;
  folder: string;
}

/** One cue of the project's subtitles as the telop editor shows it: the user's edit applied. */
export interface TelopRowView {
  /** The cue's original start in video seconds: its name in `telop-edits.json`. */
  cueStart: number;
  /** In / out in video seconds and the text ("\n" a forced break), edited or as the file has them. */
  start: number;
  end: number;
  text: string;
  hidden: boolean;
  /** True when the user changed the cue (text, times or hidden). */
  edited: boolean;
}

/** The project's caption track, in a word. */
export interface SubtitlesView {
  /** The file's name (not its path). */
  name: string;
  lang: string | null;
  /** Words are timed (json3, VTT word tags): the telops highlight the word being said. */
  wordTimed: boolean;
  cues: number;
}

/** The telop editor of one moment: its cues, the telops a clip of it gets, and the style. */
export interface TelopsView {
  videoId: string;
  /** The moment's rank. */
  moment: number;
  /** The moment's window (the user's in/out applied), video seconds; telop times count from its start. */
  window: { start: number; end: number };
  /** The project's subtitles, or null when it has none (the app offers to load a file). */
  subtitles: SubtitlesView | null;
  rows: TelopRowView[];
  /** What a clip of the window shows, clip-relative seconds, lines broken for a 1080 px wide short. */
  telops: Telop[];
  /** The chosen style (the project's, else the default). */
  style: TelopStyle;
  styles: { name: string; label: string }[];
  /** The short's frame the telops are laid out for (1080 × 1920) and their band in it, in its pixels. */
  frame: { width: number; height: number };
  band: TelopBand;
}

/** What the project's `telop-edits.json` holds after a change. */
export interface TelopEditsView {
  videoId: string;
  style: string;
  edits: TelopEdit[];
}

/**
 * The portrait preview of one moment (the Video screen): the clip's window and how it is framed,
 * from the same planner and crop boxes the export renders, with the user's override.
 */
export interface FramingPreviewView {
  videoId: string;
  moment: number;
  /** The clip's window in video seconds (the moment capped by the preset, snapped to cues with telops); run times count from its start. */
  window: { start: number; end: number };
  source: { width: number; height: number };
  /** The export's frame (1080 × 1920 for the portrait presets). */
  output: { width: number; height: number };
  preset: PresetName;
  crop: CropOption;
  /** The captions and length cap planned with (the Export screen's remembered settings unless passed). */
  caption: 'none' | 'speech' | 'top-comment' | 'both';
  maxLengthS: number | null;
  /** The top comment's title card a clip of the moment draws (top-comment and both), or null. */
  topComment: string | null;
  /** The user's framing of this moment (`<project>/framing.json`), or null for the export's crop. */
  override: FramingOverride | null;
  runs: PreviewRun[];
  /** The people the camera can be told to follow (the People screen's, when faces were analysed). */
  people: { id: string; name: string }[];
}

/** A clip on YouTube (`publishClip`, and `planPublish` for a clip already there). */
export interface PublishedView {
  videoId: string;
  url: string;
  privacy: 'private' | 'unlisted' | 'public';
  /** ISO time a scheduled clip goes public. */
  publishAt: string | null;
  /** True when it was on YouTube before this call and nothing was sent. */
  alreadyPublished: boolean;
}

/** What Publish would do, for its confirm: the title, the quota it costs, whether a sign-in comes first. */
export interface PublishPlanView {
  title: string;
  /** 1 600 for a new upload, 0 when it resumes an interrupted one or is published already. */
  quotaUnits: number;
  dailyQuota: number;
  resuming: boolean;
  /** A refresh token is stored: no browser sign-in is needed first. */
  signedIn: boolean;
  published: PublishedView | null;
}

/** Settings → YouTube publishing: whose OAuth client is used and whether a sign-in is stored. */
export interface YoutubeAccountView {
  /** Where the OAuth client comes from ("KIRINUKI_OAUTH_CLIENT_ID", a file path), or null when there is none. */
  clientSource: string | null;
  /** The client id (public), to recognise it; never the secret. */
  clientId: string | null;
  signedIn: boolean;
  /** How the sign-in is kept at rest ("the system keychain (Electron safeStorage)"). */
  storage: string;
}
