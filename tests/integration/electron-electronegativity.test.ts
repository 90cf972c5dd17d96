import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

interface Scan {
  atomicChecks: number;
  errors: { file: string; message: string }[];
  issues: Finding[];
}

interface AllowList {
  electronVersion: string;
  allowed: { id: string; file: string; reason: string }[];
}

describe('electronegativity over electron/ and renderer/', () => {
  let stage = '';
  afterAll(() => rm(stage, { recursive: true, force: true }));

  it('reports no HIGH or MEDIUM finding that is not reviewed in build/electronegativity-allowlist.json', async () => {
    const allow = JSON.parse(await readFile(join(REPO, 'build/electronegativity-allowlist.json'), 'utf8')) as AllowList;
    const electronVersion = (JSON.parse(await readFile(join(REPO, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    expect(allow.electronVersion).toBe(electronVersion);
    // one tree holding both, so the global checks (CSP, navigation limits, permission handler) see the whole app
    stage = await mkdtemp(join(tmpdir(), 'kirinuki-egn-'));
    await cp(join(REPO, 'electron'), join(stage, 'electron'), { recursive: true });
    await cp(join(REPO, 'renderer/src'), join(stage, 'renderer/src'), { recursive: true });
    await cp(join(REPO, 'renderer/index.html'), join(stage, 'renderer/index.html'));
    const { stdout } = await run(process.execPath, [join(REPO, 'tests/helpers/app-electronegativity-run.mjs'), electronVersion, stage], { cwd: REPO, maxBuffer: 1 << 24 });
    const [scan] = JSON.parse(stdout) as Scan[];
    expect(scan?.atomicChecks).toBeGreaterThan(20);
    expect(scan?.errors).toEqual([]);
    const serious = (scan?.issues ?? [])
      .filter((i) => i.severity === 'HIGH' || i.severity === 'MEDIUM')
      .map((i) => ({ ...i, file: relative(stage, i.file) }));
    const unreviewed = serious.filter((i) => !allow.allowed.some((a) => a.id === i.id && a.file === i.file));
    expect(unreviewed, JSON.stringify(unreviewed, null, 2)).toEqual([]);
    const stale = allow.allowed.filter((a) => !serious.some((i) => a.id === i.id && a.file === i.file));
    expect(stale, 'allow-list entries that match no finding any more').toEqual([]);
    for (const entry of allow.allowed) expect(entry.reason.length).toBeGreaterThan(40);
  }, 120_000);
});
