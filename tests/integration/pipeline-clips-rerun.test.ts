import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { localVideoId } from '../../core/project/local-video-id.js';
import { projectDir } from '../../core/project/project-dir.js';
import { readProject } from '../../core/project/project-store.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { holder, killStartedRuns, pause, resume, startCli, until } from '../helpers/freeze-run.js';
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
  clips: { path: string; durationS: number; moment: number }[];
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

// a failed test must not leave a frozen CLI behind
afterEach(killStartedRuns);

describe('kirinuki clips through the one pipeline', () => {
  it('a second run skips every complete stage, says so, and encodes nothing', async () => {
    const root = join(scratch, 'rerun');
    const first = await runCli(['clips', ...args(root)], { cwd: scratch });
    expect(first.code).toBe(0);
    const made = JSON.parse(first.stdout) as ClipsJson;
    expect(made.stages.ran).toEqual(['comments', 'signals', 'moments', 'acquire', 'export']);
    const before = await Promise.all(made.clips.map(async (c) => (await stat(c.path)).mtimeMs));

    const second = await runCli(['clips', ...args(root)], { cwd: scratch });
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout) as ClipsJson;
    expect(again.stages).toEqual({ ran: [], skipped: ['comments', 'signals', 'moments', 'acquire', 'export'] });
    expect(second.stderr).toContain('skipped (unchanged): comments, signals, moments, acquire, export');
    expect(again.clips.map((c) => c.path)).toEqual(made.clips.map((c) => c.path));
    expect(await Promise.all(again.clips.map(async (c) => (await stat(c.path)).mtimeMs))).toEqual(before);

    // another preset redoes only the export
    const reels = await runCli(['clips', ...args(root).filter((a) => a !== 'landscape' && a !== '--preset'), '--preset', 'reels', '--crop', 'center'], { cwd: scratch });
    expect(reels.code).toBe(0);
    expect((JSON.parse(reels.stdout) as ClipsJson).stages).toEqual({ ran: ['export'], skipped: ['comments', 'signals', 'moments', 'acquire'] });
  }, 240_000);

  it('two runs on one project at once: the second waits, both succeed, every file is whole', async () => {
    const root = join(scratch, 'twice');
    const dir = projectDir(root, await localVideoId(PANEL));
    // the timing is made, not hoped for: the first is frozen holding the project, the second started
    const first = startCli(['clips', ...args(root)], { cwd: scratch });
    await until('the first run to hold the project', async () => (await holder(dir))?.pid === first.pid);
    pause(first);
    const second = startCli(['clips', ...args(root)], { cwd: scratch });
    await until('the second run to wait for the first', () => second.stderr().includes(`waiting for kirinuki clips (process ${first.pid})`));
    expect([second.exited, (await holder(dir))?.pid]).toEqual([false, first.pid]);
    resume(first);

    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).not.toContain('waiting for');
    // the second found the first's work complete: it ran nothing and names the same clips
    const [made, again] = [JSON.parse(a.stdout) as ClipsJson, JSON.parse(b.stdout) as ClipsJson];
    expect(made.stages.ran).toEqual(['comments', 'signals', 'moments', 'acquire', 'export']);
    expect(again.stages.ran).toEqual([]);
    expect(again.clips.map((c) => c.path)).toEqual(made.clips.map((c) => c.path));
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

  it('clips --top 2 after moments keeps the project\'s 10 moments and exports the best 2', async () => {
    const root = join(scratch, 'after-moments');
    // ten moments 30 s apart in a 310 s video (moments of 8 s or more), ranked by how many viewers point at each
    const video = join(scratch, 'ten-moments.mp4');
    await runFfmpeg({
      inputs: [
        { path: 'testsrc2=size=96x54:rate=2:duration=310', lavfi: true },
        { path: 'anullsrc=channel_layout=stereo:sample_rate=8000', lavfi: true },
      ],
      outputOptions: ['-t', '310', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '16k'],
      output: video, format: 'mp4', expectedDurationS: 310,
    });
    const tenMoments = join(scratch, 'ten-moments.info.json');
    const stamp = (t: number): string => `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
    const pointing = Array.from({ length: 10 }, (_, k) => Array.from({ length: 14 - k }, (_, j) => `${stamp(5 + 30 * k)} look ${j}`)).flat();
    const tenComments = pointing.map((text, i) => ({ id: `t${i}`, parent: 'root', author: `UCt${i}`, author_id: `UCt${i}`, timestamp: 1700000000 + i, text, like_count: 1 }));
    await writeFile(tenMoments, JSON.stringify({ id: 'tenMoments1', title: 'Ten moments', duration: 310, comments: tenComments }));

    const moments = await runCli(['moments', tenMoments, '--out', root, '--json'], { cwd: scratch });
    expect(moments.code, moments.stderr).toBe(0);
    const found = (await readProject(root, 'tenMoments1'))?.moments;
    expect(found).toHaveLength(10);

    const clips = await runCli(['clips', tenMoments, '--video', video, '--out', root, '--preset', 'landscape', '--max-length', '2', '--top', '2', '--json'], { cwd: scratch });
    expect(clips.code, clips.stderr).toBe(0);
    const made = JSON.parse(clips.stdout) as ClipsJson;
    // the moments are the project's, as `moments` found them: kept, not cut to the export's 2
    expect(made.stages).toEqual({ ran: ['acquire', 'export'], skipped: ['comments', 'signals', 'moments'] });
    expect((await readProject(root, 'tenMoments1'))?.moments).toEqual(found);
    expect((JSON.parse(await readFile(join(root, 'tenMoments1', 'moments.json'), 'utf8')) as { moments: unknown[] }).moments).toHaveLength(10);
    // the export takes the best 2
    expect(made.clips.map((c) => c.moment)).toEqual([1, 2]);
    expect((await readProject(root, 'tenMoments1'))?.clips).toHaveLength(2);
  }, 120_000);
});
