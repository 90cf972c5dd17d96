import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { readExportHistory } from '../export/export-history.js';
import { readManifest, writeManifest, type ClipRecord } from '../export/manifest.js';
import { saveUploadEdit } from '../export/upload-edits.js';
import { writeUploadTextFile } from '../export/upload-text-file.js';
import type { UploadText } from '../export/upload-text.js';
import { projectDir } from '../project/project-dir.js';
import { lockProjectRun, withProjectFolderState } from '../project/project-lock.js';

/** The newest record of the clip at `path` (real, as resolveProjectMedia gives it) in the history or the manifest. */
async function clipRecordAt(dir: string, path: string): Promise<ClipRecord | undefined> {
  const manifest = await readManifest(dir);
  const records = [...(manifest?.clips ?? []), ...(await readExportHistory(dir)).reverse().flatMap((e) => e.clips)];
  for (const record of records) {
    if ((await realpath(resolve(record.path)).catch(() => resolve(record.path))) === path) return record;
  }
  return undefined;
}

/**
 * The user's upload text of one clip, under the project's run lock (PROJECT_BUSY while an export
 * runs): kept in `upload-edits.json` (so a re-export of the same clip keeps it), written to the
 * clip's `.upload.txt` and to the manifest (what `kirinuki publish` uploads).
 */
export async function saveClipUpload(root: string, videoId: string, path: string, upload: UploadText): Promise<void> {
  const lock = await lockProjectRun(root, videoId, { what: 'editing an upload text in the app', wait: false });
  try {
    const dir = projectDir(root, videoId);
    const record = await clipRecordAt(dir, path);
    if (!record) throw new KirinukiError('INVALID_ARGUMENT', `${basename(path)} is not an exported clip of ${videoId}: only a clip of the library has an upload text.`);
    await saveUploadEdit(dir, record.path, { upload, start: record.start, end: record.end });
    await writeUploadTextFile(record.path, upload);
    // under the state lock: a publish records its video in the same manifest
    await withProjectFolderState(dir, async () => {
      const manifest = await readManifest(dir);
      if (manifest?.clips.some((c) => c.path === record.path)) {
        await writeManifest(dir, { ...manifest, clips: manifest.clips.map((c) => (c.path === record.path ? { ...c, upload } : c)) });
      }
    });
  } finally {
    await lock.release();
  }
}
