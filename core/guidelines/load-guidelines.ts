import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { readJsonFile } from '../fs/read-json.js';
import { appRoot, unpackedPath } from '../resources.js';
import { guidelinesProfileSchema, type GuidelinesProfile } from './guidelines-profile.js';

/** The example profiles shipped with Kirinuki (`resources/guidelines/<name>.json`). */
export const guidelinesDir = (): string => unpackedPath(join(appRoot(), 'resources', 'guidelines'));

const PROFILE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The shipped profiles' names (file names without `.json`). */
export async function listGuidelineNames(dir = guidelinesDir()): Promise<string[]> {
  const names = existsSync(dir) ? await readdir(dir) : [];
  return names.filter((n) => n.endsWith('.json')).map((n) => basename(n, '.json')).sort();
}

/**
 * `--guidelines FILE|NAME`: a path to a profile (anything with a slash or ending in .json), else
 * the name of a shipped one. A bad profile is GUIDELINES_INVALID naming the file and the field.
 */
export async function loadGuidelines(fileOrName: string, dir = guidelinesDir()): Promise<GuidelinesProfile> {
  const path = await profilePath(fileOrName, dir);
  let value: unknown;
  try {
    value = await readJsonFile(path);
  } catch (error) {
    if (error instanceof KirinukiError && error.code === 'INVALID_ARGUMENT') throw new KirinukiError('GUIDELINES_INVALID', `Guidelines profile ${error.message}`);
    if (error instanceof KirinukiError && error.code === 'FILE_NOT_FOUND') {
      throw new KirinukiError('FILE_NOT_FOUND', `Guidelines profile ${path} does not exist: restore it, or choose another profile file or a shipped one.`);
    }
    throw error;
  }
  return parseGuidelines(value, path);
}

/** A profile already read (the app's settings, a test): validated, its problems named by field. */
export function parseGuidelines(value: unknown, where: string): GuidelinesProfile {
  const parsed = guidelinesProfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the profile';
  const what = issue?.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${field}: ${issue?.message ?? 'invalid'}`;
  throw new KirinukiError('GUIDELINES_INVALID', `Guidelines profile ${where} ${what} (see the README's guidelines profile fields).`);
}

async function profilePath(fileOrName: string, dir: string): Promise<string> {
  if (/[\\/]/.test(fileOrName) || fileOrName.endsWith('.json')) return resolve(fileOrName);
  if (PROFILE_NAME.test(fileOrName)) {
    const path = join(dir, `${fileOrName}.json`);
    if (existsSync(path)) return path;
  }
  const names = await listGuidelineNames(dir);
  throw new KirinukiError('FILE_NOT_FOUND', `No guidelines profile "${fileOrName}": give a profile file's path or one of ${names.join(', ') || '(none shipped)'}.`);
}
