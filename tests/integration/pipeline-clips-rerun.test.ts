import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');

/** Viewers pointing at 0:04 and 0:17 of the panel video. */
function infoJson(): object {
  const comments = [
    ...['0:04-0:09 lol', '0:04~0:09 草', '0:05 this'].map((text, i) => ({ text, like_count: 3 + i, author_id: `UCa${i}` })),
    ...['0:17-0:22 神', '0:17~0:22 yes', '0:18 最高'].map((text, i) => ({ text, like_count: 2, author_id: `UCb${i}` })),
  ].map((c, i) => ({ id: `c${i}`, parent: 'root', author: c.author_id, timestamp: 1700000000 + i, ...c }));
  return { id: 'panelRerun1', title: 'Panel rerun', duration: 38.16, comments };
}

interface ClipsJson {
  clips: { path: string; durationS: number }[];
  stages: { ran: string[]; skipped: string[] };
}

let scratch: string;
let comments: string;
const args = (root: string): string[] => [PANEL, '--comments', comments, '--out', root, '--preset', 'landscape', '--max-length', '2', '--top', '2', '--json'];

beforeAll(async () => {
  await ensureBuilt('dist/core/pipeline/run-clips.js');
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-pipeline-rerun-'));
  comments = join(scratch, 'comments.info.json');
  await writeFile(comments, JSON.stringify(infoJson()));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('kirinuki clips through the one pipeline', () => {
  it('a second run skips every complete stage, says so, and encodes nothing', async () => {
    const root = join(scratch, 'rerun');
    const first = await runCli(['clips', ...args(root)], { cwd: scratch });
    expect(first.code).toBe(0);
    const made = JSON.parse(first.stdout) as ClipsJson;
    expect(made.stages.ran).toEqual(['comments', 'moments', 'acquire', 'export']);
    const before = await Promise.all(made.clips.map(async (c) => (await stat(c.path)).mtimeMs));

    const second = await runCli(['clips', ...args(root)], { cwd: scratch });
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout) as ClipsJson;
    expect(again.stages).toEqual({ ran: [], skipped: ['comments', 'moments', 'acquire', 'export'] });
    expect(second.stderr).toContain('skipped (unchanged): comments, moments, acquire, export');
    expect(again.clips.map((c) => c.path)).toEqual(made.clips.map((c) => c.path));
    expect(await Promise.all(again.clips.map(async (c) => (await stat(c.path)).mtimeMs))).toEqual(before);

    // another preset redoes only the export
    const reels = await runCli(['clips', ...args(root).filter((a) => a !== 'landscape' && a !== '--preset'), '--preset', 'reels', '--crop', 'center'], { cwd: scratch });
    expect(reels.code).toBe(0);
    expect((JSON.parse(reels.stdout) as ClipsJson).stages).toEqual({ ran: ['export'], skipped: ['comments', 'moments', 'acquire'] });
  }, 240_000);

  it('two runs on one project at once: the second waits, both succeed, every file is whole', async () => {
    const root = join(scratch, 'twice');
    const [a, b] = await Promise.all([runCli(['clips', ...args(root)], { cwd: scratch }), runCli(['clips', ...args(root)], { cwd: scratch })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.stderr, b.stderr].filter((e) => e.includes('waiting for kirinuki clips'))).toHaveLength(1);
    const [project] = await readdir(root);
    const dir = join(root, project ?? '');
    for (const name of (await readdir(join(dir, 'clips'))).filter((n) => n.endsWith('.mp4'))) {
      const info = await probeMedia(join(dir, 'clips', name));
      expect(Math.abs(info.durationS - 2)).toBeLessThan(0.1);
    }
    const names = await readdir(join(dir, 'clips'));
    expect(names.filter((n) => n.includes('.part') || n.includes('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, '.kirinuki-run.lock'))).toBe(false);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { complete: boolean; clips: unknown[] };
    expect(manifest).toMatchObject({ complete: true });
    expect(manifest.clips).toHaveLength(2);
  }, 240_000);
});
