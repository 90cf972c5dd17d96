import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import type { AppEvent } from '../../core/app/contract.js';
import { readManifest, writeManifest } from '../../core/export/manifest.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { REPO } from '../helpers/built-cli.js';
import { startFakeUploadServer, type FakeUploadServer } from '../helpers/fake-youtube-upload.js';

const VIDEO_ID = 'aPpPubl1sh0';
const REL = 'clips/Quiz - 01 (shorts).mp4';
let base: string;
let fake: FakeUploadServer;
let app: App;
const file = { videoId: VIDEO_ID, rel: REL };
const call = (name: string, args: unknown, jobId?: string) => dispatchCall(app.service, app.jobs, name, args, jobId ? { jobId } : {});

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-publish-app-'));
  fake = await startFakeUploadServer();
  const project = join(base, 'projects', VIDEO_ID);
  await mkdir(join(project, 'clips'), { recursive: true });
  const path = join(project, REL);
  await renderTestPattern({ output: path, durationS: 3, width: 540, height: 960 });
  await writeManifest(project, {
    video: { id: VIDEO_ID, title: 'Quiz' },
    preset: 'shorts',
    crop: 'follow',
    fast: false,
    complete: true,
    clips: [{ path, moment: 1, person: null, start: 5, end: 8, width: 540, height: 960, durationS: 3, upload: { title: 'The answer was 42【Quiz】', description: 'Source: Quiz\n\n#shorts', tags: ['切り抜き'] } }],
    summary: null,
  });
  app = createApp({
    configDir: join(base, 'config'),
    host: { kind: 'browser' },
    defaultOutputDir: join(base, 'projects'),
    env: {
      KIRINUKI_OAUTH_CLIENT_ID: fake.clientId,
      KIRINUKI_OAUTH_CLIENT_SECRET: fake.clientSecret,
      KIRINUKI_UPLOAD_ROOT: fake.url,
      KIRINUKI_OAUTH_AUTH_URL: fake.authUrl,
      KIRINUKI_OAUTH_TOKEN_URL: fake.tokenUrl,
      KIRINUKI_BROWSER: join(REPO, 'tests/helpers/fake-browser.mjs'),
    },
  });
}, 120_000);

afterAll(async () => {
  await fake.close();
  await rm(base, { recursive: true, force: true });
});

describe('Publish in the app', () => {
  it('plans with the quota, signs in through the system browser, uploads as a job, and then only shows the link', async () => {
    const plan = await call('planPublish', { file });
    expect(plan).toEqual({ ok: true, value: { title: 'The answer was 42【Quiz】', quotaUnits: 1600, dailyQuota: 10_000, resuming: false, signedIn: false, published: null } });

    const bad = await call('publishClip', { file, privacy: 'public', at: '2040-01-01T00:00:00Z', madeForKids: false });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(fake.requests).toHaveLength(0);

    const events: AppEvent[] = [];
    const off = app.jobs.onEvent((event) => events.push(event));
    fake.dropNextPutAfter(300 * 1024);
    const published = await call('publishClip', { file, privacy: 'unlisted', madeForKids: false }, 'publish-test-1');
    off();
    const session = fake.sessions.at(-1)!;
    expect(published).toEqual({ ok: true, value: { videoId: session.videoId, url: `https://www.youtube.com/watch?v=${session.videoId}`, privacy: 'unlisted', publishAt: null, alreadyPublished: false } });
    expect(session.data.equals(await readFile(join(base, 'projects', VIDEO_ID, REL)))).toBe(true);
    expect(session.metadata.snippet).toMatchObject({ title: 'The answer was 42【Quiz】', description: 'Source: Quiz\n\n#shorts' });
    const stages = events.filter((e) => e.type === 'progress').map((e) => (e as { stage: string }).stage);
    expect(stages[0]).toBe('sign-in');
    expect(stages.at(-1)).toBe('publish');
    expect(app.jobs.list(VIDEO_ID).map((j) => j.kind)).toContain('publishClip');
    expect((await stat(join(base, 'config', 'youtube-token'))).mode & 0o777).toBe(0o600);
    expect((await readManifest(join(base, 'projects', VIDEO_ID)))?.clips[0]?.published?.videoId).toBe(session.videoId);

    const requests = fake.requests.length;
    const again = await call('planPublish', { file });
    expect(again).toMatchObject({ ok: true, value: { quotaUnits: 0, signedIn: true, published: { videoId: session.videoId, alreadyPublished: true } } });
    const twice = await call('publishClip', { file, privacy: 'private', madeForKids: false });
    expect(twice).toMatchObject({ ok: true, value: { videoId: session.videoId, privacy: 'unlisted', alreadyPublished: true } });
    expect(fake.requests.length).toBe(requests);
  }, 60_000);

  it('keeps the OAuth client from Settings as a 0600 client JSON, never returns its secret, and signs out', async () => {
    const configDir = join(base, 'config-settings');
    const settingsApp = createApp({ configDir, host: { kind: 'browser' }, defaultOutputDir: join(base, 'projects'), env: {} });
    const settingsCall = (name: string, args: unknown) => dispatchCall(settingsApp.service, settingsApp.jobs, name, args, {});
    expect(await settingsCall('getYoutubeAccount', {})).toMatchObject({ ok: true, value: { clientSource: null, clientId: null, signedIn: false } });
    // a clip already on YouTube needs no client (nothing is sent)
    expect(await settingsCall('publishClip', { file, privacy: 'private', madeForKids: false })).toMatchObject({ ok: true, value: { alreadyPublished: true } });
    expect(await settingsCall('saveYoutubeAccount', { clientId: 'x.apps.googleusercontent.com' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    const saved = await settingsCall('saveYoutubeAccount', { clientId: 'x.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' });
    const clientFile = join(configDir, 'oauth-client.json');
    expect(saved).toEqual({ ok: true, value: { clientSource: clientFile, clientId: 'x.apps.googleusercontent.com', signedIn: false, storage: `a file readable only by you (${join(configDir, 'youtube-token')})` } });
    expect(JSON.stringify(saved)).not.toContain('GOCSPX-secret');
    expect((await stat(clientFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(clientFile, 'utf8'))).toEqual({ installed: { client_id: 'x.apps.googleusercontent.com', client_secret: 'GOCSPX-secret' } });

    // the first app's sign-in, forgotten on request
    expect(await call('getYoutubeAccount', {})).toMatchObject({ ok: true, value: { clientSource: 'KIRINUKI_OAUTH_CLIENT_ID', signedIn: true } });
    expect(await call('saveYoutubeAccount', { signOut: true })).toMatchObject({ ok: true, value: { signedIn: false } });
    await expect(stat(join(base, 'config', 'youtube-token'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
