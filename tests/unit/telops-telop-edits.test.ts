import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelopEditsFile } from '../../core/telops/telop.js';
import { readTelopEdits, TELOP_EDITS_FILE, updateTelopEdits } from '../../core/telops/telop-edits.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-telop-edits-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const projectWith = async (name: string, content?: string): Promise<string> => {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  if (content !== undefined) await writeFile(join(dir, TELOP_EDITS_FILE), content);
  return dir;
};

describe('telop-edits.json', () => {
  it('reads as no edits before the first one', async () => {
    expect(await readTelopEdits(await projectWith('fresh'))).toEqual({ version: 1, edits: [] });
  });

  it('loses no edit when ten saves change it at once', async () => {
    const dir = await projectWith('tenSaves');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateTelopEdits(dir, (file) => ({ ...file, edits: [...file.edits, { cueStart: i, text: `line ${i}` }] })),
      ),
    );
    await updateTelopEdits(dir, (file) => ({ ...file, style: 'boxed' }));
    const file = await readTelopEdits(dir);
    expect(file.edits.map((e) => e.cueStart).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(file.style).toBe('boxed');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('refuses a change that would write an invalid file, and writes nothing', async () => {
    const dir = await projectWith('refused');
    await updateTelopEdits(dir, (file) => ({ ...file, edits: [{ cueStart: 1, hidden: true }] }));
    const before = await readFile(join(dir, TELOP_EDITS_FILE), 'utf8');
    const backwards = (file: TelopEditsFile): TelopEditsFile => ({ ...file, edits: [{ cueStart: 2, start: 5, end: 4 }] });
    await expect(updateTelopEdits(dir, backwards)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/edits\.0/) });
    expect(await readFile(join(dir, TELOP_EDITS_FILE), 'utf8')).toBe(before);
  });

  it('names a corrupt file and a newer one', async () => {
    await expect(readTelopEdits(await projectWith('badJson', '{"version":1,'))).rejects.toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringContaining(TELOP_EDITS_FILE) });
    await expect(readTelopEdits(await projectWith('badShape', '{"version":1,"edits":[{"text":"x"}]}'))).rejects.toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringMatching(/edits\.0\.cueStart/) });
    await expect(readTelopEdits(await projectWith('newer', '{"version":2,"edits":[]}'))).rejects.toMatchObject({ code: 'PROJECT_TOO_NEW' });
  });
});
