import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { parseJsonText } from './parse-json.js';

/** Reads a JSON file; a missing file is FILE_NOT_FOUND, a folder or bad JSON INVALID_ARGUMENT, each naming it. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KirinukiError('FILE_NOT_FOUND', `File not found: ${path}`);
    if (code === 'EISDIR') throw new KirinukiError('INVALID_ARGUMENT', `${resolve(path)} is a folder, not a JSON file.`);
    throw error;
  }
  return parseJsonText(text, path, 'INVALID_ARGUMENT');
}

/** Like readJsonFile but returns undefined when the file does not exist. */
export async function readJsonIfExists(path: string): Promise<unknown> {
  try {
    return await readJsonFile(path);
  } catch (error) {
    if ((error as KirinukiError).code === 'FILE_NOT_FOUND') return undefined;
    throw error;
  }
}
