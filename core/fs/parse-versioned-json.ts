import { readFile } from 'node:fs/promises';
import type { ZodType } from 'zod';
import { KirinukiError } from '../errors.js';
import { parseJsonText } from './parse-json.js';

/** A JSON document of Kirinuki's own (project.json, channel.json, people.json, framing.json…) with a version. */
export interface VersionedJson<T> {
  schema: ZodType<T>;
  /** The newest version this build understands. */
  version: number;
  /** The field that holds the version: `schemaVersion` (default) or, in the editor's files, `version`. */
  versionField?: 'schemaVersion' | 'version';
}

/** Parses the text of such a file: bad JSON or shape → PROJECT_CORRUPT, newer → PROJECT_TOO_NEW, naming the file. */
export function parseVersionedJson<T>(text: string, path: string, spec: VersionedJson<T>): T {
  const raw = parseJsonText(text, path, 'PROJECT_CORRUPT');
  const version = (raw as Record<string, unknown> | null)?.[spec.versionField ?? 'schemaVersion'];
  if (typeof version === 'number' && version > spec.version) {
    throw new KirinukiError(
      'PROJECT_TOO_NEW',
      `${path} has schema version ${version}, newer than this Kirinuki understands (${spec.version}); update Kirinuki.`,
    );
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    throw new KirinukiError('PROJECT_CORRUPT', `${path} is corrupt: ${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

/** Reads and parses such a file; undefined when it does not exist yet. */
export async function readVersionedJson<T>(path: string, spec: VersionedJson<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseVersionedJson(text, path, spec);
}
