import { statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClips } from '../../core/export/export-clips.js';
import { readExportHistory } from '../../core/export/export-history.js';
import { moment } from '../helpers/clips-media-checks.js';
import { sharedMedia } from '../helpers/shared-media.js';

const SMPTE = sharedMedia('codecs/smpte-2997.mp4'); // 1920x1080, 25 fps, 10.05 s
const meta = { id: 'smpte', title: 'SMPTE', durationS: 10.05 };
const moments = [moment(1, 5.0, 6.0)];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-clips-history-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (crop: 'center' | 'blur') => exportClips({ video: SMPTE, videoMeta: meta, moments, projectDir: dir, preset: 'shorts', crop });

describe('exportClips keeps every export', () => {
  it('other settings get a versioned name instead of overwriting; going back to earlier settings reuses their files', async () => {
    const center = await run('center');
    expect(center.clips.map((c) => basename(c.path))).toEqual(['SMPTE - 01 (shorts).mp4']);
    expect(basename(center.summary?.path ?? '')).toBe('summary.mp4');
    const first = statSync(center.clips[0]!.path).mtimeMs;

    const blur = await run('blur');
    expect(blur.skipped).toBe(0);
    expect(blur.clips.map((c) => basename(c.path))).toEqual(['SMPTE - 01 (shorts) v2.mp4']);
    expect(basename(blur.summary?.path ?? '')).toBe('summary v2.mp4');
    expect(statSync(center.clips[0]!.path).mtimeMs).toBe(first);

    const again = await run('center');
    expect(again.skipped).toBe(2); // the clip and the summary, from the first export
    expect(again.clips.map((c) => c.path)).toEqual(center.clips.map((c) => c.path));
    expect(again.summary?.path).toBe(center.summary?.path);
    expect(statSync(center.clips[0]!.path).mtimeMs).toBe(first);

    expect((await readdir(join(dir, 'clips'))).sort()).toEqual(['SMPTE - 01 (shorts) v2.mp4', 'SMPTE - 01 (shorts) v2.upload.txt', 'SMPTE - 01 (shorts).mp4', 'SMPTE - 01 (shorts).upload.txt']);
    // two exports in the history, the one made again on top
    const history = await readExportHistory(dir);
    expect(history.map((e) => e.settings.crop)).toEqual(['blur', 'center']);
    expect(history.map((e) => basename(e.summary?.path ?? ''))).toEqual(['summary v2.mp4', 'summary.mp4']);
  }, 120_000);
});
