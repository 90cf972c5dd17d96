/**
 * The one contract between the UI and the app: method names, zod schemas for their arguments and
 * their result types. The app service implements it, the IPC host (electron/) and the HTTP host
 * (core/serve/) validate every call with these schemas, and the renderer's `window.kirinuki` type
 * is derived from it, so adding or changing a method shows up on every side at once.
 * Pure types and zod only: the renderer type-checks this file as browser code.
 */
import { z } from 'zod';
import type { ErrorPayload } from '../errors.js';
import type { Progress, StageOptions } from '../progress.js';
import {
  ANALYSIS_QUALITIES,
  CROP_MODES,
  PRESET_NAMES,
  SIGNAL_NAMES,
  type ChannelView,
  type ExportLibraryView,
  type ExportSettingsView,
  type ExportView,
  type MediaRef,
  type OpenSourceView,
  type PeopleView,
  type ProjectSummary,
  type ProjectView,
  type PublishedView,
  type PublishPlanView,
  type YoutubeAccountView,
  type RevealView,
  type SaveAsView,
  type SettingsView,
  type SignalLane,
  type SubtitlesView,
  type TelopEditsView,
  type FramingPreviewView,
  type TelopsView,
  type TimelineMediaView,
  type ToolInfo,
} from './views.js';
import { CAPTION_MODES } from '../telops/telop.js';
import { FRAMING_MODES } from '../reframe/framing-modes.js';
import { uploadTextSchema } from '../export/upload-text-schema.js';

export interface MethodSpec<A extends z.ZodType, R> {
  args: A;
  /** Long methods report progress events under the caller's jobId and can be cancelled. */
  long: boolean;
  /** Phantom: carries the result type only. */
  result?: R;
}

function method<R>() {
  return <A extends z.ZodType>(args: A, options: { long?: boolean } = {}): MethodSpec<A, R> => ({
    args,
    long: options.long ?? false,
  });
}

const none = z.strictObject({});
/** A project folder name: a YouTube id or a derived local id; never a path. */
export const videoIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}$/, 'must be a video id (letters, digits, _ - .)');
const personId = z.string().min(1).max(100);
const mediaRefSchema = z.strictObject({ videoId: videoIdSchema, rel: z.string().min(1).max(1000) });
const seconds = z.number().finite().min(0).max(60 * 60 * 48);

/**
 * A timeline lane of ProjectView, checked by the app service before it leaves (its numbers come
 * from files other stages write): finite, non-negative values and a positive scale.
 */
export const signalLaneSchema: z.ZodType<SignalLane> = z.strictObject({
  signal: z.enum(SIGNAL_NAMES),
  binS: z.number().finite().positive(),
  values: z.array(z.number().finite().min(0)).max(2000),
  max: z.number().finite().positive(),
  marks: z.array(z.strictObject({ t: seconds, label: z.string().max(200) })).max(1000).optional(),
});

/** A change to one cue of the subtitles (core/telops' TelopEdit): absent fields stay as they are. */
const telopEditSchema = z
  .strictObject({
    cueStart: seconds,
    text: z.string().max(500).optional(),
    start: seconds.optional(),
    end: seconds.optional(),
    hidden: z.boolean().optional(),
  })
  .refine((e) => e.start === undefined || e.end === undefined || e.start < e.end, {
    message: 'start must be before end',
    path: ['start'],
  });

