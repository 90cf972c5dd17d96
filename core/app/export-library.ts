import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readExportHistory, type ExportEntry } from '../export/export-history.js';
import { readManifest, type ClipRecord, type SummaryRecord } from '../export/manifest.js';
import { projectDir } from '../project/project-dir.js';
import { mediaRefFor } from './project-media.js';
import type { ExportEntryView, ExportOutputView } from './views.js';

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

async function outputView(root: string, videoId: string, output: Output, names: Map<string, string>): Promise<ExportOutputView | null> {
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
  for (const entry of entries) {
    const fresh = outputsOf(entry).filter((o) => !seen.has(o.record.path));
    for (const o of fresh) seen.add(o.record.path);
    const outputs = (await Promise.all(fresh.map((o) => outputView(root, videoId, o, personNames)))).filter((o): o is ExportOutputView => o !== null);
    if (outputs.length === 0) continue;
    const persons = entry.settings.persons.map((p) => personNames.get(p) ?? p);
    views.push({ id: entry.id, at: entry.at, settings: { ...entry.settings, persons }, outputs });
  }
  return views;
}
