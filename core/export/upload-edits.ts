import { basename, join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { uploadTextSchema } from './upload-text-schema.js';
import type { UploadText } from './upload-text.js';

const editSchema = z.object({ upload: uploadTextSchema, start: z.number(), end: z.number() });
const editsSchema = z.object({ version: z.literal(1), clips: z.record(z.string(), editSchema) });

/** `<export folder>/upload-edits.json`: the user's upload texts, kept across re-exports. */
export const UPLOAD_EDITS_NAME = 'upload-edits.json';

/** A user's upload text, with the source window of the clip it was written for. */
export type UploadEdit = z.infer<typeof editSchema>;
export type UploadEdits = Record<string, UploadEdit>;

/**
 * What names "the same clip" across exports: its file name without the version (` v2`) and the
 * extension, so an export with other settings (a crop, `--credit`, `--fast`) keeps the edit.
 */
export const uploadEditKey = (clipPath: string): string => basename(clipPath).replace(/(?: v\d+)?\.[^.]+$/, '');

/** The user's edits; an unreadable file counts as none (the generated texts are used). */
export async function readUploadEdits(exportDir: string): Promise<UploadEdits> {
  const value = await readJsonIfExists(join(exportDir, UPLOAD_EDITS_NAME)).catch(() => undefined);
  const parsed = editsSchema.safeParse(value);
  return parsed.success ? parsed.data.clips : {};
}

/**
 * The edit of the clip at `clipPath`, when there is one and it was written for mostly the same
 * stretch of the video (more than half of either overlaps): a re-ranked moment under the same
 * name does not inherit another moment's title.
 */
export function editFor(edits: UploadEdits, clipPath: string, window: { start: number; end: number }): UploadText | undefined {
  const edit = edits[uploadEditKey(clipPath)];
  if (!edit) return undefined;
  const overlap = Math.min(edit.end, window.end) - Math.max(edit.start, window.start);
  const shorter = Math.min(edit.end - edit.start, window.end - window.start);
  return shorter > 0 && overlap > shorter / 2 ? edit.upload : undefined;
}

/** One clip's edit saved (the caller holds the project's lock). */
export async function saveUploadEdit(exportDir: string, clipPath: string, edit: UploadEdit): Promise<void> {
  const clips = { ...(await readUploadEdits(exportDir)), [uploadEditKey(clipPath)]: edit };
  await writeJsonAtomic(join(exportDir, UPLOAD_EDITS_NAME), { version: 1, clips });
}
