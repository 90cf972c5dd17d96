import { MAX_FILE_NAME_BYTES, sanitizeFileName, utf8Length } from '../fs/sanitize-file-name.js';

/**
 * `<title> - 01 (shorts).mp4` (or `<title> - <person> - 01 (shorts).mp4`): the rank and suffix are
 * always kept, the title is shortened to fit the byte budget.
 */
export function clipFileName(options: {
  title: string;
  rank: number;
  preset?: string;
  person?: string;
  ext?: string;
}): string {
  const ext = options.ext ?? 'mp4';
  const rank = String(options.rank).padStart(2, '0');
  const person = options.person ? ` - ${sanitizeFileName(options.person, 40)}` : '';
  const preset = options.preset ? ` (${sanitizeFileName(options.preset, 20)})` : '';
  const tail = `${person} - ${rank}${preset}.${ext}`;
  const title = sanitizeFileName(options.title, MAX_FILE_NAME_BYTES - utf8Length(tail));
  return `${title}${tail}`;
}

/**
 * The name of another version of an output: `<name> v2.mp4`, for an export with other settings
 * than the file already there (which is kept). Clip names leave room for it under the byte budget.
 */
export function versionedFileName(name: string, version: number): string {
  if (version <= 1) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${stem} v${version}${ext}`;
}
