import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KirinukiError } from '../../core/errors.js';
import type { PipelineStage } from '../../core/pipeline/pipeline-stage.js';
import { runPipeline, type PipelineRunOptions } from '../../core/pipeline/run-pipeline.js';
import { readProject } from '../../core/project/project-store.js';
import type { Progress } from '../../core/progress.js';

interface Job {
  top: number;
  preset: string;
  calls: string[];
  outputsThere?: boolean;
  fail?: 'UNREADABLE_MEDIA' | 'CANCELLED';
  gate?: Promise<void>;
}

const momentsStage: PipelineStage<Job> = {
  name: 'moments',
  inputs: (job) => ({ top: job.top }),
  run: async (job) => {
    job.calls.push(`moments:${job.top}`);
    return { mentions: job.top };
  },
};

const exportStage: PipelineStage<Job> = {
  name: 'export',
  inputs: (job) => ({ preset: job.preset }),
  run: async (job, context) => {
    await job.gate;
    if (job.fail) throw new KirinukiError(job.fail, 'broken.mp4 cannot be read.');
    job.calls.push(`export:${job.preset}`);
    context.onProgress({ stage: 'export', fraction: 0.5 });
    return { clips: [] };
  },
  reuse: async (job) => job.outputsThere !== false,
};

let root: string;
const options = (videoId: string, extra: Partial<PipelineRunOptions> = {}): PipelineRunOptions => ({
  root, videoId, source: videoId, what: 'a test run', wait: false, ...extra,
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-run-pipeline-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runPipeline', () => {
  it('runs every stage once, then skips the unchanged ones and redoes only what changed', async () => {
    const calls: string[] = [];
    const first = await runPipeline([momentsStage, exportStage], { top: 5, preset: 'shorts', calls }, options('stagedVideo'));
    expect(first).toMatchObject({ ran: ['moments', 'export'], skipped: [] });
    const again = await runPipeline([momentsStage, exportStage], { top: 5, preset: 'shorts', calls }, options('stagedVideo'));
    expect(again).toMatchObject({ ran: [], skipped: ['moments', 'export'] });
    const reels = await runPipeline([momentsStage, exportStage], { top: 5, preset: 'reels', calls }, options('stagedVideo'));
    expect(reels).toMatchObject({ ran: ['export'], skipped: ['moments'] });
    expect(calls).toEqual(['moments:5', 'export:shorts', 'export:reels']);
    expect((await readProject(root, 'stagedVideo'))?.mentions).toBe(5);
  });

  it('runs a complete stage again when its outputs are gone', async () => {
    const calls: string[] = [];
    await runPipeline([exportStage], { top: 1, preset: 'shorts', calls }, options('validVideo1'));
    const gone = await runPipeline([exportStage], { top: 1, preset: 'shorts', calls, outputsThere: false }, options('validVideo1'));
    expect(gone.ran).toEqual(['export']);
    expect(calls).toEqual(['export:shorts', 'export:shorts']);
  });

  it('reports structured progress: the stage, its place in the plan and its fraction', async () => {
    const events: Progress[] = [];
    await runPipeline([momentsStage, exportStage], { top: 2, preset: 'tiktok', calls: [] }, options('progressVid', { onProgress: (p) => events.push(p) }));
    expect(events).toContainEqual({ stage: 'export', fraction: 0.5, index: 1, count: 2 });
  });

  it('records a failure without losing the stages before it, and a cancel as nothing at all', async () => {
    const job: Job = { top: 3, preset: 'shorts', calls: [], fail: 'UNREADABLE_MEDIA' };
    await expect(runPipeline([momentsStage, exportStage], job, options('failingVid'))).rejects.toMatchObject({ code: 'UNREADABLE_MEDIA' });
    const failed = await readProject(root, 'failingVid');
    expect(failed?.stages.export).toMatchObject({ status: 'failed', error: { code: 'UNREADABLE_MEDIA' } });
    expect(failed?.stages.moments?.status).toBe('complete');
    await expect(runPipeline([exportStage], { ...job, preset: 'reels', fail: 'CANCELLED' }, options('failingVid'))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readProject(root, 'failingVid'))?.stages.export?.status).toBe('failed');
    const controller = new AbortController();
    controller.abort();
    await expect(runPipeline([momentsStage], { ...job, top: 9 }, options('failingVid', { signal: controller.signal }))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readdir(join(root, 'failingVid'))).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('lets one run at a time hold a project: a second is refused with PROJECT_BUSY naming the holder, or waits', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: string[] = [];
    const first = runPipeline([exportStage], { top: 1, preset: 'shorts', calls, gate }, options('busyVideo1', { what: 'an export in the app' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(runPipeline([exportStage], { top: 1, preset: 'reels', calls }, options('busyVideo1'))).rejects.toMatchObject({
      code: 'PROJECT_BUSY',
      message: expect.stringContaining('an export in the app'),
    });
    const waited: string[] = [];
    const second = runPipeline([exportStage], { top: 1, preset: 'reels', calls }, options('busyVideo1', { wait: true, onWait: (h) => waited.push(h.what) }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
    open();
    await Promise.all([first, second]);
    expect(calls).toEqual(['export:shorts', 'export:reels']);
    expect(waited).toEqual(['an export in the app']);
  });

  it('takes over a lock left by a dead process and removes only the temporaries that process left', async () => {
    const dir = join(root, 'deadHolder1');
    await mkdir(join(dir, 'clips'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(dir, '.kirinuki-run.lock'), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), what: 'kirinuki clips', since: '' }));
    await writeFile(join(dir, 'clips', 'T - 01 (shorts).mp4.part'), 'half');
    await writeFile(join(dir, 'project.json.0a1b2c3d.tmp'), 'half');
    await writeFile(join(dir, 'clips', 'T - 02 (shorts).mp4'), 'complete');
    const result = await runPipeline([momentsStage], { top: 1, preset: 'shorts', calls: [] }, options('deadHolder1'));
    expect(result.ran).toEqual(['moments']);
    expect(existsSync(join(dir, 'clips', 'T - 01 (shorts).mp4.part'))).toBe(false);
    expect(existsSync(join(dir, 'project.json.0a1b2c3d.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'clips', 'T - 02 (shorts).mp4'))).toBe(true);
    expect(existsSync(join(dir, '.kirinuki-run.lock'))).toBe(false);
  });
});
