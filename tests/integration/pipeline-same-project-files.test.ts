import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import type { MethodArgs, MethodName, MethodResult } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { openProjectMedia } from '../../core/app/project-media.js';
import { runChannelBatch } from '../../core/pipeline/channel-batch.js';
import { readProject } from '../../core/project/project-store.js';
import type { Project } from '../../core/project/project-schema.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedMedia } from '../helpers/shared-media.js';

/**
 * The one pipeline (issue 12): `kirinuki clips`, the channel batch and the app, given the same
 * video and comments, write the same project; and a project made by `kirinuki clips` opens in
 * the app with its video, moments, people and clips.
 */

const VIDEO_ID = 'panelVid001';
// one moment: 12 viewers point at 0:09 (B's entrance in panel.mp4)
const videos = fakeChannelVideos([{ id: VIDEO_ID, title: 'Panel talk', mentions: 12, peakS: 9, durationS: 38 }]);

let api: FakeYoutubeApi;
let scratch: string;
let videoDir: string;
let videoFile: string;

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-same-project-'));
  videoDir = join(scratch, 'videos');
  await mkdir(videoDir);
  // a symlink, as in a folder of downloads: the app must put the file itself in its project
  videoFile = join(videoDir, `Panel talk [${VIDEO_ID}].mp4`);
  await symlink(sharedMedia('video/panel.mp4'), videoFile);
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
});

