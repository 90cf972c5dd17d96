import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/project/fingerprint.js';
import { PROJECT_SCHEMA_VERSION } from '../../core/project/project-schema.js';
import { ProjectStore, projectJsonPath, readProject } from '../../core/project/project-store.js';
import { runStage } from '../../core/project/run-stage.js';
import { recordClips, recordMoments } from '../../core/project/record-stage.js';
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
    const store = await ProjectStore.open(root, 'newProject1', 'newProject1');
    expect(store.project.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
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
    await expect(ProjectStore.open(root, 'corruptJson', 'x')).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
  });

  it('is PROJECT_TOO_NEW for a file from a newer Kirinuki, and is left untouched', async () => {
    const text = JSON.stringify({ schemaVersion: PROJECT_SCHEMA_VERSION + 1, videoId: 'fromFuture1', whatever: true });
    const path = await writeProjectText('fromFuture1', text);
    await expect(ProjectStore.open(root, 'fromFuture1', 'fromFuture1')).rejects.toMatchObject({
      code: 'PROJECT_TOO_NEW',
      message: expect.stringContaining(path),
    });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('keeps fields it does not know (another stage may have added them)', async () => {
    const store = await ProjectStore.open(root, 'extraFields', 'extraFields');
    await store.update({ reframe: { mode: 'follow' } });
    const again = await ProjectStore.open(root, 'extraFields', 'extraFields');
    expect(again.project.reframe).toEqual({ mode: 'follow' });
  });
});

describe('runStage', () => {
  it('skips a complete stage with the same inputs and redoes only what changed', async () => {
    const store = await ProjectStore.open(root, 'stagedVideo', 'stagedVideo');
    const calls: string[] = [];
    const moments = (top: number) => ({
      stage: 'moments' as const,
      inputs: { top },
      compute: async () => {
        calls.push(`moments:${top}`);
        return { mentions: top };
      },
    });
    const exportStage = (preset: string, moment: number) => ({
      stage: 'export' as const,
      inputs: { preset, moment },
      compute: async () => {
        calls.push(`export:${preset}`);
        return { clips: [] };
      },
    });
    expect(await runStage(store, moments(5))).toBe('ran');
    expect(await runStage(store, exportStage('shorts', 5))).toBe('ran');
    const reopened = await ProjectStore.open(root, 'stagedVideo', 'stagedVideo');
    expect(await runStage(reopened, moments(5))).toBe('skipped');
    expect(await runStage(reopened, exportStage('shorts', 5))).toBe('skipped');
    expect(await runStage(reopened, moments(5))).toBe('skipped');
    expect(await runStage(reopened, exportStage('reels', 5))).toBe('ran');
    expect(calls).toEqual(['moments:5', 'export:shorts', 'export:reels']);
  });

  it('runs a stage again when its outputs are gone, and records a failure without losing the old state', async () => {
    const store = await ProjectStore.open(root, 'validVideo1', 'validVideo1');
    let runs = 0;
    const stage = (valid: boolean) => ({
      stage: 'export' as const,
      inputs: { preset: 'shorts' },
      compute: async () => {
        runs += 1;
        return {};
      },
      isValid: async () => valid,
    });
    await runStage(store, stage(true));
    expect(await runStage(store, stage(true))).toBe('skipped');
    expect(await runStage(store, stage(false))).toBe('ran');
    expect(runs).toBe(2);
    const failing = {
      stage: 'faces' as const,
      inputs: { fps: 5 },
      compute: async (): Promise<never> => {
        throw new KirinukiError('UNREADABLE_MEDIA', 'broken.mp4 cannot be read.');
      },
    };
    await expect(runStage(store, failing)).rejects.toMatchObject({ code: 'UNREADABLE_MEDIA' });
    const read = await readProject(root, 'validVideo1');
    expect(read?.stages.faces).toMatchObject({ status: 'failed', error: { code: 'UNREADABLE_MEDIA' } });
    expect(read?.stages.export?.status).toBe('complete');
    const cancelled = { ...failing, compute: async (): Promise<never> => { throw new KirinukiError('CANCELLED', 'stop'); } };
    await expect(runStage(store, { ...cancelled, stage: 'acquire' })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readProject(root, 'validVideo1'))?.stages.acquire).toBeUndefined();
    expect((await readdir(join(root, 'validVideo1'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('recording a command\'s stage', () => {
  it('puts the moments and the clips of single commands into project.json', async () => {
    const moment = { rank: 1, start: 298, end: 320, peak: 301, score: 9, mentions: 3, comments: [] };
    await recordMoments(root, 'dQ4wT9xYz0A', { video: { id: 'dQ4wT9xYz0A', title: 'T', durationS: 905 }, commentsFetched: 505, mentions: 120, moments: [moment] }, { top: 10 });
    const clip = { path: join(root, 'dQ4wT9xYz0A', 'clips', 'T - 01 (shorts).mp4'), moment: 1, person: null, start: 298, end: 320, width: 1080, height: 1920, durationS: 22, key: 'abc' };
    await recordClips(root, 'dQ4wT9xYz0A', 'dQ4wT9xYz0A', { clips: [clip] }, { preset: 'shorts' });
    const project = await readProject(root, 'dQ4wT9xYz0A');
    expect(project?.moments).toEqual([moment]);
    expect(project?.commentsFetched).toBe(505);
    const { key: _key, ...recorded } = clip;
    expect(project?.clips).toEqual([{ ...recorded, path: 'clips/T - 01 (shorts).mp4' }]);
    expect(Object.keys(project?.stages ?? {}).sort()).toEqual(['export', 'moments']);
  });
});
