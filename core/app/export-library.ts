import { randomBytes } from 'node:crypto';
import { realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { EXPORT_HISTORY_NAME, readExportHistory, type ExportEntry } from '../export/export-history.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { lockProjectRun } from '../project/project-lock.js';
import { readManifest, type ClipRecord, type SummaryRecord } from '../export/manifest.js';
import { editFor, readUploadEdits, type UploadEdits } from '../export/upload-edits.js';
import { projectDir } from '../project/project-dir.js';
import { readPublishState } from '../publish/publish-state.js';
import { publishedView } from './published-view.js';
import { mediaRefFor } from './project-media.js';
import type { ExportEntryView, ExportOutputView, PublishedView } from './views.js';

type Output = { kind: 'clip'; record: ClipRecord } | { kind: 'summary' | 'reel'; record: SummaryRecord & { person?: string | null } };

function outputsOf(entry: ExportEntry): Output[] {
  return [
    ...entry.clips.map((record) => ({ kind: 'clip' as const, record })),
    ...(entry.summary ? [{ kind: 'summary' as const, record: entry.summary }] : []),
    ...entry.reels.map((record) => ({ kind: 'reel' as const, record })),
  ];
}

/** An export made before the history existed: the last manifest, dated by the file. */
async function legacyEntry(dir: string, history: ExportEntry[]): Promise<ExportEntry | null> {
  const manifest = await readManifest(dir);
  if (!manifest || !manifest.complete) return null;
  const inHistory = new Set(history.flatMap((e) => outputsOf(e).map((o) => o.record.path)));
  const records = [...manifest.clips, ...(manifest.summary ? [manifest.summary] : []), ...(manifest.reels ?? [])];
  if (records.length === 0 || records.every((r) => inHistory.has(r.path))) return null;
  const at = await stat(`${dir}/manifest.json`).then((s) => s.mtime.toISOString(), () => new Date(0).toISOString());
  return {
    id: 'manifest',
    at,
    settings: { preset: manifest.preset, crop: manifest.crop, captions: 'none', maxLengthS: null, fast: manifest.fast, perPerson: (manifest.reels ?? []).length > 0, persons: [] },
    clips: manifest.clips,
    summary: manifest.summary,
    reels: manifest.reels ?? [],
  };
}

async function outputView(root: string, videoId: string, output: Output, names: Map<string, string>, edits: UploadEdits, published: Map<string, PublishedView>): Promise<ExportOutputView | null> {
  const { record } = output;
  const file = mediaRefFor(root, videoId, record.path);
  if (!file) return null;
  const info = await stat(record.path).catch(() => null);
  if (!info?.isFile()) return null;
  const person = output.kind === 'clip' ? output.record.person : (output.record.person ?? null);
  const clip = output.kind === 'clip' ? output.record : null;
  return {
    kind: output.kind,
    file,
    path: record.path,
    name: basename(record.path),
    moment: clip ? clip.moment : null,
    moments: clip ? [clip.moment] : (output.record as SummaryRecord).moments,
    person: person ? (names.get(person) ?? person) : null,
    start: clip ? clip.start : null,
    end: clip ? clip.end : null,
    width: record.width,
    height: record.height,
    durationS: record.durationS,
    sizeBytes: info.size,
    modifiedAt: info.mtime.toISOString(),
    upload: clip ? (editFor(edits, clip.path, clip) ?? clip.upload ?? null) : null,
    published: clip ? (published.get(resolve(clip.path)) ?? null) : null,
  };
}

/**
 * Every export of the project whose files are still there, newest first. A file kept by a later
 * export (the same settings again) shows under that newest export only; an export none of whose
 * files remain is left out.
 */
export async function exportLibrary(root: string, videoId: string, personNames: Map<string, string>): Promise<ExportEntryView[]> {
  const dir = projectDir(root, videoId);
  const history = await readExportHistory(dir);
  const legacy = await legacyEntry(dir, history);
  const entries = [...(legacy ? [legacy] : []), ...history].sort((a, b) => a.at.localeCompare(b.at)).reverse();
  const seen = new Set<string>();
  const views: ExportEntryView[] = [];
  const edits = await readUploadEdits(dir);
  const published = await publishedClips(dir);
  for (const entry of entries) {
    const fresh = outputsOf(entry).filter((o) => !seen.has(o.record.path));
    for (const o of fresh) seen.add(o.record.path);
    const outputs = (await Promise.all(fresh.map((o) => outputView(root, videoId, o, personNames, edits, published)))).filter((o): o is ExportOutputView => o !== null);
    if (outputs.length === 0) continue;
    const persons = entry.settings.persons.map((p) => personNames.get(p) ?? p);
    views.push({ id: entry.id, at: entry.at, settings: { ...entry.settings, persons }, outputs });
  }
  return views;
}

/** The clips `kirinuki publish` (or Publish) put on YouTube, by absolute path; none when publish.json is unreadable. */
async function publishedClips(dir: string): Promise<Map<string, PublishedView>> {
  const state = await readPublishState(dir).catch(() => ({}));
  const views = new Map<string, PublishedView>();
  for (const [key, clip] of Object.entries(state)) {
    if (clip.published) views.set(resolve(dir, key), publishedView(clip.published, true));
  }
  return views;
}

type StoredRecord = { path?: unknown };
type StoredEntry = { clips?: StoredRecord[]; summary?: StoredRecord | null; reels?: StoredRecord[] };

/** exports.json without the records of one file; an entry left with no file goes. */
function withoutFile(raw: { exports?: StoredEntry[] }, dir: string, path: string): { exports: StoredEntry[] } {
  const other = (record: StoredRecord | null | undefined) => !record || typeof record.path !== 'string' || resolve(dir, record.path) !== path;
  const exports = (raw.exports ?? [])
    .map((entry) => ({
      ...entry,
      clips: (entry.clips ?? []).filter(other),
      reels: (entry.reels ?? []).filter(other),
      summary: other(entry.summary) ? (entry.summary ?? null) : null,
    }))
    .filter((entry) => entry.clips.length + entry.reels.length + (entry.summary ? 1 : 0) > 0);
  return { ...raw, exports };
}

/**
 * Deletes one file of the clip library and its record in `exports.json`, under the project's run
 * lock (PROJECT_BUSY while an export runs): the file is first moved aside (a `.part` name, which a
 * crashed run's successor cleans up), the history rewritten atomically, then the file removed; a
 * history that cannot be written puts the file back. Only a file an export made can go.
 */
export async function deleteExportOutput(root: string, videoId: string, path: string): Promise<void> {
  const lock = await lockProjectRun(root, videoId, { what: 'deleting an export in the app', wait: false });
  try {
    const dir = projectDir(root, videoId);
    const history = await readExportHistory(dir);
    const manifest = await readManifest(dir);
    const known = [
      ...history.flatMap((entry) => outputsOf(entry).map((o) => resolve(o.record.path))),
      ...(manifest ? [...manifest.clips, ...(manifest.summary ? [manifest.summary] : []), ...(manifest.reels ?? [])].map((r) => resolve(dir, r.path)) : []),
    ];
    // `path` is real (resolveProjectMedia); the records name it through the project folder as given
    const reals = await Promise.all(known.map((p) => realpath(p).catch(() => p)));
    const recorded = known[reals.indexOf(path)];
    if (recorded === undefined) {
      throw new KirinukiError('INVALID_ARGUMENT', `${basename(path)} is not an exported clip of ${videoId}: only the clip library's files can be deleted.`);
    }
    const aside = `${path}.${randomBytes(4).toString('hex')}.part`;
    await rename(path, aside);
    try {
      const file = join(dir, EXPORT_HISTORY_NAME);
      const raw = ((await readJsonIfExists(file)) ?? { version: 1, exports: [] }) as { exports?: StoredEntry[] };
      await writeJsonAtomic(file, withoutFile(raw, dir, recorded));
    } catch (error) {
      await rename(aside, path);
      throw error;
    }
    await rm(aside, { force: true });
  } finally {
    await lock.release();
  }
}