export const APP_CONTRACT = {
  getSettings: method<SettingsView>()(none),
  saveSettings: method<SettingsView>()(
    z.strictObject({
      /** A new key, or null to forget the stored one; absent leaves it unchanged. */
      apiKey: z.string().trim().max(200).nullable().optional(),
      outputDir: z.string().trim().min(1).max(1000).optional(),
      analysisQuality: z.enum(ANALYSIS_QUALITIES).optional(),
      defaultPreset: z.enum(PRESET_NAMES).optional(),
      /** Channel id or name → guidelines profile (a shipped name or a file path); the whole map. */
      guidelinesByChannel: z
        .record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(1000))
        .refine((map) => Object.keys(map).length <= 200, 'at most 200 channels')
        .optional(),
    }),
  ),
  detectTools: method<ToolInfo[]>()(none),
  listProjects: method<ProjectSummary[]>()(none),
  openSource: method<OpenSourceView>()(
    z.strictObject({ source: z.string().trim().min(1).max(2000), refresh: z.boolean().optional() }),
    { long: true },
  ),
  openProject: method<ProjectView>()(z.strictObject({ videoId: videoIdSchema })),
  chooseVideoFile: method<{ path: string | null }>()(none),
  /**
   * Makes a chosen or uploaded file the project's video, replacing any attached before. A file whose
   * duration differs from the video's by more than 2 s is refused with VIDEO_MISMATCH (naming both)
   * unless `confirmMismatch` says the user saw that and wants it anyway.
   */
  attachVideo: method<ProjectView>()(
    z.strictObject({
      videoId: videoIdSchema,
      path: z.string().trim().min(1).max(4000),
      confirmMismatch: z.boolean().optional(),
    }),
    { long: true },
  ),
  /** The project forgets its video file (the moments and edits stay); under the project's run lock. */
  detachVideo: method<ProjectView>()(z.strictObject({ videoId: videoIdSchema })),
  /** Electron's file dialog for a comments (`{video, threads}` / .info.json) or a .live_chat.json file; the browser uploads one. */
  chooseViewerFile: method<{ path: string | null }>()(z.strictObject({ kind: z.enum(['comments', 'chat']) })),
  /**
   * Loads a chosen or uploaded comments or live-chat file into the project (a local video without
   * comments, mostly) and finds the moments again with it; never a typed path.
   */
  loadViewerFile: method<ProjectView>()(
    z.strictObject({ videoId: videoIdSchema, kind: z.enum(['comments', 'chat']), file: z.string().trim().min(1).max(4000) }),
  ),
  downloadVideo: method<ProjectView>()(
    z.strictObject({
      videoId: videoIdSchema,
      /** What yt-dlp downloads; default the video's YouTube watch page. */
      url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    }),
    { long: true },
  ),
  editMoment: method<ProjectView>()(
    z
      .strictObject({
        videoId: videoIdSchema,
        rank: z.number().int().positive(),
        start: seconds.optional(),
        end: seconds.optional(),
        enabled: z.boolean().optional(),
        reset: z.boolean().optional(),
        /** Join the moments the new window overlaps into this one instead of refusing (MOMENTS_OVERLAP). */
        merge: z.boolean().optional(),
      })
      .refine((a) => a.start === undefined || a.end === undefined || a.start < a.end, {
        message: 'start must be before end',
        path: ['start'],
      }),
  ),
  /** A moment added by hand over [start, end]; refused when shorter than 0.5 s, or overlapping another (MOMENTS_OVERLAP) unless `merge` joins them. */
  addMoment: method<ProjectView>()(
    z
      .strictObject({ videoId: videoIdSchema, start: seconds, end: seconds, merge: z.boolean().optional() })
      .refine((a) => a.start < a.end, { message: 'start must be before end', path: ['start'] }),
  ),
  /** Cuts a moment in two at `at`: it keeps [start, at], a new moment gets [at, end]. */
  splitMoment: method<ProjectView>()(z.strictObject({ videoId: videoIdSchema, rank: z.number().int().positive(), at: seconds })),
  deleteMoment: method<ProjectView>()(z.strictObject({ videoId: videoIdSchema, rank: z.number().int().positive() })),
  /** The video's waveform and thumbnail strip for the timeline (made through ffmpeg the first time, then cached in the project). */
  getTimelineMedia: method<TimelineMediaView>()(z.strictObject({ videoId: videoIdSchema })),
  /** Steps the moment edits (edit, add, split, delete) back one, or forward one with `redo`. */
  undoMomentEdit: method<ProjectView>()(z.strictObject({ videoId: videoIdSchema, redo: z.boolean().optional() })),
  /** The selected moment's cues as editable rows, the telops a clip of it shows, and the style. */
  getTelops: method<TelopsView>()(z.strictObject({ videoId: videoIdSchema, moment: z.number().int().positive() })),
  /** Saved in `<project>/telop-edits.json`; every later export uses it. */
  saveTelopEdit: method<TelopEditsView>()(z.strictObject({ videoId: videoIdSchema, edit: telopEditSchema })),
  resetTelopEdit: method<TelopEditsView>()(z.strictObject({ videoId: videoIdSchema, cueStart: seconds })),
  setTelopStyle: method<TelopEditsView>()(z.strictObject({ videoId: videoIdSchema, style: z.string().trim().min(1).max(100) })),
  /**
   * The portrait preview of a moment: its clip window and framing per run (the export's planner,
   * computed on demand and cached in the project, no encode). The export settings default to the
   * preset of the settings, `follow` and no telops.
   */
  previewFraming: method<FramingPreviewView>()(
    z.strictObject({
      videoId: videoIdSchema,
      moment: z.number().int().positive(),
      preset: z.enum(PRESET_NAMES).optional(),
      crop: z.enum(CROP_MODES).optional(),
      caption: z.enum(CAPTION_MODES).optional(),
      maxLengthS: z.number().finite().min(1).max(180).nullable().optional(),
    }),
  ),
  /** The user's framing of a moment, saved in `<project>/framing.json` (`auto` clears it); every later export honours it. Returns the new preview. */
  saveFraming: method<FramingPreviewView>()(
    z.strictObject({
      videoId: videoIdSchema,
      moment: z.number().int().positive(),
      override: z.strictObject({
        mode: z.enum(FRAMING_MODES),
        person: personId.optional(),
        x: z.number().finite().min(0).max(1).optional(),
      }),
      preset: z.enum(PRESET_NAMES).optional(),
      crop: z.enum(CROP_MODES).optional(),
      caption: z.enum(CAPTION_MODES).optional(),
      maxLengthS: z.number().finite().min(1).max(180).nullable().optional(),
    }),
  ),
  /** Electron's file dialog for a subtitle file; the browser uploads one instead (POST /upload). */
  chooseSubtitleFile: method<{ path: string | null }>()(none),
  /** Makes a chosen or uploaded .json3/.vtt/.srt file the project's subtitles (never a typed path). */
  attachSubtitles: method<SubtitlesView>()(
    z.strictObject({ videoId: videoIdSchema, file: z.string().trim().min(1).max(4000) }),
  ),
  getPeople: method<PeopleView>()(z.strictObject({ videoId: videoIdSchema })),
  analyzeFaces: method<PeopleView>()(z.strictObject({ videoId: videoIdSchema }), { long: true }),
  renamePerson: method<PeopleView>()(
    z.strictObject({ videoId: videoIdSchema, personId, name: z.string().trim().min(1).max(100) }),
  ),
  mergePeople: method<PeopleView>()(
    z.strictObject({ videoId: videoIdSchema, into: personId, from: z.array(personId).min(1).max(100) }),
  ),
  hidePerson: method<PeopleView>()(
    z.strictObject({ videoId: videoIdSchema, personId, hidden: z.boolean() }),
  ),
  /** Steps back (or, with redo, forward) one rename / hide / merge of the People screen. */
  undoPeopleEdit: method<PeopleView>()(z.strictObject({ videoId: videoIdSchema, redo: z.boolean().optional() })),
  exportClips: method<ExportView>()(
    z.strictObject({
      videoId: videoIdSchema,
      preset: z.enum(PRESET_NAMES),
      crop: z.enum(CROP_MODES),
      perPerson: z.boolean(),
      personIds: z.array(personId).max(100),
      caption: z.enum(CAPTION_MODES),
      maxLengthS: z.number().finite().min(1).max(180).nullable(),
    }),
    { long: true },
  ),
  /** The Export screen's settings as the user changes them (absent fields stay), remembered per project: the portrait preview plans with them. */
  saveExportSettings: method<ExportSettingsView>()(
    z.strictObject({
      videoId: videoIdSchema,
      preset: z.enum(PRESET_NAMES).optional(),
      crop: z.enum(CROP_MODES).optional(),
      perPerson: z.boolean().optional(),
      personIds: z.array(personId).max(100).optional(),
      caption: z.enum(CAPTION_MODES).optional(),
      maxLengthS: z.number().finite().min(1).max(180).nullable().optional(),
    }),
  ),
  listClips: method<ExportView>()(z.strictObject({ videoId: videoIdSchema })),
  /** The clip library: every export of the project still on disk (clips, reels, summary), newest first. */
  listExports: method<ExportLibraryView>()(z.strictObject({ videoId: videoIdSchema })),
  /**
   * Deletes one file of the clip library (a clip or reel an export made, never another project
   * file) and its record in `exports.json`, under the project's run lock; returns the library.
   */
  deleteExport: method<ExportLibraryView>()(z.strictObject({ file: mediaRefSchema })),
  /**
   * The user's title, description and tags of one clip (within YouTube's limits), under the
   * project's run lock: kept for later exports of the same clip, written to its .upload.txt and the
   * manifest; returns the library.
   */
  saveClipUpload: method<ExportLibraryView>()(z.strictObject({ file: mediaRefSchema, upload: uploadTextSchema })),
  /** The OAuth client publishing signs in with and whether a sign-in is stored. */
  getYoutubeAccount: method<YoutubeAccountView>()(none),
  /**
   * Keeps the user's OAuth client (a "Desktop app" client's id and secret from Google Cloud) in the
   * config folder, 0600, as Google's client JSON; `signOut` deletes the stored sign-in.
   */
  saveYoutubeAccount: method<YoutubeAccountView>()(
    z.strictObject({
      clientId: z.string().trim().min(1).max(300).regex(/^[\w.-]+$/, 'must be a client id (…apps.googleusercontent.com)').optional(),
      clientSecret: z.string().trim().min(1).max(300).optional(),
      signOut: z.boolean().optional(),
    }).refine((a) => (a.clientId === undefined) === (a.clientSecret === undefined), { message: 'give both the client id and the client secret', path: ['clientSecret'] }),
  ),
  /** What publishing a clip would do (its title, the quota it costs, a sign-in first?), before any request. */
  planPublish: method<PublishPlanView>()(z.strictObject({ file: mediaRefSchema })),
  /**
   * Uploads a clip to YouTube (a resumable upload through the user's own OAuth client), signing in
   * through the system browser first when no sign-in is stored; a published clip is never sent again.
   */
  publishClip: method<PublishedView>()(
    z.strictObject({
      file: mediaRefSchema,
      privacy: z.enum(['private', 'unlisted', 'public']),
      /** ISO time with a zone: scheduled, private until then. */
      at: z.string().trim().min(1).max(40).optional(),
      madeForKids: z.boolean(),
    }),
    { long: true },
  ),
  /** Electron: a save dialog, then a copy of the exported file there; the browser downloads (`downloadUrl`) instead. */
  saveExportAs: method<SaveAsView>()(z.strictObject({ file: mediaRefSchema })),
  runChannel: method<ChannelView>()(
    z.strictObject({
      channel: z.string().trim().min(1).max(2000),
      limit: z.number().int().min(1).max(5000).nullable(),
      momentsOnly: z.boolean(),
    }),
    { long: true },
  ),
  /** The jobs of the app service, running and recently finished, newest first; by project if asked. */
  listJobs: method<JobView[]>()(z.strictObject({ videoId: videoIdSchema.optional() })),
  /** One job by id (running or among the recently finished), or null when the service does not know it. */
  getJob: method<JobView | null>()(z.strictObject({ jobId: z.string().min(1).max(100) })),
  cancelJob: method<{ cancelled: boolean }>()(z.strictObject({ jobId: z.string().min(1).max(100) })),
  pauseJob: method<{ paused: boolean }>()(z.strictObject({ jobId: z.string().min(1).max(100) })),
  revealFile: method<RevealView>()(z.strictObject({ file: mediaRefSchema })),
  openExternal: method<{ opened: boolean }>()(z.strictObject({ url: z.url().max(2000) })),
} as const;