afterAll(async () => {
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function appOn(root: string, config: string, chosen?: string): App {
  return createApp({
    configDir: join(scratch, config),
    host: { kind: 'browser', chooseVideoFile: async () => chosen ?? null },
    defaultOutputDir: root,
    apiRoot: api.url,
    env: { YOUTUBE_API_KEY: api.apiKey },
  });
}

/** A call through the hosts' own entry point (argument schemas, jobs), unwrapped. */
async function call<M extends MethodName>(app: App, name: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const outcome = await dispatchCall(app.service, app.jobs, name, args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

/** What must agree between two projects of the same inputs (paths made relative, times rounded). */
function essentials(project: Project | undefined) {
  expect(project).toBeDefined();
  const p = project!;
  return {
    videoId: p.videoId,
    source: p.source,
    video: p.video,
    commentsFetched: p.commentsFetched,
    mentions: p.mentions,
    moments: p.moments,
    stages: Object.fromEntries(Object.entries(p.stages).map(([name, state]) => [name, state.status])),
    // the inputs of comments and moments are the same; acquire and export name each its own video path
    fingerprints: { comments: p.stages.comments?.fingerprint, moments: p.stages.moments?.fingerprint },
    clips: (p.clips ?? []).map((c) => ({ ...c, durationS: Math.round(c.durationS * 10) / 10 })),
  };
}

/** manifest.json as written (paths relative to the project), without the keys naming the input file. */
async function manifestOf(root: string) {
  const raw = JSON.parse(await readFile(join(root, VIDEO_ID, 'manifest.json'), 'utf8')) as {
    clips: { key?: string; durationS: number }[];
    summary: { key?: string; durationS: number } | null;
  };
  const strip = <T extends { key?: string; durationS: number }>({ key: _key, ...rest }: T) => ({ ...rest, durationS: Math.round(rest.durationS * 10) / 10 });
  return { ...raw, clips: raw.clips.map(strip), summary: raw.summary ? strip(raw.summary) : null };
}

/** The project's files, minus what only one of them keeps: the app's timeline state and its copy of the video. */
async function projectFiles(root: string): Promise<string[]> {
  const names = (await readdir(join(root, VIDEO_ID), { recursive: true })).map(String);
  return names.filter((n) => n !== 'app-state.json' && n !== 'video' && !n.startsWith('video/')).sort();
}

describe('one pipeline, one project', () => {
  it('clips, the channel batch and the app write the same project for the same inputs', async () => {
    const roots = { cli: join(scratch, 'cli'), channel: join(scratch, 'channel'), app: join(scratch, 'app') };
    const env = { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url };
    // --top 10: the moments' own default (`clips` defaults to 5, which is an input of the moments stage)
    const cli = await runCli(['clips', VIDEO_ID, '--video', videoFile, '--out', roots.cli, '--preset', 'landscape', '--max-length', '2', '--top', '10', '--json'], { cwd: scratch, env });
    expect(cli.code, cli.stderr).toBe(0);

    const batch = await runChannelBatch(CHANNEL_HANDLE, {
      out: roots.channel, apiKey: api.apiKey, apiRoot: api.url, videoDir, clips: { preset: 'landscape', maxLength: 2, noFaces: true },
    });
    expect(batch.videos.map((v) => [v.id, v.status, v.error?.code])).toEqual([[VIDEO_ID, 'done', undefined]]);

    const app = appOn(roots.app, 'config-app', videoFile);
    expect((await call(app, 'openSource', { source: VIDEO_ID })).kind).toBe('video');
    await call(app, 'chooseVideoFile', {});
    const attached = await call(app, 'attachVideo', { videoId: VIDEO_ID, path: videoFile });
    const played = await openProjectMedia(roots.app, attached.video!, 'bytes=0-99');
    played.body?.destroy();
    expect(played.status).toBe(206);
    const exported = await call(app, 'exportClips', {
      videoId: VIDEO_ID, preset: 'landscape', crop: 'center', perPerson: false, personIds: [], caption: 'none', maxLengthS: 2,
    });
    expect(exported.clips).toHaveLength(1);

    const [fromCli, fromChannel, fromApp] = await Promise.all([roots.cli, roots.channel, roots.app].map((r) => readProject(r, VIDEO_ID)));
    const expected = essentials(fromCli);
    expect(Object.keys(expected.stages)).toEqual(expect.arrayContaining(['comments', 'moments', 'acquire', 'export']));
    expect(Object.values(expected.stages).every((status) => status === 'complete')).toBe(true);
    expect(expected.moments).toHaveLength(1);
    expect(expected.clips).toHaveLength(1);
    expect(essentials(fromChannel)).toEqual(expected);
    expect(essentials(fromApp)).toEqual(expected);

    const manifest = await manifestOf(roots.cli);
    expect(manifest).toMatchObject({ complete: true, preset: 'landscape', crop: 'scale' });
    expect(await manifestOf(roots.channel)).toEqual(manifest);
    expect(await manifestOf(roots.app)).toEqual(manifest);

    const files = await projectFiles(roots.cli);
    expect(files).toEqual(expect.arrayContaining(['project.json', 'manifest.json', 'moments.json', 'comments.json', 'summary.mp4']));
    expect(await projectFiles(roots.channel)).toEqual(files);
    expect(await projectFiles(roots.app)).toEqual(files);
  }, 120_000);

  it('a project made by `kirinuki clips` opens in the app with its video, moments, people and clips', async () => {
    const root = join(scratch, 'cli-people');
    const env = { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url };
    const run = await runCli(['clips', VIDEO_ID, '--video', videoFile, '--out', root, '--preset', 'landscape', '--max-length', '2', '--per-person', '--json'], { cwd: scratch, env });
    expect(run.code, run.stderr).toBe(0);
    const made = JSON.parse(run.stdout) as { clips: { path: string; person: string }[] };
    expect(made.clips.length).toBeGreaterThan(0);
    const project = await readProject(root, VIDEO_ID);

    const app = appOn(root, 'config-opens');
    const listed = await call(app, 'listProjects', {});
    expect(listed.map((p) => [p.videoId, p.hasVideo, p.moments])).toEqual([[VIDEO_ID, true, project?.moments?.length]]);

    const view = await call(app, 'openProject', { videoId: VIDEO_ID });
    // its video: playable through the app's media route (both hosts serve it that way)
    expect(view.video).not.toBeNull();
    const media = await openProjectMedia(root, view.video!, 'bytes=0-99');
    media.body?.destroy();
    expect([media.status, media.headers['Content-Type']]).toEqual([206, 'video/mp4']);
    // its moments, as found
    expect(view.moments.map(({ rank, start, end }) => ({ rank, start, end }))).toEqual(project?.moments?.map(({ rank, start, end }) => ({ rank, start, end })));
    // its people: the faces stage's analysis, with thumbnails
    expect(view.hasPeople).toBe(true);
    const people = await call(app, 'getPeople', { videoId: VIDEO_ID });
    expect(people.analyzed).toBe(true);
    expect(people.people.map((p) => p.id).sort()).toEqual(project?.identities?.map((i) => i.id).sort());
    expect(people.people.every((p) => p.thumbnail !== null)).toBe(true);
    // its clips: the manifest's, each a file the app can show
    const clips = await call(app, 'listClips', { videoId: VIDEO_ID });
    expect(clips.clips.map((c) => [c.path, c.person])).toEqual(made.clips.map((c) => [c.path, c.person]));
    expect(clips.clips.every((c) => c.sizeBytes > 0 && c.file.videoId === VIDEO_ID)).toBe(true);
  }, 120_000);
});
