/**
 * What the app service returns to the UI: plain JSON values (they cross IPC and HTTP), with every
 * file the UI shows named as a MediaRef inside a project folder, never as a raw path to fetch.
 */
import type { ClipRecord } from '../export/clip-record.js';
import type { PresetName } from '../export/presets.js';
import type { Moment, MomentSignals } from '../moments/types.js';
import type { SignalName } from '../moments/signal-names.js';
import type { Telop, TelopEdit } from '../telops/telop.js';
import type { TelopBand } from '../telops/telop-band.js';
import type { TelopStyle } from '../telops/telop-style.js';

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
  video: MediaRef | null;
  /** Why there are no moments (e.g. comments disabled), as a sentence, or null. */
  notice: string | null;
  hasPeople: boolean;
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
