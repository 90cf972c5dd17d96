import { join } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import { FRAMING_MODES, type FramingOverride } from './framing-modes.js';

export const FRAMING_FILE = 'framing.json';
const VERSION = 1;

export const framingOverrideSchema = z.strictObject({
  mode: z.enum(FRAMING_MODES),
  person: z.string().min(1).max(100).optional(),
  x: z.number().finite().min(0).max(1).optional(),
});

const fileSchema = z.object({
  version: z.literal(VERSION),
  /** By moment rank. */
  moments: z.record(z.string().regex(/^[1-9][0-9]*$/), framingOverrideSchema),
});

/** `<project>/framing.json`: the user's framing of each moment. */
export type FramingFile = z.infer<typeof fileSchema>;

export const framingPath = (projectDir: string): string => join(projectDir, FRAMING_FILE);

/** The framing file, or no overrides when there is none. Bad content is PROJECT_CORRUPT, a newer version PROJECT_TOO_NEW. */
export async function readFraming(projectDir: string): Promise<FramingFile> {
  const spec = { schema: fileSchema, version: VERSION, versionField: 'version' } as const;
  return (await readVersionedJson(framingPath(projectDir), spec)) ?? { version: VERSION, moments: {} };
}

/** The override of one moment; `auto` (or none) is no override. */
export function framingOf(file: FramingFile, moment: number): FramingOverride | undefined {
  const override = file.moments[String(moment)];
  return override && override.mode !== 'auto' ? override : undefined;
}

/**
 * Sets (or with null, clears) one moment's override as one read-modify-write under the project's
 * state lock, written atomically. Returns what was written.
 */
export function updateFraming(projectDir: string, moment: number, override: FramingOverride | null): Promise<FramingFile> {
  return withProjectFolderState(projectDir, async () => {
    const file = await readFraming(projectDir);
    const moments = { ...file.moments };
    if (override === null || override.mode === 'auto') delete moments[String(moment)];
    else moments[String(moment)] = normalize(override);
    const parsed = fileSchema.safeParse({ version: VERSION, moments });
    if (!parsed.success) throw new KirinukiError('INVALID_ARGUMENT', `Framing not saved: ${describeIssue(parsed.error)}.`);
    await writeJsonAtomic(framingPath(projectDir), parsed.data);
    return parsed.data;
  });
}

/** Only the fields the mode reads are kept. */
function normalize(override: FramingOverride): FramingOverride {
  if (override.mode === 'follow') return override.person ? { mode: 'follow', person: override.person } : { mode: 'follow' };
  if (override.mode === 'fixed') return { mode: 'fixed', x: override.x ?? 0.5 };
  return { mode: override.mode };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the top level';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}
