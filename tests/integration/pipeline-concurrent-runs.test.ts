import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KirinukiApi, Outcome } from '../../core/app/contract.js';
import { readManifest } from '../../core/export/manifest.js';
import { probeMedia } from '../../core/media/probe.js';
import { readProject } from '../../core/project/project-store.js';
import { httpKirinukiApi } from '../helpers/app-http-client.js';
import { startServe, type ServeProcess } from '../helpers/app-serve-process.js';
import { ensureBuilt, MAIN_JS } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { encoding, holder, killStartedRuns, pause, resume, startCli, until, type Running } from '../helpers/freeze-run.js';
import { sharedMedia } from '../helpers/shared-media.js';

/**
 * Two runs on one project at once (issue 12): `channel` during `clips`, `faces` during `channel`,
 * `serve` + the CLI. The timing is made, not hoped for: the first run is frozen (SIGSTOP on its
 * process group) once it holds the project's run lock, mid-encode, the second is started and
 * seen waiting (or refused), then the first is let go.
 */

const PANEL_ID = 'panelVid001';
const SOLO_HANDLE = '@KirinukiSolo';

// panel.mp4: B is on screen 8–15 s; liveportrait_d12.mp4 is B alone (7.3 s)
const videos = fakeChannelVideos([
  { id: 'memberB0002', title: 'Member B solo', mentions: 12, peakS: 2, durationS: 7 },
  { id: PANEL_ID, title: 'Panel talk', mentions: 12, peakS: 9, durationS: 38 },
]);
/** @KirinukiTest lists memberB0002 (newest) then the panel; @KirinukiSolo only the panel. */
const channels = [
  fakeChannel(videos),
  { id: 'UCkirinukiSoloChannel000', title: 'Solo', handle: SOLO_HANDLE, uploads: [PANEL_ID] },
];
/** Short windows and landscape keep every encode to a second or two. */
const CHANNEL_ARGS = ['--no-faces', '--preset', 'landscape', '--min-length', '2', '--max-length', '3', '--json'];

let api: FakeYoutubeApi;
let scratch: string;
let videoDir: string;
let panelFile: string;

/** The built CLI against the fake YouTube API, in its own process group (tests/helpers/freeze-run.ts). */
const start = (args: string[]): Running =>
  startCli(args, { cwd: scratch, env: { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url } });

/** No temporary or lock left anywhere; every final-named video is whole (ffprobe reads it to its end). */
async function expectEverythingWhole(root: string): Promise<void> {
  const names = (await readdir(root, { recursive: true })).map(String);
  expect(names.filter((n) => /\.part$|\.tmp$|\.lock$/.test(n) || n.includes('.work'))).toEqual([]);
  const videoFiles = names.filter((n) => n.endsWith('.mp4'));
  expect(videoFiles.length).toBeGreaterThan(0);
  for (const name of videoFiles) {
    const info = await probeMedia(join(root, name));
    expect(info.durationS, name).toBeGreaterThan(0.5);
  }
  for (const name of names.filter((n) => n.endsWith('manifest.json'))) {
    const manifest = await readManifest(join(root, name, '..'));
    expect(manifest?.complete, name).toBe(true);
    for (const clip of manifest?.clips ?? []) {
      expect(Math.abs((await probeMedia(clip.path)).durationS - clip.durationS)).toBeLessThan(0.1);
    }
  }
}

beforeAll(async () => {
  await ensureBuilt();
  expect(existsSync(MAIN_JS)).toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-concurrent-'));
  videoDir = join(scratch, 'videos');
  await mkdir(videoDir);
  panelFile = join(videoDir, `Panel talk [${PANEL_ID}].mp4`);
  await symlink(sharedMedia('video/panel.mp4'), panelFile);
  await symlink(sharedMedia('video/liveportrait_d12.mp4'), join(videoDir, 'memberB0002.mp4'));
  api = await startFakeYoutubeApi({ videos, channels });
});

// a failed test must not leave a frozen CLI behind
afterEach(killStartedRuns);

