import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../../core/project/project-store.js';
import { sharedFixture } from '../helpers/shared-media.js';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/kirinuki.js');
const FIXTURE = sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json');
let out: string;

function kirinuki(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: REPO });
}

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist/core/pipeline/run-pipeline.js'))) {
    spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'ignore' });
  }
  out = await mkdtemp(join(tmpdir(), 'kirinuki-project-cli-'));
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('project.json through the built CLI', () => {
  it('is written by `kirinuki moments`, and a corrupt or newer one is a one-line error naming it', async () => {
    const run = kirinuki('moments', FIXTURE, '--out', out, '--top', '4', '--json');
    expect(run.status).toBe(0);
    const project = await readProject(out, 'dQ4wT9xYz0A');
    expect(project?.stages.moments?.status).toBe('complete');
    expect(project?.moments?.map((m) => m.rank)).toEqual([1, 2, 3, 4]);
    expect(project?.commentsFetched).toBe(505);

    const path = join(out, 'dQ4wT9xYz0A', 'project.json');
    await writeFile(path, '{"schemaVersion": 1, "videoId": "dQ4w');
    const corrupt = kirinuki('moments', FIXTURE, '--out', out, '--json');
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toContain(`error PROJECT_CORRUPT: ${path}`);
    expect(JSON.parse(corrupt.stdout).error.code).toBe('PROJECT_CORRUPT');
    expect(corrupt.stderr).not.toMatch(/\n\s+at /);

    const future = JSON.stringify({ schemaVersion: 42, videoId: 'dQ4wT9xYz0A' });
    await writeFile(path, future);
    const tooNew = kirinuki('moments', FIXTURE, '--out', out);
    expect(tooNew.status).toBe(1);
    expect(tooNew.stderr).toMatch(new RegExp(`^error PROJECT_TOO_NEW: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(await readFile(path, 'utf8')).toBe(future);
  });
});
