import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClips } from '../../core/export/export-clips.js';
import { readManifest, writeExportManifest, type ClipRecord, type ClipsManifest } from '../../core/export/manifest.js';
import { markPublishedInManifest } from '../../core/publish/publish-state.js';
import type { ProgressListener } from '../../core/progress.js';
import { moment } from '../helpers/clips-media-checks.js';
import { sharedMedia } from '../helpers/shared-media.js';

const SMPTE = sharedMedia('codecs/smpte-2997.mp4'); // 1920x1080, 25 fps, 10.05 s
const meta = { id: 'smpte', title: 'SMPTE', durationS: 10.05 };
const moments = [moment(1, 2.0, 3.0), moment(2, 5.0, 6.0)];
const published = (videoId: string) => ({ videoId, at: '2026-12-07T10:00:00.000Z', privacy: 'private' as const });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-clips-published-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (onProgress?: ProgressListener) =>
  exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: dir, preset: 'shorts', crop: 'center', summary: false, ...(onProgress ? { onProgress } : {}) });

describe('exportClips keeps the video a clip was published as', () => {
  it('a publish recorded while the export runs, and then a re-export, leave `published` in the manifest', async () => {
    let marking: Promise<string> | undefined;
    // once the first clip is in the manifest (the second is being encoded), a publish records its video
    await run(() => {
      if (marking || !existsSync(join(dir, 'manifest.json'))) return;
      marking = readManifest(dir).then(async (m) => {
        const path = m!.clips[0]!.path;
        await markPublishedInManifest(dir, path, published('vid-during'));
        return path;
      });
    });
    const first = await marking;
    expect(first).toBeDefined();
    const afterExport = await readManifest(dir);
    expect(afterExport?.clips.find((c) => c.path === first)?.published?.videoId).toBe('vid-during');

    const second = afterExport!.clips.find((c) => c.path !== first)!.path;
    await markPublishedInManifest(dir, second, published('vid-after'));
    const again = await run();
    expect(again.skipped).toBe(2);
    const manifest = await readManifest(dir);
    expect(Object.fromEntries(manifest!.clips.map((c) => [c.path, c.published?.videoId]))).toEqual({ [first!]: 'vid-during', [second]: 'vid-after' });
  }, 120_000);

  it('another clip made at the same path (other settings key) does not inherit the video', async () => {
    const other = await mkdtemp(join(tmpdir(), 'kirinuki-clips-published-key-'));
    try {
      const record = (key: string): ClipRecord => ({ path: join(other, 'clips', 'a.mp4'), moment: 1, person: null, start: 2, end: 3, width: 1080, height: 1920, durationS: 1, key });
      const manifest: ClipsManifest = { video: { id: meta.id, title: meta.title }, preset: 'shorts', crop: 'center', fast: false, complete: true, clips: [record('new')], summary: null };
      await writeExportManifest(other, manifest, [{ ...record('old'), published: published('vid-old') }]);
      expect((await readManifest(other))?.clips[0]?.published).toBeUndefined();
      await writeExportManifest(other, { ...manifest, clips: [record('old')] }, [{ ...record('old'), published: published('vid-old') }]);
      expect((await readManifest(other))?.clips[0]?.published?.videoId).toBe('vid-old');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