afterAll(async () => {
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('two runs on one project at once', () => {
  it('channel during clips: the channel leaves clips\' temporaries alone, waits for it, then runs; every file whole', async () => {
    const out = join(scratch, 'channel-during-clips');
    const dir = join(out, PANEL_ID);
    const clips = start(['clips', PANEL_ID, '--video', panelFile, '--out', out, '--preset', 'landscape', '--max-length', '2', '--top', '1', '--json']);
    await until('clips encoding under its lock', async () => (await holder(dir))?.what === 'kirinuki clips' && (await encoding(dir)));
    pause(clips);

    const channel = start(['channel', SOLO_HANDLE, '--out', out, '--video-dir', videoDir, ...CHANNEL_ARGS]);
    await until('the channel to wait for clips', () => channel.stderr().includes(`waiting for kirinuki clips (process ${clips.pid})`));
    // the channel took its own lock on the projects root without deleting the running encode's file
    expect(await encoding(dir)).toBe(true);
    resume(clips);

    const [clipsRun, channelRun] = await Promise.all([clips.done, channel.done]);
    expect(clipsRun.code, clipsRun.stderr).toBe(0);
    expect(channelRun.code, channelRun.stderr).toBe(0);
    expect((JSON.parse(clipsRun.stdout) as { clips: unknown[] }).clips).toHaveLength(1);
    const batch = JSON.parse(channelRun.stdout) as { videos: { id: string; status: string; clips?: number }[] };
    expect(batch.videos).toEqual([expect.objectContaining({ id: PANEL_ID, status: 'done', clips: 1 })]);

    const project = await readProject(out, PANEL_ID);
    for (const stage of ['comments', 'moments', 'acquire', 'export'] as const) expect(project?.stages[stage]?.status).toBe('complete');
    expect(project?.clips).toHaveLength(1);
    await expectEverythingWhole(out);
  }, 120_000);

  it('faces during channel: the channel waits for faces, and the identities faces wrote survive the channel\'s run', async () => {
    const out = join(scratch, 'faces-during-channel');
    const panelDir = join(out, PANEL_ID);
    const channel = start(['channel', CHANNEL_HANDLE, '--out', out, '--video-dir', videoDir, ...CHANNEL_ARGS]);
    const firstVideo = join(out, 'memberB0002');
    await until('the channel encoding its first video', async () => (await holder(firstVideo))?.what === 'a channel run' && (await encoding(firstVideo)));
    pause(channel);
    const faces = start(['faces', panelFile, '--out', out, '--from', '8', '--to', '12', '--fps', '2', '--json']);
    await until('faces holding the panel project', async () => (await holder(panelDir))?.what === 'kirinuki faces');
    pause(faces);
    resume(channel);
    await until('the channel to wait for faces', () => channel.stderr().includes(`waiting for kirinuki faces (process ${faces.pid})`));
    resume(faces);

    const [facesRun, channelRun] = await Promise.all([faces.done, channel.done]);
    expect(facesRun.code, facesRun.stderr).toBe(0);
    expect(channelRun.code, channelRun.stderr).toBe(0);
    const found = JSON.parse(facesRun.stdout) as { videoId: string; identities: { id: string; appearances: [number, number][]; totalS: number }[] };
    expect(found.videoId).toBe(PANEL_ID);
    expect(found.identities.length).toBeGreaterThan(0);
    const batch = JSON.parse(channelRun.stdout) as { videos: { id: string; status: string }[] };
    expect(batch.videos.map((v) => [v.id, v.status])).toEqual([['memberB0002', 'done'], [PANEL_ID, 'done']]);

    // the channel ran comments, moments and export on the panel after faces: none wrote back a stale copy
    const project = await readProject(out, PANEL_ID);
    expect(project?.identities?.map(({ id, appearances, totalS }) => ({ id, appearances, totalS }))).toEqual(
      found.identities.map(({ id, appearances, totalS }) => ({ id, appearances, totalS })),
    );
    for (const stage of ['comments', 'moments', 'acquire', 'faces', 'export'] as const) expect(project?.stages[stage]?.status).toBe('complete');
    expect(Date.parse(project?.stages.export?.completedAt ?? '')).toBeGreaterThan(Date.parse(project?.stages.faces?.completedAt ?? ''));
    expect(project?.clips).toHaveLength(1);
    expect(existsSync(join(panelDir, 'faces.json'))).toBe(true);
    await expectEverythingWhole(out);
  }, 120_000);

  it('serve + CLI: the app is refused naming the CLI, the CLI waits for the app; moment edits survive, every file whole', async () => {
    const out = join(scratch, 'serve-and-cli');
    const dir = join(out, PANEL_ID);
    const clipsArgs = ['clips', PANEL_ID, '--video', panelFile, '--out', out, '--preset', 'landscape', '--max-length', '2', '--top', '1', '--json'];
    const exportArgs = { videoId: PANEL_ID, preset: 'landscape', crop: 'center', perPerson: false, personIds: [] as string[], caption: 'none', maxLengthS: 2 } as const;
    let serve: ServeProcess | undefined;
    let app: (KirinukiApi & { close: () => void }) | undefined;
    try {
      serve = await startServe(['--out', out], { KIRINUKI_CONFIG_DIR: join(scratch, 'serve-config'), YOUTUBE_API_KEY: '' });
      const url = new URL(serve.url);
      app = httpKirinukiApi(`${url.origin}/`, url.searchParams.get('token') ?? '');
      const servePid = serve.child.pid ?? -1;

      // 1. the CLI holds the project: the app's export is refused naming it; a moment edit goes through
      const first = start(clipsArgs);
      await until('clips encoding under its lock', async () => (await holder(dir))?.what === 'kirinuki clips' && (await encoding(dir)));
      pause(first);
      const refused = await app.exportClips(exportArgs);
      expect(refused.ok ? null : refused.error.code).toBe('PROJECT_BUSY');
      expect(refused.ok ? '' : refused.error.message).toContain(`kirinuki clips (process ${first.pid}`);
      const moment = ok(await app.openProject({ videoId: PANEL_ID })).moments[0]!;
      // a 1.5 s moment: the app's clip is exactly the edited window (a new encode, not the CLI's file)
      const edit = { start: Math.round((moment.start + 0.5) * 10) / 10, end: Math.round((moment.start + 2) * 10) / 10 };
      ok(await app.editMoment({ videoId: PANEL_ID, rank: moment.rank, ...edit }));
      resume(first);
      const firstRun = await first.done;
      expect(firstRun.code, firstRun.stderr).toBe(0);

      // 2. the app holds the project: a CLI run started during its export waits for it
      const exporting = app.exportClips(exportArgs);
      await until('the app encoding under its lock', async () => (await holder(dir))?.what === 'an export in the app' && (await encoding(dir)));
      process.kill(servePid, 'SIGSTOP');
      const second = start(clipsArgs);
      try {
        await until('the CLI to wait for the app', () => second.stderr().includes(`waiting for an export in the app (process ${servePid})`));
      } finally {
        process.kill(servePid, 'SIGCONT');
      }
      const exported = ok(await exporting);
      expect(exported.clips).toHaveLength(1);
      expect(exported.clips[0]).toMatchObject({ start: edit.start, end: edit.end });
      const secondRun = await second.done;
      expect(secondRun.code, secondRun.stderr).toBe(0);
      expect((JSON.parse(secondRun.stdout) as { stages: { ran: string[] } }).stages.ran).toEqual(['export']);

      // the edit outlived both CLI runs; the clip list is the last export's; nothing half-written
      const view = ok(await app.openProject({ videoId: PANEL_ID }));
      expect(view.moments[0]).toMatchObject({ rank: moment.rank, ...edit, edited: true });
      // the CLI's project shows its video in the app (served from where `--video` named it)
      const played = await fetch(app.mediaUrl(view.video!), { headers: { 'X-Kirinuki-Token': url.searchParams.get('token') ?? '', Range: 'bytes=0-99' } });
      await played.body?.cancel();
      expect([played.status, played.headers.get('content-type')]).toEqual([206, 'video/mp4']);
      const listed = ok(await app.listClips({ videoId: PANEL_ID }));
      expect(listed.clips.map((c) => c.path)).toEqual((JSON.parse(secondRun.stdout) as { clips: { path: string }[] }).clips.map((c) => c.path));
      await expectEverythingWhole(out);
    } finally {
      app?.close();
      if (serve?.child.pid) process.kill(serve.child.pid, 'SIGCONT');
      await serve?.stop();
    }
  }, 120_000);
});

function ok<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}
