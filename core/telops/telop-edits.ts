import { join } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import type { TelopEditsFile } from './telop.js';

export const TELOP_EDITS_FILE = 'telop-edits.json';
const VERSION = 1;

const seconds = z.number().finite().min(0);
const editSchema = z
  .object({
    cueStart: seconds,
    text: z.string().max(2000).optional(),
    start: seconds.optional(),
    end: seconds.optional(),
    hidden: z.boolean().optional(),
  })
  .refine((edit) => edit.start === undefined || edit.end === undefined || edit.end > edit.start, {
    message: 'an edit\'s out point must come after its in point',
  });
const fileSchema = z.object({ version: z.literal(VERSION), edits: z.array(editSchema), style: z.string().min(1).optional() });

export const telopEditsPath = (projectDir: string): string => join(projectDir, TELOP_EDITS_FILE);

/** `<project>/telop-edits.json`, or no edits when there is none yet. Bad content is PROJECT_CORRUPT, a newer version PROJECT_TOO_NEW. */
export async function readTelopEdits(projectDir: string): Promise<TelopEditsFile> {
  const spec = { schema: fileSchema, version: VERSION, versionField: 'version' } as const;
  return (await readVersionedJson(telopEditsPath(projectDir), spec)) ?? { version: VERSION, edits: [] };
}

/**
 * Changes `<project>/telop-edits.json` as one read-modify-write under the project's state lock,
 * so the editor's saves and a style change never lose each other. The change's result is checked
 * (INVALID_ARGUMENT, nothing written) before it replaces the file atomically. Returns what was written.
 */
export function updateTelopEdits(projectDir: string, change: (file: TelopEditsFile) => TelopEditsFile): Promise<TelopEditsFile> {
  return withProjectFolderState(projectDir, async () => {
    const parsed = fileSchema.safeParse(change(await readTelopEdits(projectDir)));
    if (!parsed.success) throw new KirinukiError('INVALID_ARGUMENT', `Telop edits not saved: ${describeIssue(parsed.error)}.`);
    await writeJsonAtomic(telopEditsPath(projectDir), parsed.data);
    return parsed.data;
  });
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the top level';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}
