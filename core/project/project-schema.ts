import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';

/** Bumped when project.json changes incompatibly; a file with a higher number is PROJECT_TOO_NEW. */
export const PROJECT_SCHEMA_VERSION = 1;

export const STAGE_NAMES = ['comments', 'signals', 'moments', 'acquire', 'faces', 'people', 'export'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

const errorPayloadSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const stageStateSchema = z.object({
  status: z.enum(['complete', 'failed']),
  /** Hash of the stage's inputs: a re-run with the same fingerprint skips a complete stage. */
  fingerprint: z.string(),
  completedAt: z.string(),
  error: errorPayloadSchema.optional(),
});

const videoMetaSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  durationS: z.number(),
  channelId: z.string().optional(),
  channelTitle: z.string().optional(),
  publishedAt: z.string().optional(),
});

const momentSchema = z.looseObject({
  rank: z.number(),
  start: z.number(),
  end: z.number(),
  peak: z.number(),
  score: z.number(),
  mentions: z.number(),
  comments: z.array(
    z.looseObject({ id: z.string(), text: z.string(), likes: z.number(), t: z.number() }),
  ),
});

const identitySchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  hidden: z.boolean().optional(),
  appearances: z.array(z.tuple([z.number(), z.number()])),
  totalS: z.number(),
  thumbnail: z.string().nullable().optional(),
  /** 128-d face descriptor, used to match this identity against the channel's people. */
  descriptor: z.array(z.number()).optional(),
  /** The channel-wide person this identity was matched to (people.json). */
  personId: z.string().optional(),
});

const clipSchema = z.looseObject({
  path: z.string(),
  moment: z.number(),
  person: z.string().nullable().optional(),
  start: z.number(),
  end: z.number(),
  width: z.number(),
  height: z.number(),
  durationS: z.number(),
});

export const projectSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  videoId: z.string().min(1),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  video: videoMetaSchema.optional(),
  commentsFetched: z.number().optional(),
  mentions: z.number().optional(),
  moments: z.array(momentSchema).optional(),
  videoFile: z.string().optional(),
  acquired: z
    .object({
      origin: z.enum(['local', 'download', 'download-sections']),
      sections: z.array(z.object({ path: z.string(), start: z.number(), end: z.number().nullable() })),
    })
    .optional(),
  identities: z.array(identitySchema).optional(),
  clips: z.array(clipSchema).optional(),
  stages: z.partialRecord(z.enum(STAGE_NAMES), stageStateSchema),
});

export type StageState = z.infer<typeof stageStateSchema>;

/** The video's metadata as the moments stage found it (the same shape as core/youtube's VideoMeta). */
export interface ProjectVideo {
  id: string;
  title: string;
  durationS: number;
  channelId?: string;
  channelTitle?: string;
  publishedAt?: string;
}

/** One ranked moment (the same shape as core/moments' Moment: the project imports no stage). */
export interface ProjectMoment {
  rank: number;
  start: number;
  end: number;
  peak: number;
  score: number;
  mentions: number;
  comments: { id: string; text: string; likes: number; t: number }[];
  /** Why the moment was chosen, per signal (core/moments' MomentSignals, kept as written). */
  signals?: {
    comments?: { mentions: number; authors: number };
    chat?: { messages: number; chatters: number; reactions: number; kind: 'laugh' | 'surprise' | 'hype'; topMessages: { text: string; count: number }[] };
    heatmap?: { peak: number };
    captions?: { tags: string[] };
  };
}

/** What the signals stage found beside the comments (its curves and candidates are in signals.json). */
export interface ProjectSignals {
  chat?: { messages: number; lagS: number; bursts: number };
  /** `file`: the subtitle file the tags were read from (the project's caption track). */
  captions?: { tags: number; file?: string };
  /** Signals that could not be read or were not there (e.g. NO_CHAT_REPLAY), with why. */
  notes: { code: string; message: string }[];
}

/** The video files the acquire stage found or downloaded, in source seconds. */
export interface ProjectAcquired {
  origin: 'local' | 'download' | 'download-sections';
  sections: { path: string; start: number; end: number | null }[];
}

/** One identity of the video (the faces stage) plus what the user and the channel gave it. */
export interface ProjectIdentity {
  id: string;
  name?: string;
  hidden?: boolean;
  appearances: [number, number][];
  totalS: number;
  thumbnail?: string | null;
  descriptor?: number[];
  personId?: string;
}

/** One exported clip (the README's `clips --json` shape). */
export interface ProjectClip {
  path: string;
  moment: number;
  person?: string | null;
  start: number;
  end: number;
  width: number;
  height: number;
  durationS: number;
}

/** `<root>/<videoId>/project.json`. Unknown fields are kept, so other stages can add theirs. */
export interface Project {
  schemaVersion: number;
  videoId: string;
  source: string;
  createdAt: string;
  updatedAt: string;
  video?: ProjectVideo;
  commentsFetched?: number;
  mentions?: number;
  moments?: ProjectMoment[];
  signals?: ProjectSignals;
  videoFile?: string;
  acquired?: ProjectAcquired;
  identities?: ProjectIdentity[];
  clips?: ProjectClip[];
  stages: Partial<Record<StageName, StageState>>;
  [extra: string]: unknown;
}

