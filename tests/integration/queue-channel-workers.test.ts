import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { readChannelManifest } from '../../core/project/channel-manifest.js';
import { readProject } from '../../core/project/project-store.js';
import { ensureBuilt, runCli, snapshotBuiltCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { finishedLines, queueStatus, startWorker, waitFor, type WorkerProcess } from '../helpers/queue-workers.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

// a dozen 6-second videos with one moment each at 3 s, and one whose comments are disabled
const DONE_IDS = Array.from({ length: 12 }, (_, i) => `queueVid${String(i).padStart(3, '0')}`);
const OFF_ID = 'queueOff012';
const videos = fakeChannelVideos([
  ...DONE_IDS.map((id, i) => ({ id, title: `Queue stream ${i} 配信`, mentions: 12, peakS: 3, durationS: 6 })),
  { id: OFF_ID, title: 'Comments off', mentions: 0, commentsDisabled: true, durationS: 6 },
]);

interface StatusJson {
  videos: { id: string; state: string; status: string; clips?: number; attempts?: number; error?: { code: string } }[];
  quota: { units: number; requests: number; today: number };
  finished: boolean;
}

const LOGS = join(import.meta.dirname, '../../test-results/queue-channel-workers');

let api: FakeYoutubeApi;
let redis: TestRedis;
let scratch: string;
let cliDir: string;
let videoDir: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-queue-'));
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
  videoDir = join(scratch, 'videos');
  await mkdir(videoDir);
  const source = join(scratch, 'source.mp4');
  await runFfmpeg({
    inputs: [
      { path: 'testsrc2=size=320x180:rate=25:duration=6', lavfi: true },
      { path: 'sine=frequency=440:sample_rate=44100:duration=6', lavfi: true },
    ],
    outputOptions: ['-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k'],
    output: source, format: 'mp4', expectedDurationS: 6,
  });
  for (const id of DONE_IDS) await symlink(source, join(videoDir, `${id}.mp4`));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
  redis = await startTestRedis();
}, 120_000);

afterAll(async () => {
  // the workers' logs, to read when this test fails
  await mkdir(LOGS, { recursive: true });
  for (const worker of workers) await writeFile(join(LOGS, `worker-${worker.name}.log`), worker.output());
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await redis?.stop();
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('kirinuki channel --queue with three workers, one killed mid-export', () => {
  it('does every video once, with valid files, the report complete and the quota counted once', async () => {
    const out = join(scratch, 'out');
    const env = {
      YOUTUBE_API_KEY: api.apiKey,
      YOUTUBE_API_ROOT: api.url,
      KIRINUKI_QUEUE_LOCK_MS: '5000',
      KIRINUKI_QUEUE_BACKOFF_MS: '300',
    };
    // one short (2–3 s) portrait clip a video, centre crop: the export is the work, kept small
    const batch = ['--out', out, '--video-dir', videoDir, '--signals', 'comments', '--crop', 'center', '--no-faces', '--min-length', '2', '--max-length', '3', '--clips-per-video', '1'];
    const queued = await runCli(['channel', CHANNEL_HANDLE, ...batch, '--queue', redis.url(1), '--json'], { cliDir, env });
    expect(queued.code, queued.stderr).toBe(0);
    const jobs = JSON.parse(queued.stdout) as { jobs: { videoId: string; action: string }[] };
    expect(jobs.jobs.map((j) => j.action)).toEqual(videos.map(() => 'added'));
    // the same batch again adds nothing
    const again = await runCli(['channel', CHANNEL_HANDLE, ...batch, '--queue', redis.url(1)], { cliDir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 jobs added, 13 already queued or done');

    const workerArgs = ['--queue', redis.url(1), '--out', out];
    for (const name of ['a', 'b', 'c']) workers.push(startWorker(name, cliDir, workerArgs, env));
    const victim = workers[0]!;
    const killedVideo = await waitFor('worker a to start an export', () => /(queueVid\d{3}) stage export/.exec(victim.output())?.[1], 120_000, 20);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    // a worker started again (here a fourth) takes jobs like the others
    workers.push(startWorker('d', cliDir, workerArgs, env));

    const statusArgs = ['channel', CHANNEL_HANDLE, '--out', out, '--queue', redis.url(1)];
    let last: StatusJson | undefined;
    const status = await waitFor('every job to finish', async () => {
      last = await queueStatus<StatusJson>(cliDir, statusArgs.slice(1), env);
      return last.finished ? last : undefined;
    }, 240_000, 1000).catch((error: Error) => {
      const tails = workers.map((w) => `--- worker ${w.name}\n${w.output().split('\n').slice(-15).join('\n')}`).join('\n');
      throw new Error(`${error.message}: ${JSON.stringify(last?.videos.map((v) => [v.id, v.state]))}\n${tails}`);
    });

    expect(status.videos.map((v) => [v.id, v.state])).toEqual([...DONE_IDS.map((id) => [id, 'done']), [OFF_ID, 'failed']]);
    const off = status.videos.find((v) => v.id === OFF_ID);
    expect(off?.error?.code).toBe('COMMENTS_DISABLED');
    expect(off?.attempts).toBe(1); // a permanent failure is not retried

    // every video finished exactly once; the killed one kept its finished stages and redid only the export
    const alive = workers.slice(1);
    for (const id of DONE_IDS) expect(finishedLines(workers, id), id).toHaveLength(1);
    const [resumed] = finishedLines(alive, killedVideo);
    expect(resumed).toMatch(/ran: export \(/);
    expect(/queueVid\d{3} done:/.test(workers[3]!.output())).toBe(true);

    for (const id of DONE_IDS) {
      const project = await readProject(out, id);
      expect(project?.clips, id).toHaveLength(1);
      const clip = project!.clips![0]!;
      const info = await probeMedia(join(out, id, clip.path));
      expect([info.width, info.height]).toEqual([1080, 1920]);
      expect(Math.abs(info.durationS - clip.durationS)).toBeLessThan(0.15);
    }
    const leftovers = (await readdir(out, { recursive: true })).filter((n) => /\.tmp$|\.part$|\.lock$|\.draft$/.test(n));
    expect(leftovers).toEqual([]);

    // channel.json and report.html as a local run writes them
    const manifest = await readChannelManifest(out);
    expect(manifest?.videos.map((v) => [v.id, v.status, v.clips])).toEqual([...DONE_IDS.map((id) => [id, 'done', 1]), [OFF_ID, 'failed', undefined]]);
    expect(manifest?.runs.at(-1)?.finishedAt).toBeDefined();
    const report = await readFile(join(out, 'report.html'), 'utf8');
    for (const video of videos) expect(report).toContain(video.title.replace('<', '&lt;'));

    // the quota: exactly what a local run of the same channel spends (clips cost no quota)
    const local = await runCli(['channel', CHANNEL_HANDLE, '--out', join(scratch, 'local'), '--signals', 'comments', '--moments-only', '--json'], { cliDir, env });
    const localQuota = (JSON.parse(local.stdout) as { quota: { units: number } }).quota.units;
    expect(status.quota.units).toBe(localQuota);
    expect(status.quota.today).toBe(localQuota);
    expect(manifest?.runs.at(-1)?.quotaUnits).toBe(localQuota);

    // SIGTERM: the idle workers stop cleanly
    for (const worker of alive) worker.child.kill('SIGTERM');
    for (const worker of alive) expect((await worker.exited).code, worker.output()).toBe(0);
    expect(existsSync(join(out, '.kirinuki-batch.lock'))).toBe(false);
  }, 400_000);
});
