import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { KirinukiError } from '../errors.js';
import { projectDir } from '../project/project-dir.js';
import { withProjectState } from '../project/project-lock.js';

const momentEditSchema = z.object({
  start: z.number().optional(),
  end: z.number().optional(),
  enabled: z.boolean().optional(),
  /** A found moment the user deleted (undo brings it back). */
  deleted: z.boolean().optional(),
});

/** A moment the user added by hand (or the second half of a split), ranked above every found one. */
const addedMomentSchema = z.object({
  rank: z.number().int().positive(),
  start: z.number(),
  end: z.number(),
  enabled: z.boolean().optional(),
});

/** The moment edits as they were before one change: what undo / redo put back. */
const momentSnapshotSchema = z.object({
  momentEdits: z.record(z.string(), momentEditSchema),
  addedMoments: z.array(addedMomentSchema),
});

const appStateSchema = z.object({
  density: z.object({ binS: z.number(), counts: z.array(z.number()) }).optional(),
  heatmap: z.array(z.object({ start: z.number(), end: z.number(), value: z.number() })).optional(),
  notice: z.string().nullable().optional(),
  /** The user's in/out changes and toggles, by the moment's rank, kept apart from found moments. */
  momentEdits: z.record(z.string(), momentEditSchema).optional(),
  /** The settings of the last export made in the app, to start the Export screen with. */
  exportSettings: z
    .object({
      preset: z.string(),
      crop: z.string(),
      perPerson: z.boolean(),
      personIds: z.array(z.string()),
      caption: z.string(),
      maxLengthS: z.number().nullable(),
    })
    .optional(),
  addedMoments: z.array(addedMomentSchema).optional(),
  /** The highest rank ever given to an added moment, so a deleted one's rank is not reused. */
  lastAddedRank: z.number().int().nonnegative().optional(),
  momentHistory: z.object({ undo: z.array(momentSnapshotSchema), redo: z.array(momentSnapshotSchema) }).optional(),
});

export type AppState = z.infer<typeof appStateSchema>;
export type MomentEdit = z.infer<typeof momentEditSchema>;
export type AddedMoment = z.infer<typeof addedMomentSchema>;
export type MomentSnapshot = z.infer<typeof momentSnapshotSchema>;

export const APP_STATE_FILE = 'app-state.json';

/** What the app keeps per project besides project.json: the timeline and the moment edits. */
export async function readAppState(root: string, videoId: string): Promise<AppState> {
  const path = join(projectDir(root, videoId), APP_STATE_FILE);
  const raw = await readJsonIfExists(path);
  if (raw === undefined) return {};
  const parsed = appStateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KirinukiError('PROJECT_CORRUPT', `${path} is corrupt; delete it to reset the app's edits.`);
  }
  return parsed.data;
}

/** One read-modify-write of the app's state under the project's state lock: concurrent edits all land. */
export async function updateAppState(
  root: string,
  videoId: string,
  change: (state: AppState) => AppState,
): Promise<AppState> {
  return withProjectState(root, videoId, async () => {
    const next = change(await readAppState(root, videoId));
    await writeJsonAtomic(join(projectDir(root, videoId), APP_STATE_FILE), next);
    return next;
  });
}
