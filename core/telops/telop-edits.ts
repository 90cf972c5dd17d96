import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { parseJsonText } from '../fs/parse-json.js';
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
  const path = telopEditsPath(projectDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: VERSION, edits: [] };
    throw error;
  }
  return parseTelopEdits(parseJsonText(text, path, 'PROJECT_CORRUPT'), path);
}

function parseTelopEdits(raw: unknown, path: string): TelopEditsFile {
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > VERSION) {
    throw new KirinukiError('PROJECT_TOO_NEW', `${path} has version ${version}, newer than this Kirinuki understands (${VERSION}); update Kirinuki.`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new KirinukiError('PROJECT_CORRUPT', `${path} is corrupt: ${describeIssue(parsed.error)}.`);
  return parsed.data;
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
