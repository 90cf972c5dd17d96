import { join, relative, resolve } from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import type { ClipRecord } from './clip-record.js';
import type { SummaryRecord } from './manifest.js';

/** What one export was asked for (what the clip library shows beside its files). */
export interface ExportSettingsRecord {
  preset: string;
  /** The crop applied (`scale` for landscape, `copy` for --fast). */
  crop: string;
  /** `--captions`: none, speech, top-comment or both. */
  captions: string;
  /** `--max-length`, or null for the preset's own cap. */
  maxLengthS: number | null;
  fast: boolean;
  perPerson: boolean;
  /** The people asked for (per-person exports), by id; empty: everyone visible. */
  persons: string[];
}

/** One finished export: its settings and every file it made or kept. */
export interface ExportEntry {
  /** Unique within the project; stable across re-runs of the same settings. */
  id: string;
  /** ISO time the export finished. */
  at: string;
  settings: ExportSettingsRecord;
  clips: ClipRecord[];
  summary: SummaryRecord | null;
  reels: (SummaryRecord & { person: string })[];
}

export const EXPORT_HISTORY_NAME = 'exports.json';
/** Old entries beyond this are forgotten (their files stay on disk). */
const MAX_ENTRIES = 200;

interface HistoryFile {
  version: 1;
  exports: ExportEntry[];
}

function mapPaths(entry: ExportEntry, map: (path: string) => string): ExportEntry {
  return {
    ...entry,
    clips: entry.clips.map((c) => ({ ...c, path: map(c.path) })),
    summary: entry.summary ? { ...entry.summary, path: map(entry.summary.path) } : null,
    reels: entry.reels.map((r) => ({ ...r, path: map(r.path) })),
  };
}

function isEntry(value: unknown): value is ExportEntry {
  const e = value as Partial<ExportEntry> | null;
  return !!e && typeof e.id === 'string' && typeof e.at === 'string' && !!e.settings && Array.isArray(e.clips) && Array.isArray(e.reels);
}

/** Every export of the project, oldest first, with absolute paths; empty when there is none or the file is unreadable. */
export async function readExportHistory(projectDir: string): Promise<ExportEntry[]> {
  let value: unknown;
  try {
    value = await readJsonIfExists(join(projectDir, EXPORT_HISTORY_NAME));
  } catch {
    return []; // a corrupt history only means the library forgets older exports
  }
  const file = value as Partial<HistoryFile> | undefined;
  if (!file || !Array.isArray(file.exports)) return [];
  return file.exports.filter(isEntry).map((e) => mapPaths(e, (p) => resolve(projectDir, p)));
}

/** The files of an entry, as one comparable list: an export that made exactly the same files is the same export. */
function filesOf(entry: ExportEntry): string {
  const files = [...entry.clips, ...(entry.summary ? [entry.summary] : []), ...entry.reels].map((r) => `${r.path}\n${r.key ?? ''}`);
  return files.sort().join('\n');
}

/**
 * Adds a finished export as the newest entry. A re-run that made (or kept) exactly the same files
 * as an earlier entry moves that entry to the top instead of listing it twice. Callers hold the
 * project's run lock, so the read-modify-write does not race another export.
 */
export async function appendExportHistory(projectDir: string, entry: Omit<ExportEntry, 'id'>): Promise<ExportEntry> {
  const history = await readExportHistory(projectDir);
  const same = filesOf({ ...entry, id: '' });
  const earlier = history.find((e) => filesOf(e) === same);
  const added: ExportEntry = { ...entry, id: earlier?.id ?? nextId(history, entry.at) };
  const kept = history.filter((e) => e !== earlier).concat(added).slice(-MAX_ENTRIES);
  const rel = (path: string): string => relative(projectDir, path).split('\\').join('/');
  const file: HistoryFile = { version: 1, exports: kept.map((e) => mapPaths(e, rel)) };
  await writeJsonAtomic(join(projectDir, EXPORT_HISTORY_NAME), file);
  return added;
}

function nextId(history: ExportEntry[], at: string): string {
  const base = `e${at.replace(/[^0-9]/g, '').slice(0, 17)}`;
  let id = base;
  for (let n = 2; history.some((e) => e.id === id); n += 1) id = `${base}-${n}`;
  return id;
}