export type AppContract = typeof APP_CONTRACT;
export type MethodName = keyof AppContract;
export type MethodArgs<M extends MethodName> = z.input<AppContract[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<AppContract[M]['args']>;
export type MethodResult<M extends MethodName> =
  AppContract[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

export const METHOD_NAMES = Object.keys(APP_CONTRACT) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(APP_CONTRACT, value);
}

/** Every call resolves to an outcome: errors cross the boundary as `{code, message}` values. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export interface CallOptions {
  /** Chosen by the caller so it can follow progress and cancel before the call returns. */
  jobId?: string;
}

/** Progress of a long call; `item` is the current clip or video of a multi-item job. */
export interface AppProgress extends Progress {
  item?: { index: number; count: number; fraction: number; label?: string };
  channel?: ChannelView;
}

/** The long methods: each call runs as a job owned by the app service, not by the caller. */
export const JOB_KINDS = ['openSource', 'attachVideo', 'downloadVideo', 'analyzeFaces', 'exportClips', 'runChannel', 'publishClip'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = 'running' | 'done' | 'failed' | 'cancelled' | 'paused';

export function isJobKind(value: unknown): value is JobKind {
  return (JOB_KINDS as readonly unknown[]).includes(value);
}

/**
 * One job as the app service keeps it: what it is, its state, its latest progress and, once it
 * ended, its result or error. Every tab (and the Electron window) reads the same view.
 */
export type JobView = {
  [K in JobKind]: {
    jobId: string;
    kind: K;
    /** The project the job works on, when its arguments name one. */
    videoId: string | null;
    state: JobState;
    /** ISO times. */
    startedAt: string;
    endedAt: string | null;
    /** The last progress event of the job, null before the first. */
    progress: AppProgress | null;
    /** What its method returned, once it is done. */
    result: MethodResult<K> | null;
    error: ErrorPayload | null;
    /** Grows with every change of any job: of two views of one job, the higher is the newer. */
    seq: number;
  };
}[JobKind];

export type AppEvent =
  | ({ type: 'progress'; jobId: string } & AppProgress)
  /** The job's whole view, sent when it starts and when it ends (before its `job` state event). */
  | { type: 'job-update'; jobId: string; job: JobView }
  | { type: 'job'; jobId: string; state: JobState };

export interface CallContext extends StageOptions {
  jobId: string | null;
  signal: AbortSignal;
  onProgress: (progress: AppProgress) => void;
  /** Set when the user paused the job (the signal is aborted too): stop cleanly, keep state. */
  paused: () => boolean;
}

/** What the app service implements, method by method. */
export type AppService = {
  [M in MethodName]: (args: ParsedArgs<M>, context: CallContext) => Promise<MethodResult<M>>;
};

/** The renderer's `window.kirinuki`: one function per method plus events and media URLs. */
export type KirinukiApi = {
  [M in MethodName]: (args: MethodArgs<M>, options?: CallOptions) => Promise<Outcome<MethodResult<M>>>;
} & {
  host: 'electron' | 'browser';
  onEvent: (listener: (event: AppEvent) => void) => () => void;
  mediaUrl: (ref: MediaRef) => string;
  /** Browser only: a URL that downloads the project file under its own name (`GET /download/...`). */
  downloadUrl?: (ref: MediaRef) => string;
  /**
   * Browser only: called each time the event stream (re)connects, when events may have been
   * missed, so the UI reads the jobs again (listJobs) and then follows the events.
   */
  onConnect?: (listener: () => void) => () => void;
  /** Electron only: the path of a file dropped on the window (a DOM File). */
  pathForFile?: (file: unknown) => string;
};
