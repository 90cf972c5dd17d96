import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared media and fixtures live beside the repository, at ../shared (CI has the same path). */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');

/**
 * The absolute path of a file under ../shared; throws (never skips) when it is missing, so a CI run
 * without the shared set fails loudly instead of passing on nothing.
 */
export function sharedFile(relative: string): string {
  const path = resolve(SHARED_DIR, relative);
  if (!existsSync(path)) {
    throw new Error(
      `Shared test file missing: ${path}. The tests need ../shared (media and fixtures) beside the repository.`,
    );
  }
  return path;
}

export const sharedMedia = (relative: string): string => sharedFile(`media/${relative}`);
export const sharedFixture = (relative: string): string => sharedFile(`fixtures/${relative}`);
