import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from '../../core/export/manifest.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { ensureBuilt, REPO, runCli } from '../helpers/built-cli.js';
import { startFakeUploadServer, type FakeUploadServer } from '../helpers/fake-youtube-upload.js';

const VIDEO_ID = 'cL1pUbl1sh0';
let base: string;
let fake: FakeUploadServer;
let project: string;
let clip: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  await ensureBuilt();
  base = await mkdtemp(join(tmpdir(), 'kirinuki-publish-cli-'));
  fake = await startFakeUploadServer();
  project = join(base, 'projects', VIDEO_ID);
  await mkdir(join(project, 'clips'), { recursive: true });
  clip = join(project, 'clips', 'Speedrun - 02 (shorts).mp4');
  await renderTestPattern({ output: clip, durationS: 4, width: 540, height: 960 });
  // an older export: no upload text, so the title comes from the manifest's moment
  await writeManifest(project, {
    video: { id: VIDEO_ID, title: 'Speedrun' },
    preset: 'shorts',
    crop: 'follow',
    fast: false,
    complete: true,
    clips: [{ path: clip, moment: 2, person: null, start: 30, end: 34, width: 540, height: 960, durationS: 4 }],
    summary: null,
  });
  env = {
    KIRINUKI_CONFIG_DIR: join(base, 'config'),
    KIRINUKI_UPLOAD_ROOT: fake.url,
    KIRINUKI_OAUTH_AUTH_URL: fake.authUrl,
    KIRINUKI_OAUTH_TOKEN_URL: fake.tokenUrl,
    KIRINUKI_BROWSER: join(REPO, 'tests/helpers/fake-browser.mjs'),
    KIRINUKI_OAUTH_CLIENT_ID: undefined,
    KIRINUKI_OAUTH_CLIENT_SECRET: undefined,
    KIRINUKI_OAUTH_CLIENT_FILE: undefined,
  };
}, 180_000);

afterAll(async () => {
  await fake.close();
  await rm(base, { recursive: true, force: true });
});

describe('kirinuki publish (built CLI)', () => {
  it('says what is missing, signs in through the browser, uploads across a dropped connection, and never twice', async () => {
    const noClient = await runCli(['publish', project, '--json'], { env });
    expect(noClient.code).toBe(1);
    expect(JSON.parse(noClient.stdout).error.code).toBe('OAUTH_CLIENT_MISSING');
    expect(noClient.stderr).toMatch(/^error OAUTH_CLIENT_MISSING: No OAuth client to sign in to YouTube with: set KIRINUKI_OAUTH_CLIENT_ID and KIRINUKI_OAUTH_CLIENT_SECRET, or save the client JSON from Google Cloud as \S+\/config\/oauth-client\.json/m);

    // the client JSON as Google Cloud downloads it, in the config folder
    await mkdir(env.KIRINUKI_CONFIG_DIR as string, { recursive: true });
    await writeFile(join(env.KIRINUKI_CONFIG_DIR as string, 'oauth-client.json'), JSON.stringify({
      installed: { client_id: fake.clientId, client_secret: fake.clientSecret, auth_uri: fake.authUrl, token_uri: fake.tokenUrl, redirect_uris: ['http://localhost'] },
    }));
    const notSignedIn = await runCli(['publish', project], { env });
    expect(notSignedIn.code).toBe(1);
    expect(notSignedIn.stderr).toContain('error AUTH_REQUIRED: Kirinuki is not signed in to YouTube: run `kirinuki publish --sign-in` once');

    const past = await runCli(['publish', project, '--at', '2001-01-01T00:00:00Z'], { env });
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/^error INVALID_ARGUMENT: --at 2001-01-01T00:00:00Z is in the past/m);

    const signIn = await runCli(['publish', '--sign-in', '--json'], { env, timeout: 60_000 });
    expect(signIn.stderr).toContain('Sign in to YouTube in the browser');
    expect(signIn.code, signIn.stderr).toBe(0);
    expect(JSON.parse(signIn.stdout)).toEqual({ signedIn: true });
    const tokenFile = join(env.KIRINUKI_CONFIG_DIR as string, 'youtube-token');
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);

    fake.dropNextPutAfter(400 * 1024);
    const first = await runCli(['publish', clip, '--privacy', 'unlisted', '--made-for-kids', '--json'], { env, timeout: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Publishing 1 clip(s): 1 600 quota units of the 10 000');
    const result = JSON.parse(first.stdout);
    const session = fake.sessions.at(-1)!;
    expect(session.data.equals(await readFile(clip))).toBe(true);
    expect(session.pieces).toHaveLength(2);
    expect(session.metadata.snippet).toMatchObject({ title: 'Speedrun #2', categoryId: '24' });
    expect(String(session.metadata.snippet?.description)).toBe(`Source: Speedrun\nhttps://www.youtube.com/watch?v=${VIDEO_ID}&t=30s\n\n#shorts`);
    expect(session.metadata.status).toEqual({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: true });
    expect(result).toMatchObject({ quotaPlanned: 1600, quota: { units: 1600 }, clips: [{ status: 'published', videoId: session.videoId, privacy: 'unlisted' }] });
    expect((await readManifest(project))?.clips[0]?.published?.videoId).toBe(session.videoId);

    const requests = fake.requests.length;
    const again = await runCli(['publish', project, '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).clips[0]).toMatchObject({ status: 'already-published', alreadyPublished: true, videoId: session.videoId });
    const plain = await runCli(['publish', project], { env });
    expect(plain.stdout).toMatch(new RegExp(`^already published  https://www.youtube.com/watch\\?v=${session.videoId}  \\(unlisted\\)  Speedrun #2$`, 'm'));
    expect(fake.requests.length).toBe(requests);

    const stored = (await readFile(tokenFile, 'utf8')).trim();
    expect(fake.issuedTokens).toContain(stored);
    const outputs = [noClient, notSignedIn, signIn, first, again, plain].map((r) => r.stdout + r.stderr).join('\n');
    const projectFiles = (await readdir(project, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.endsWith('.mp4'));
    const projectText = (await Promise.all(projectFiles.map((e) => readFile(join(e.parentPath, e.name), 'utf8')))).join('\n');
    for (const token of fake.issuedTokens) {
      expect(outputs).not.toContain(token);
      expect(projectText).not.toContain(token);
    }
  }, 120_000);
});
