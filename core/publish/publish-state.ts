import { join } from 'node:path';
import { z } from 'zod';
import type { ClipPublished } from '../export/clip-record.js';
import { readManifest, writeManifest } from '../export/manifest.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import { PRIVACY_VALUES } from './publish-settings.js';

/**
 * `<project>/publish.json`: per clip (by its path in the project), the resumable session of an
 * upload under way and the video it became. It is what keeps a clip from being uploaded twice even
 * when a later export rewrites manifest.json (which carries the same `published` for readers). A
 * session URI names an upload, not the account: no token is ever written here.
 */
export const PUBLISH_STATE_NAME = 'publish.json';

const publishedSchema = z.object({
  videoId: z.string().min(1),
  at: z.string(),
  privacy: z.enum(PRIVACY_VALUES),
  publishAt: z.string().optional(),
});

const sessionSchema = z.object({
  uri: z.url(),
  /** The file it was opened for: a different file starts a new session. */
  size: z.number().int().positive(),
  mtimeMs: z.number(),
  startedAt: z.string(),
});

const clipStateSchema = z.object({
  session: sessionSchema.optional(),
  published: publishedSchema.optional(),
  /** The settings key of the clip that was published: another clip made later at the same path is not it. */
  clipKey: z.string().optional(),
});
const stateSchema = z.object({ schemaVersion: z.literal(1), clips: z.record(z.string(), clipStateSchema) });

export type UploadSession = z.infer<typeof sessionSchema>;
export type ClipPublishState = z.infer<typeof clipStateSchema>;
type PublishState = z.infer<typeof stateSchema>;

const SPEC = { schema: stateSchema, version: 1 };

/** Every clip's publish state, keyed by its path relative to the project (`clips/x.mp4`). */
export async function readPublishState(projectDir: string): Promise<PublishState['clips']> {
  return (await readVersionedJson(join(projectDir, PUBLISH_STATE_NAME), SPEC))?.clips ?? {};
}

/** The clip the state's `published` was recorded for (a state written before keys were kept is trusted). */
export function publishedFor(state: ClipPublishState, clip: { key?: string }): ClipPublished | undefined {
  if (!state.published) return undefined;
  return state.clipKey === undefined || state.clipKey === clip.key ? state.published : undefined;
}

/** One read-modify-write of a clip's state under the project's state lock. */
export async function updateClipState(projectDir: string, clipKey: string, change: (state: ClipPublishState) => ClipPublishState): Promise<void> {
  await withProjectFolderState(projectDir, async () => {
    const clips = await readPublishState(projectDir);
    const next = change(clips[clipKey] ?? {});
    const file: PublishState = { schemaVersion: 1, clips: { ...clips, [clipKey]: next } };
    await writeJsonAtomic(join(projectDir, PUBLISH_STATE_NAME), file);
  });
}

/** Writes `published` into the manifest's record of the clip (when the manifest still lists it). */
export async function markPublishedInManifest(projectDir: string, clipPath: string, published: ClipPublished): Promise<void> {
  await withProjectFolderState(projectDir, async () => {
    const manifest = await readManifest(projectDir);
    const clip = manifest?.clips.find((c) => c.path === clipPath);
    if (!manifest || !clip || clip.published?.videoId === published.videoId) return;
    clip.published = published;
    await writeManifest(projectDir, manifest);
  });
}
