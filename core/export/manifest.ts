import { join, relative, resolve } from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import type { ClipRecord } from './clip-record.js';

export type { ClipRecord } from './clip-record.js';

export interface SummaryRecord {
  path: string;
  /** The moments it joins, in time order. */
  moments: number[];
  width: number;
  height: number;
  durationS: number;
  key?: string;
}

export interface ClipsManifest {
  video: { id: string; title: string };
  preset: string;
  crop: string;
  fast: boolean;
  /** False while an export is still running (or was killed before it finished). */
  complete: boolean;
  clips: ClipRecord[];
  summary: SummaryRecord | null;
  /** Per-person reels (per-person exports only). */
  reels?: (SummaryRecord & { person: string })[];
}

export const MANIFEST_NAME = 'manifest.json';

/** Written after every finished clip, with paths relative to the project folder so it can be moved. */
export async function writeManifest(projectDir: string, manifest: ClipsManifest): Promise<void> {
  const rel = (path: string): string => relative(projectDir, path).split('\\').join('/');
  await writeJsonAtomic(join(projectDir, MANIFEST_NAME), {
    ...manifest,
    clips: manifest.clips.map((clip) => ({ ...clip, path: rel(clip.path) })),
    summary: manifest.summary ? { ...manifest.summary, path: rel(manifest.summary.path) } : null,
    ...(manifest.reels ? { reels: manifest.reels.map((r) => ({ ...r, path: rel(r.path) })) } : {}),
  });
}

/** The previous run's manifest with absolute paths, or undefined when there is none or it is unreadable. */
export async function readManifest(projectDir: string): Promise<ClipsManifest | undefined> {
  let value: unknown;
  try {
    value = await readJsonIfExists(join(projectDir, MANIFEST_NAME));
  } catch {
    return undefined; // a corrupt manifest only means nothing is reused
  }
  const manifest = value as Partial<ClipsManifest> | undefined;
  if (!manifest || !Array.isArray(manifest.clips)) return undefined;
  const abs = (path: string): string => resolve(projectDir, path);
  return {
    ...(manifest as ClipsManifest),
    clips: manifest.clips.map((clip) => ({ ...clip, path: abs(clip.path) })),
    summary: manifest.summary ? { ...manifest.summary, path: abs(manifest.summary.path) } : null,
    ...(manifest.reels ? { reels: manifest.reels.map((r) => ({ ...r, path: abs(r.path) })) } : {}),
  };
}

/**
 * An export's manifest, written under the project's state lock with each clip's `published` kept:
 * from `earlier` (the manifest the export started from) and from the one on disk now, where a
 * publish running beside the export may have recorded a video since. Only a record of the same
 * path and settings key passes it on (the same file, not another clip made at a freed name).
 */
export async function writeExportManifest(projectDir: string, manifest: ClipsManifest, earlier: ClipRecord[]): Promise<void> {
  await withProjectFolderState(projectDir, async () => {
    const onDisk = (await readManifest(projectDir))?.clips ?? [];
    const id = (c: ClipRecord): string => `${resolve(c.path)}\n${c.key ?? ''}`;
    const published = new Map([...earlier, ...onDisk].flatMap((c) => (c.published ? [[id(c), c.published] as const] : [])));
    for (const clip of manifest.clips) {
      const kept = published.get(id(clip));
      if (!clip.published && kept) clip.published = kept;
    }
    await writeManifest(projectDir, manifest);
  });
}
