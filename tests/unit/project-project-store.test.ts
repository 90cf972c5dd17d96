import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/project/fingerprint.js';
import { PROJECT_SCHEMA_VERSION } from '../../core/project/project-schema.js';
import { projectJsonPath, readProject, updateProject } from '../../core/project/project-store.js';
import { KirinukiError } from '../../core/errors.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-project-store-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeProjectText(videoId: string, text: string): Promise<string> {
  const path = projectJsonPath(root, videoId);
  await mkdir(join(root, videoId), { recursive: true });
  await writeFile(path, text);
  return path;
}

describe('fingerprint', () => {
  it('ignores key order and undefined fields, and changes with any value', () => {
    expect(fingerprint({ a: 1, b: [1, 2], c: undefined })).toBe(fingerprint({ b: [1, 2], a: 1 }));
    expect(fingerprint({ a: 1, b: [1, 2] })).not.toBe(fingerprint({ a: 1, b: [2, 1] }));
    expect(fingerprint({ preset: 'shorts' })).not.toBe(fingerprint({ preset: 'reels' }));
  });
});

describe('project.json', () => {
  it('is created with a schema version and read back', async () => {
    const created = await updateProject(root, 'newProject1', 'newProject1', {});
    expect(created.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    const read = await readProject(root, 'newProject1');
    expect(read?.videoId).toBe('newProject1');
    expect(read?.stages).toEqual({});
    expect(await readProject(root, 'nothingHere')).toBeUndefined();
  });

  it('is PROJECT_CORRUPT, naming the file, for broken JSON and for a wrong shape', async () => {
    const path = await writeProjectText('corruptJson', '{"schemaVersion": 1, "videoId": "corr');
    await expect(readProject(root, 'corruptJson')).rejects.toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringContaining(path) });
    const shape = await writeProjectText('corruptShap', JSON.stringify({ schemaVersion: 1, videoId: 'corruptShap', moments: 'many' }));
    const error = await readProject(root, 'corruptShap').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KirinukiError);
    expect(error).toMatchObject({ code: 'PROJECT_CORRUPT', message: expect.stringContaining(shape) });
    await writeProjectText('notAnObject', '[1, 2, 3]');
    await expect(readProject(root, 'notAnObject')).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
    await expect(updateProject(root, 'corruptJson', 'x', {})).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
  });

  it('is PROJECT_TOO_NEW for a file from a newer Kirinuki, and is left untouched', async () => {
    const text = JSON.stringify({ schemaVersion: PROJECT_SCHEMA_VERSION + 1, videoId: 'fromFuture1', whatever: true });
    const path = await writeProjectText('fromFuture1', text);
    await expect(updateProject(root, 'fromFuture1', 'fromFuture1', {})).rejects.toMatchObject({
      code: 'PROJECT_TOO_NEW',
      message: expect.stringContaining(path),
    });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('keeps fields it does not know (another stage may have added them)', async () => {
    await updateProject(root, 'extraFields', 'extraFields', { reframe: { mode: 'follow' } });
    const again = await updateProject(root, 'extraFields', 'extraFields', { mentions: 1 });
    expect(again.reframe).toEqual({ mode: 'follow' });
  });
});

describe('updateProject', () => {
  it('loses no update when ten writers change one project at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateProject(root, 'tenWriters1', 'tenWriters1', (project) => ({ [`edit${i}`]: i, count: ((project.count as number | undefined) ?? 0) + 1 })),
      ),
    );
    const project = await readProject(root, 'tenWriters1');
    expect(project?.count).toBe(10);
    for (let i = 0; i < 10; i += 1) expect(project?.[`edit${i}`]).toBe(i);
    expect((await readdir(join(root, 'tenWriters1'))).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });
});

describe('project ids as folder names', () => {
  it('refuses a path, a dot name or a control character before it becomes a folder', async () => {
    for (const id of ['../../x', '/abs', '..', 'a\u0000b', 'a/b', '.hidden']) {
      await expect(updateProject(root, id, id, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await readdir(root)).some((n) => n.includes('x') && n.length === 1)).toBe(false);
    await expect(updateProject(root, 'パネル-353618487c02', 'p', {})).resolves.toMatchObject({ videoId: 'パネル-353618487c02' });
  });
});
