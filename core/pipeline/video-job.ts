import type { AcquiredVideo } from '../acquire/video-sections.js';
import type { CropOption } from '../export/crop-modes.js';
import type { ExportClipsResult } from '../export/export-clips.js';
import type { FaceSettings } from '../faces/face-options.js';
import type { VideoFaces } from '../faces/faces-for-video.js';
import type { FindMomentsOptions } from '../moments/moments-options.js';
import type { Moment, MomentsResult } from '../moments/types.js';
import type { ReframeLayout } from '../reframe/reframe-layouts.js';
import type { ViewerSignals } from '../moments/viewer-signals.js';
import type { SourceNote, ViewerSources } from './viewer-sources.js';
import type { LoadedComments } from '../youtube/load-comment-set.js';
import type { CaptionMode, MusicTags } from '../telops/telop.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';

/** Where the video's pixels come from. */
export interface VideoInput {
  /** A local copy (`--video`, the source itself, `--video-dir`, the app's attached file). */
  videoFile?: string;
  /** What yt-dlp downloads when there is no local file. */
  downloadUrl?: string;
  fullDownload?: boolean;
  /** Why there is no file, when there must be one (e.g. `--video-dir` without this video). */
  missing?: string;
}

/** How the faces stage looks: at the clip windows (exports), or at a stretch of the video (`faces`). */
export type FacesScope = { kind: 'clips' } | { kind: 'range'; from?: number; to?: number };

export interface FacesSettings extends FaceSettings {
  scope: FacesScope;
  /** Analyse again even when `faces.json` matches. */
  reanalyse?: boolean;
}

export interface ClipSettings {
  preset: string;
  crop?: CropOption;
  /** `--layout` of the follow camera (default `auto`: face-cam on top of the content when one is found, two people far apart stacked). */
  layout?: ReframeLayout;
  /**
   * `--captions`: telops of what is said (`speech`, from the video's subtitles), the top comment
   * as a title card, `both`, or `none` (default).
   */
  captions?: CaptionMode;
  /** The older spelling of `captions: 'top-comment'` (`--caption top-comment`, the app's first export screen). */
  caption?: 'top-comment';
  /** `--caption-style`: a telop style name; default the one chosen in the app, else the default style. */
  captionStyle?: string;
  /** `--music-tags`: drop [音楽]/[Music] (default) or show them as ♪. */
  musicTags?: MusicTags;
  fast?: boolean;
  /** How many of the best moments to export. */
  top?: number;
  maxLength?: number;
  /** Per-person exports: one clip per person and moment, a reel each. */
  perPerson?: boolean;
  /** Only these people (ids or names); implies perPerson. */
  persons?: string[];
  /** Per-person clips named by the person's name (channel: people known across videos). */
  namedPeople?: boolean;
  /** The moments to export instead of the ranked ones (the app's edited and enabled moments). */
  moments?: Moment[];
  /** A sub-folder of the project for this export (the demo's per-person clips). */
  folder?: string;
  /** `--guidelines`: the profile checked before the video is acquired (its `maxClipS` already in `maxLength`). */
  guidelines?: GuidelinesProfile;
  /** `--credit`: burn the source's channel and title into every clip. */
  credit?: boolean;
}

/** A per-person export: asked for, or implied by naming people. */
export const isPerPerson = (clips: ClipSettings): boolean => clips.perPerson === true || (clips.persons?.length ?? 0) > 0;

/**
 * One video through the pipeline: its settings, then the results of each stage as it runs or
 * is reused, read by the stages after it.
 */
export interface VideoJob {
  root: string;
  videoId: string;
  /** Comments loaded before the run (their cache is the comments stage's own storage). */
  comments?: LoadedComments;
  /** The viewer-signal files found before the run (chat replay, subtitles) and the notes about them. */
  sources?: ViewerSources;
  /** The subtitle file telops are read from when the sources did not find one (the app's project track). */
  subtitles?: string;
  moments?: MomentsResult;
  momentsOptions?: FindMomentsOptions;
  /** The chat's bursts and the captions' reaction tags (the signals stage), fused by the moments stage. */
  viewerSignals?: ViewerSignals;
  /** What the signals stage could not use, and why (e.g. NO_CHAT_REPLAY): part of the moments result. */
  signalNotes?: SourceNote[];
  input?: VideoInput;
  video?: AcquiredVideo;
  faces?: FacesSettings;
  found?: VideoFaces;
  clips?: ClipSettings;
  exported?: ExportClipsResult;
  /** The channel's projects root when people are matched across a channel's videos. */
  channelOut?: string;
}
