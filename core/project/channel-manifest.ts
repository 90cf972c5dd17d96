import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';

export const CHANNEL_MANIFEST_VERSION = 1;
export const CHANNEL_MANIFEST_FILE = 'channel.json';

export const VIDEO_STATUSES = ['pending', 'done', 'skipped', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

const errorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

const manifestVideoSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  publishedAt: z.string().optional(),
  status: z.enum(VIDEO_STATUSES),
  error: errorSchema.optional(),
  /** Number of moments found. */
  moments: z.number().optional(),
  /** Number of clips exported. */
  clips: z.number().optional(),
  /** Why a video was skipped (private, deleted, no moments, no local file). */
  reason: z.string().optional(),
});

const runSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  quotaUnits: z.number(),
  requests: z.number(),
  stopped: errorSchema.optional(),
});

export const channelManifestSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  channel: z.object({ id: z.string(), title: z.string() }),
  source: z.string(),
  uploadsPlaylistId: z.string(),
  /** How far the uploads listing got, so a resumed run does not pay for the same pages again. */
  listing: z.object({ complete: z.boolean(), nextPageToken: z.string().optional() }),
  videos: z.array(manifestVideoSchema),
  runs: z.array(runSchema),
  updatedAt: z.string(),
});

export type ManifestVideo = z.infer<typeof manifestVideoSchema>;
export type ChannelRun = z.infer<typeof runSchema>;
export type ChannelManifest = z.infer<typeof channelManifestSchema>;

export function channelManifestPath(out: string): string {
  return join(resolve(out), CHANNEL_MANIFEST_FILE);
}

/** `<out>/channel.json`, or undefined when there is none; corrupt → PROJECT_CORRUPT naming it. */
export async function readChannelManifest(out: string): Promise<ChannelManifest | undefined> {
  return readVersionedJson(channelManifestPath(out), { schema: channelManifestSchema, version: CHANNEL_MANIFEST_VERSION });
}

export async function writeChannelManifest(out: string, manifest: ChannelManifest): Promise<void> {
  await writeJsonAtomic(channelManifestPath(out), { ...manifest, updatedAt: new Date().toISOString() });
}

/** Serialises manifest writes, so concurrent videos never write over each other's state. */
export function createManifestWriter(out: string): (manifest: ChannelManifest) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (manifest) => {
    const snapshot = structuredClone(manifest);
    chain = chain.catch(() => undefined).then(() => writeChannelManifest(out, snapshot));
    return chain;
  };
}
