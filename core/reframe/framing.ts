import { join } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import { FRAMING_MODES, type FramingOverride } from './framing-modes.js';

export const FRAMING_FILE = 'framing.json';
/** 2: each override keeps the window of the moment it was made for. Version 1 files (no windows) are still read. */
const VERSION = 2;

export const framingOverrideSchema = z.strictObject({
  mode: z.enum(FRAMING_MODES),
  person: z.string().min(1).max(100).optional(),
  x: z.number().finite().min(0).max(1).optional(),
});

const momentWindowSchema = z.strictObject({ start: z.number().finite(), end: z.number().finite() });

/** An override and the window of the moment it was made for (none in a version 1 file). */
const framingEntrySchema = framingOverrideSchema.extend({ window: momentWindowSchema.optional() });

const fileSchema = z.object({
  // a version 1 file is the same without windows: read as this version
  version: z.union([z.literal(1), z.literal(VERSION)]).transform((): typeof VERSION => VERSION),
  /** By moment rank. */
  moments: z.record(z.string().regex(/^[1-9][0-9]*$/), framingEntrySchema),
});

/** `<project>/framing.json`: the user's framing of each moment. */
export type FramingFile = z.infer<typeof fileSchema>;
export type FramingEntry = z.infer<typeof framingEntrySchema>;

/** A moment as framing knows it: its rank and its window in source seconds. */
export interface MomentWindow {
  rank: number;
  start: number;
  end: number;
}

export const framingPath = (projectDir: string): string => join(projectDir, FRAMING_FILE);

/** No overrides. */
export const emptyFraming = (): FramingFile => ({ version: VERSION, moments: {} });

/** The framing file, or no overrides when there is none. Bad content is PROJECT_CORRUPT, a newer version PROJECT_TOO_NEW. */
export async function readFraming(projectDir: string): Promise<FramingFile> {
  const spec = { schema: fileSchema, version: VERSION, versionField: 'version' } as const;
  return (await readVersionedJson(framingPath(projectDir), spec)) ?? emptyFraming();
}

/**
 * Whether a moment is still the one an override was made for: the two windows share at least half
 * of the shorter one. A trimmed or stretched moment still is; another moment that took its rank
 * (comments loaded again, a hand-added moment renumbered) covers other times and is not.
 */
export function sameMoment(made: { start: number; end: number }, moment: { start: number; end: number }): boolean {
  const shared = Math.min(made.end, moment.end) - Math.max(made.start, moment.start);
  const shorter = Math.min(made.end - made.start, moment.end - moment.start);
  return shared > 0 && shared >= shorter / 2 - 1e-6;
}

/** Whether an entry belongs to the moment that now has its rank (an entry of a version 1 file has no window: it does, as before). */
export function entryFits(entry: FramingEntry, moment: MomentWindow): boolean {
  return !entry.window || sameMoment(entry.window, moment);
}

/** The override of one moment; `auto` (or none, or one made for another moment that had this rank) is no override. */
export function framingOf(file: FramingFile, moment: MomentWindow): FramingOverride | undefined {
  const entry = file.moments[String(moment.rank)];
  if (!entry || entry.mode === 'auto' || !entryFits(entry, moment)) return undefined;
  const { window: _window, ...override } = entry;
  return override;
}

/**
 * Sets (or with null, clears) one moment's override, stamped with the moment's window, as one
 * read-modify-write under the project's state lock, written atomically. Returns what was written.
 */
export function updateFraming(projectDir: string, moment: MomentWindow, override: FramingOverride | null): Promise<FramingFile> {
  return rewriteFraming(projectDir, (file) => {
    const moments = { ...file.moments };
    if (override === null || override.mode === 'auto') delete moments[String(moment.rank)];
    else moments[String(moment.rank)] = { ...normalize(override), window: { start: moment.start, end: moment.end } };
    return { ...file, moments };
  });
}

/**
 * One read-modify-write of the framing file under the project's state lock, written atomically;
 * nothing is written when the change leaves the file as it was (or there is no file and no override).
 */
export function rewriteFraming(projectDir: string, change: (file: FramingFile) => FramingFile): Promise<FramingFile> {
  return withProjectFolderState(projectDir, async () => {
    const file = await readFraming(projectDir);
    const next = change(file);
    if (JSON.stringify(next) === JSON.stringify(file)) return file;
    const parsed = fileSchema.safeParse({ ...next, version: VERSION });
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
