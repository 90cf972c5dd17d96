import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChannelManifest, type ChannelManifest } from '../../core/project/channel-manifest.js';
import { readCommentCache } from '../../core/youtube/comment-cache.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { startDelayProxy, type DelayProxy } from '../helpers/channel-delay-proxy.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/kirinuki.js');
const BUILT = join(REPO, 'dist/core/pipeline/channel-batch.js');
const SOURCES = ['core/pipeline/channel-batch.ts', 'core/cli/commands/channel.ts', 'core/pipeline/run-pipeline.ts'];

const videos = fakeChannelVideos(
  Array.from({ length: 8 }, (_, i) => ({ id: `chanVid${String(i).padStart(4, '0')}`, title: `Stream [${i}] 配信`, mentions: 25, noise: 130 })),
);

let api: FakeYoutubeApi;
let slow: DelayProxy;
let scratch: string;

/** Builds once when dist is missing or older than the sources this test drives. */
function ensureBuilt(): void {
  const stale = !existsSync(BUILT) || SOURCES.some((s) => statSync(join(REPO, s)).mtimeMs > statSync(BUILT).mtimeMs);
  if (stale) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'ignore' });
  if (!existsSync(BUILT)) throw new Error(`npm run build did not produce ${BUILT}`);
}

beforeAll(async () => {
  ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-channel-cli-'));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
  slow = await startDelayProxy(api.url, 120);
});

afterAll(async () => {
  await slow.close();
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(out: string, apiRoot: string): Run {
  const child = spawn(process.execPath, [BIN, 'channel', CHANNEL_HANDLE, '--out', out, '--moments-only', '--json'], {
    cwd: REPO,
    env: { ...process.env, YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: apiRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function waitForDone(out: string, count: number): Promise<void> {
  for (let i = 0; i < 2400; i += 1) {
    const manifest = await readChannelManifest(out).catch(() => undefined);
    if ((manifest?.videos.filter((v) => v.status === 'done').length ?? 0) >= count) return;
    await sleep(25);
  }
  throw new Error(`no ${count} videos done in ${out}`);
}

const statuses = (m: ChannelManifest | undefined): string[] => m?.videos.map((v) => v.status) ?? [];

async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((n) => /\.tmp$|\.part$|\.lock$/.test(n));
}

async function expectCompleteAndClean(out: string): Promise<void> {
  const manifest = await readChannelManifest(out);
  expect(statuses(manifest)).toEqual(videos.map(() => 'done'));
  expect(new Set(manifest?.videos.map((v) => v.id)).size).toBe(videos.length);
  for (const video of videos) {
    const cache = await readCommentCache(out, video.id);
    expect(cache?.fetch.complete).toBe(true);
    expect(cache?.comments.length).toBe(155);
    expect(new Set(cache?.comments.map((c) => c.id)).size).toBe(155);
  }
  expect(await leftovers(out)).toEqual([]);
}

describe('kirinuki channel (built CLI) interrupted and resumed', () => {
  it('prints the result of a run the quota stopped, and exits 1', async () => {
    const out = join(scratch, 'quota');
    api.setFaults({ quotaExceededAfterPages: api.commentPagesServed + 4 });
    const run = await startCli(out, api.url).done;
    api.setFaults({});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error QUOTA_EXCEEDED: /m);
    const result = JSON.parse(run.stdout) as { stopped: { code: string }; videos: { status: string }[]; quota: { units: number } };
    expect(result.stopped.code).toBe('QUOTA_EXCEEDED');
    expect(result.videos.map((v) => v.status)).toEqual(['done', 'done', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    // channels + playlistItems + 2 × (videos.list + 2 pages) + the third's refused videos.list
    expect(result.quota.units).toBe(1 + 1 + 2 * 3 + 1);
  });

  it('stops cleanly on SIGINT, prints the result, and resumes where it stopped', async () => {
    const out = join(scratch, 'sigint');
    const run = startCli(out, slow.url);
    await waitForDone(out, 2);
    run.child.kill('SIGINT');
    const first = await run.done;
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('error CANCELLED');
    const result = JSON.parse(first.stdout) as { stopped: { code: string }; videos: { status: string }[]; quota: { units: number } };
    expect(result.stopped.code).toBe('CANCELLED');
    expect(result.videos.filter((v) => v.status === 'done').length).toBeGreaterThanOrEqual(2);
    expect(result.videos.some((v) => v.status === 'pending')).toBe(true);
    const doneBefore = new Set((await readChannelManifest(out))?.videos.filter((v) => v.status === 'done').map((v) => v.id));

    const from = api.requests.length;
    const second = await startCli(out, api.url).done;
    expect(second.code).toBe(0);
    const resumed = api.requests.slice(from);
    expect(resumed.filter((r) => doneBefore.has(r.query.videoId ?? r.query.id ?? ''))).toEqual([]);
    expect(resumed.filter((r) => r.path.endsWith('/channels') || r.path.endsWith('/playlistItems'))).toEqual([]);
    await expectCompleteAndClean(out);
  });

  it('loses at most the video in progress on SIGKILL', async () => {
    const out = join(scratch, 'sigkill');
    const from = api.requests.length;
    const run = startCli(out, slow.url);
    await waitForDone(out, 3);
    run.child.kill('SIGKILL');
    const first = await run.done;
    expect(first.signal).toBe('SIGKILL');
    const manifest = await readChannelManifest(out);
    const doneAtKill = new Set(manifest?.videos.filter((v) => v.status === 'done').map((v) => v.id));
    expect(doneAtKill.size).toBeGreaterThanOrEqual(3);

    const middle = api.requests.length;
    const second = await startCli(out, api.url).done;
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).videos.map((v: { status: string }) => v.status)).toEqual(videos.map(() => 'done'));
    const resumed = api.requests.slice(middle);
    expect(resumed.filter((r) => doneAtKill.has(r.query.videoId ?? r.query.id ?? ''))).toEqual([]);
    // every comment page paid for once, except at most the one in flight when the run was killed
    const pages = api.requests.slice(from).filter((r) => r.path.endsWith('/commentThreads') && r.status === 200);
    expect(pages.length).toBeLessThanOrEqual(videos.length * 2 + 1);
    await expectCompleteAndClean(out);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('Stream [7] 配信');
  });
});
