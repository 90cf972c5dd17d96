import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionedFileName } from '../../core/export/clip-file-name.js';
import { appendExportHistory, readExportHistory, type ExportEntry } from '../../core/export/export-history.js';
import { attachmentHeader } from '../../core/serve/content-disposition.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-export-history-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const settings = (preset: string, crop = 'center'): ExportEntry['settings'] => ({
  preset, crop, captions: 'none', maxLengthS: null, fast: false, perPerson: false, persons: [],
});
const clip = (name: string, key: string) => ({
  path: join(dir, 'clips', name), moment: 1, person: null, start: 4, end: 9, width: 1080, height: 1920, durationS: 5, key,
});

describe('versionedFileName', () => {
  it('keeps the first version as it is and puts v2, v3 before the extension', () => {
    expect(versionedFileName('Panel - 01 (shorts).mp4', 1)).toBe('Panel - 01 (shorts).mp4');
    expect(versionedFileName('Panel - 01 (shorts).mp4', 2)).toBe('Panel - 01 (shorts) v2.mp4');
    expect(versionedFileName('summary - Alice.mp4', 3)).toBe('summary - Alice v3.mp4');
    expect(versionedFileName('noext', 2)).toBe('noext v2');
  });
});

describe('export history', () => {
  it('is empty without a file, and lists exports oldest first with project-relative paths on disk', async () => {
    expect(await readExportHistory(dir)).toEqual([]);
    const a = await appendExportHistory(dir, { at: '2026-01-01T10:00:00.000Z', settings: settings('shorts'), clips: [clip('a.mp4', 'k1')], summary: null, reels: [] });
    const b = await appendExportHistory(dir, { at: '2026-01-01T10:05:00.000Z', settings: settings('shorts', 'blur'), clips: [clip('a v2.mp4', 'k2')], summary: null, reels: [] });
    expect(a.id).not.toBe(b.id);
    const history = await readExportHistory(dir);
    expect(history.map((e) => e.settings.crop)).toEqual(['center', 'blur']);
    expect(history[1]?.clips[0]?.path).toBe(join(dir, 'clips', 'a v2.mp4'));
    const raw = JSON.parse(await readFile(join(dir, 'exports.json'), 'utf8')) as { exports: { clips: { path: string }[] }[] };
    expect(raw.exports[0]?.clips[0]?.path).toBe('clips/a.mp4');
  });

  it('a re-run that made the same files moves its entry to the top instead of listing it twice', async () => {
    const before = await readExportHistory(dir);
    const again = await appendExportHistory(dir, { at: '2026-01-01T11:00:00.000Z', settings: settings('shorts'), clips: [clip('a.mp4', 'k1')], summary: null, reels: [] });
    const history = await readExportHistory(dir);
    expect(history).toHaveLength(2);
    expect(again.id).toBe(before[0]?.id);
    expect(history.map((e) => e.settings.crop)).toEqual(['blur', 'center']);
    expect(history[1]?.at).toBe('2026-01-01T11:00:00.000Z');
  });
});

describe('attachmentHeader', () => {
  it('names the file in ASCII and exactly in UTF-8', () => {
    expect(attachmentHeader('Panel - 01 (shorts).mp4')).toBe(`attachment; filename="Panel - 01 (shorts).mp4"; filename*=UTF-8''Panel%20-%2001%20%28shorts%29.mp4`);
    const header = attachmentHeader('配信 "best" - 01.mp4');
    expect(header).toContain('filename="__ _best_ - 01.mp4"');
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('配信 "best" - 01.mp4')}`);
  });
});
