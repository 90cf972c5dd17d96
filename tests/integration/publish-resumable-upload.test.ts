import { readFile, readdir, rm, stat, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../core/app/secret-store.js';
import { publishAuth, signInToYoutube, YOUTUBE_TOKEN_NAME } from '../../core/app/youtube-account.js';
import { readManifest, writeManifest, type ClipsManifest } from '../../core/export/manifest.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { planPublish, publishClips, type PublishRequest } from '../../core/publish/publish-clips.js';
import { resolvePublishEndpoints, type PublishEndpoints } from '../../core/publish/publish-endpoints.js';
import { parsePublishSettings } from '../../core/publish/publish-settings.js';
import { readPublishState } from '../../core/publish/publish-state.js';
import { signIn } from '../../core/publish/sign-in.js';
import { approveInBrowser, startFakeUploadServer, type FakeUploadServer } from '../helpers/fake-youtube-upload.js';

const VIDEO_ID = 'pUbL1sh3r_0';
let base: string;
let fake: FakeUploadServer;
let endpoints: PublishEndpoints;
let clipFile: string;
let clipBytes: Buffer;
let configDir: string;

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A project whose manifest lists one exported portrait clip with its upload text. */
async function makeProject(name: string): Promise<string> {
  const dir = join(base, name, VIDEO_ID);
  await mkdir(join(dir, 'clips'), { recursive: true });
  const path = join(dir, 'clips', 'Karaoke night - 01 (shorts).mp4');
  await writeFile(path, clipBytes);
  const upload = { title: `${'とても長いタイトル'.repeat(15)} <live>`, description: '元動画: Karaoke night\nhttps://www.youtube.com/watch?v=pUbL1sh3r_0&t=61s', tags: ['#切り抜き', 'karaoke'] };
  const manifest: ClipsManifest = {
    video: { id: VIDEO_ID, title: 'Karaoke night' },
    preset: 'shorts',
    crop: 'follow',
    fast: false,
    complete: true,
    clips: [{ path, moment: 1, person: null, start: 61, end: 64, width: 540, height: 960, durationS: 3, upload }],
    summary: null,
  };
  await writeManifest(dir, manifest);
  return dir;
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  const account = { configDir, tokens: fileSecretStore(configDir, YOUTUBE_TOKEN_NAME), env: { KIRINUKI_OAUTH_CLIENT_ID: fake.clientId, KIRINUKI_OAUTH_CLIENT_SECRET: fake.clientSecret } };
  return {
    settings: parsePublishSettings({}),
    auth: publishAuth(account, 'run `kirinuki publish --sign-in`'),
    endpoints,
    retry: { baseDelayMs: 5, timeoutMs: 10_000 },
    ...overrides,
  };
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-publish-'));
  fake = await startFakeUploadServer();
  endpoints = resolvePublishEndpoints({ KIRINUKI_UPLOAD_ROOT: fake.url, KIRINUKI_OAUTH_AUTH_URL: fake.authUrl, KIRINUKI_OAUTH_TOKEN_URL: fake.tokenUrl });
  clipFile = join(base, 'pattern.mp4');
  await renderTestPattern({ output: clipFile, durationS: 4, width: 540, height: 960 });
  clipBytes = await readFile(clipFile);
}, 120_000);

afterAll(async () => {
  await fake.close();
  await rm(base, { recursive: true, force: true });
});

beforeEach(async () => {
  configDir = await mkdtemp(join(base, 'config-'));
});

async function signedIn(): Promise<void> {
  await signInToYoutube(
    { configDir, tokens: fileSecretStore(configDir, YOUTUBE_TOKEN_NAME), env: { KIRINUKI_OAUTH_CLIENT_ID: fake.clientId, KIRINUKI_OAUTH_CLIENT_SECRET: fake.clientSecret } },
    { endpoints, openUrl: approveInBrowser },
  );
}

describe('kirinuki publish through the resumable upload protocol', () => {
  it('signs in with PKCE, resumes a PUT dropped half-way from the 308 Range, and records the video once', async () => {
    expect(clipBytes.length).toBeGreaterThan(3 * 256 * 1024);
    await signedIn();
    const tokenFile = join(configDir, YOUTUBE_TOKEN_NAME);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(fake.tokenGrants).toEqual(['authorization_code']);

    const project = await makeProject('resume');
    const plan = await planPublish(project);
    expect(plan.quotaUnits).toBe(1600);
    fake.dropNextPutAfter(Math.floor(clipBytes.length / 2));
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const logs: string[] = [];
    const fractions: number[] = [];
    const sessionsBefore = fake.sessions.length;
    const result = await publishClips(plan, request({
      settings: parsePublishSettings({ at }),
      log: (line) => logs.push(line),
      onProgress: (p) => fractions.push(p.fraction),
    }));

    const sessions = fake.sessions.slice(sessionsBefore);
    expect(sessions).toHaveLength(1);
    const session = sessions[0]!;
    expect(session.data.equals(clipBytes)).toBe(true);
    // every byte kept exactly once: the kept pieces follow each other without overlap
    expect(session.pieces.length).toBe(2);
    expect(session.pieces[0]![0]).toBe(0);
    expect(session.pieces[1]![0]).toBe(session.pieces[0]![1]);
    expect(session.pieces[1]![1]).toBe(clipBytes.length);
    // what the drop cost: the bytes after the last whole 256 KiB unit the server kept, sent again
    expect(session.wireBytes - clipBytes.length).toBeLessThan(256 * 1024 + 64 * 1024);
    const queries = fake.requests.filter((r) => r.method === 'PUT' && r.contentRange === `bytes */${clipBytes.length}`);
    expect(queries).toHaveLength(1);
    const resumedPut = fake.requests.filter((r) => r.method === 'PUT' && r.contentRange?.startsWith(`bytes ${session.pieces[0]![1]}-`));
    expect(resumedPut).toHaveLength(1);

    const snippet = session.metadata.snippet as { title: string; description: string; tags: string[]; categoryId: string };
    const status = session.metadata.status as Record<string, unknown>;
    expect(Array.from(snippet.title).length).toBeLessThanOrEqual(100);
    expect(snippet.title).not.toMatch(/[<>]/);
    expect(snippet.description.startsWith('元動画: Karaoke night')).toBe(true);
    expect(snippet.description).toContain('#shorts');
    expect(snippet.tags).toEqual(['切り抜き', 'karaoke']);
    expect(snippet.categoryId).toBe('24');
    expect(status).toEqual({ privacyStatus: 'private', selfDeclaredMadeForKids: false, publishAt: at });

    expect(result.clips).toHaveLength(1);
    const [published] = result.clips;
    expect(published?.title).toBe(snippet.title);
    expect(published).toMatchObject({ status: 'published', alreadyPublished: false, videoId: session.videoId, privacy: 'private', publishAt: at });
    expect(result.quota.units).toBe(1600);
    expect(fractions.at(-1)).toBe(1);
    const manifest = await readManifest(project);
    expect(manifest?.clips[0]?.published).toMatchObject({ videoId: session.videoId, privacy: 'private', publishAt: at });
    const state = await readPublishState(project);
    expect(Object.values(state)).toEqual([{ published: expect.objectContaining({ videoId: session.videoId }) }]);

    // the tokens are in the 0600 file only: not in any project file, not in the log
    const stored = (await readFile(tokenFile, 'utf8')).trim();
    expect(fake.issuedTokens).toContain(stored);
    for (const file of await allFiles(project)) {
      if (file.endsWith('.mp4')) continue;
      const text = await readFile(file, 'utf8');
      for (const token of fake.issuedTokens) expect(text, file).not.toContain(token);
    }
    for (const token of fake.issuedTokens) expect(logs.join('\n')).not.toContain(token);

    // a second publish: already published, and not one request
    const before = fake.requests.length;
    const again = await publishClips(await planPublish(join(project, 'clips', 'Karaoke night - 01 (shorts).mp4')), request());
    expect(again.clips[0]).toMatchObject({ status: 'already-published', alreadyPublished: true, videoId: session.videoId });
    expect(again.quota.units).toBe(0);
    expect(fake.requests.length).toBe(before);
  }, 60_000);

  it('gives up with UPLOAD_INTERRUPTED after its retries, keeps the session, and the next run resumes it', async () => {
    await signedIn();
    const project = await makeProject('interrupted');
    const sessionsBefore = fake.sessions.length;
    // the first PUT keeps one 256 KiB unit, every later one is cut before a whole unit arrives
    fake.dropNextPutAfter(300 * 1024);
    fake.dropEveryPutAfter(100 * 1024);
    const failed = await publishClips(await planPublish(project), request({ retry: { attempts: 1, baseDelayMs: 5, timeoutMs: 10_000 } })).catch((e: unknown) => e);
    fake.dropEveryPutAfter(null);
    expect(failed).toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect((failed as Error).message).toMatch(/^The upload of Karaoke night - 01 \(shorts\)\.mp4 stopped at 0\.3 of \d\.\d MB after 2 interruptions; run the same publish again/);
    const kept = Object.values(await readPublishState(project))[0];
    expect(kept?.session?.uri).toMatch(/upload_id=/);
    expect(kept?.session?.uri).not.toMatch(/token|key=/);

    const plan = await planPublish(project);
    expect(plan.clips[0]?.resuming).toBe(true);
    expect(plan.quotaUnits).toBe(0);
    const result = await publishClips(plan, request());
    const sessions = fake.sessions.slice(sessionsBefore);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.data.equals(clipBytes)).toBe(true);
    expect(result.clips[0]?.videoId).toBe(sessions[0]!.videoId);
    expect(result.quota.units).toBe(0);
  }, 60_000);

  it('counts one upload once: a dropped session-opening POST is opened again without another 1 600 units', async () => {
    await signedIn();
    const project = await makeProject('dropped-post');
    const requestsBefore = fake.requests.length;
    fake.dropNextPost();
    const result = await publishClips(await planPublish(project), request());
    const posts = fake.requests.slice(requestsBefore).filter((r) => r.method === 'POST' && r.path === '/upload/youtube/v3/videos');
    expect(posts).toHaveLength(2);
    expect(result.clips[0]?.videoId).toMatch(/^v/);
    expect(result.quota.units).toBe(1600);
  }, 60_000);

  it('another clip exported later at a published clip\'s freed name (other settings key) is uploaded, not "already published"', async () => {
    await signedIn();
    const project = await makeProject('freed-name');
    const withKey = async (key: string): Promise<void> => {
      const manifest = (await readManifest(project))!;
      await writeManifest(project, { ...manifest, clips: manifest.clips.map(({ published: _p, ...c }) => ({ ...c, key })) });
    };
    await withKey('settings-a');
    const first = await publishClips(await planPublish(project), request());
    expect(first.clips[0]?.status).toBe('published');
    expect((await planPublish(project)).clips[0]?.published?.videoId).toBe(first.clips[0]?.videoId);

    // "delete export", then a new clip (other moment or settings) made at the same file name
    const clip = join(project, 'clips', 'Karaoke night - 01 (shorts).mp4');
    await rm(clip);
    await writeFile(clip, clipBytes);
    await withKey('settings-b');
    const plan = await planPublish(project);
    expect(plan.clips[0]?.published).toBeNull();
    expect(plan.quotaUnits).toBe(1600);
    const second = await publishClips(plan, request());
    expect(second.clips[0]?.status).toBe('published');
    expect(second.clips[0]?.videoId).not.toBe(first.clips[0]?.videoId);
    expect(Object.values(await readPublishState(project))[0]).toMatchObject({ clipKey: 'settings-b', published: { videoId: second.clips[0]?.videoId } });
    expect((await publishClips(await planPublish(project), request())).clips[0]?.status).toBe('already-published');
  }, 60_000);

  it('stops at once when cancelled mid-upload (CANCELLED), and the next run resumes the same session', async () => {
    await signedIn();
    const project = await makeProject('cancelled');
    const sessionsBefore = fake.sessions.length;
    const controller = new AbortController();
    const cancelled = await publishClips(await planPublish(project), request({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction > 0.5) controller.abort();
      },
    })).catch((e: unknown) => e);
    expect(cancelled).toMatchObject({ code: 'CANCELLED' });
    expect(fake.sessions.slice(sessionsBefore)).toHaveLength(1);
    const resumed = await publishClips(await planPublish(project), request());
    const sessions = fake.sessions.slice(sessionsBefore);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.data.equals(clipBytes)).toBe(true);
    expect(resumed.clips[0]?.videoId).toBe(sessions[0]!.videoId);
  }, 60_000);

  it('never uploads a clip twice: a second publish at the same time is PROJECT_BUSY, one planned before the first finished sends nothing', async () => {
    await signedIn();
    const project = await makeProject('twice');
    const [first, second, third] = await Promise.all([planPublish(project), planPublish(project), planPublish(project)]);
    const sessionsBefore = fake.sessions.length;
    // the first holds the publish lock from its session on, and waits 2 s after a dropped PUT
    fake.dropNextPutAfter(Math.floor(clipBytes.length / 2));
    const running = publishClips(first, request({ retry: { baseDelayMs: 2000, timeoutMs: 10_000 } }));
    await expect.poll(() => fake.sessions.length, { timeout: 10_000, interval: 5 }).toBeGreaterThan(sessionsBefore);
    await expect(publishClips(second, request())).rejects.toMatchObject({ code: 'PROJECT_BUSY' });
    const done = await running;
    const requests = fake.requests.length;
    const stale = await publishClips(third, request());
    expect(stale.clips[0]).toMatchObject({ status: 'already-published', videoId: done.clips[0]?.videoId });
    expect(fake.sessions.length - sessionsBefore).toBe(1);
    expect(fake.requests.length).toBe(requests);
  }, 60_000);

  it('says AUTH_REQUIRED when the sign-in is refused in the browser or not finished in time', async () => {
    const refuse = async (url: string): Promise<void> => {
      const query = new URL(url).searchParams;
      const back = new URL(query.get('redirect_uri') ?? '');
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', query.get('state') ?? '');
      await (await fetch(back)).text();
    };
    const account = { configDir, tokens: fileSecretStore(configDir, YOUTUBE_TOKEN_NAME), env: { KIRINUKI_OAUTH_CLIENT_ID: fake.clientId, KIRINUKI_OAUTH_CLIENT_SECRET: fake.clientSecret } };
    await expect(signInToYoutube(account, { endpoints, openUrl: refuse })).rejects.toMatchObject({
      code: 'AUTH_REQUIRED',
      message: 'Sign-in was refused in the browser (access_denied); sign in again and allow the upload.',
    });
    expect(await account.tokens.read()).toBeNull();
    const client = { clientId: fake.clientId, clientSecret: fake.clientSecret, source: 'test' };
    await expect(signIn({ client, endpoints, openUrl: async () => undefined, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'AUTH_REQUIRED',
      message: 'Sign-in was not finished in the browser within 200 ms; try again.',
    });
  });

  it('says AUTH_REQUIRED without a stored sign-in or when Google revoked it, OAUTH_CLIENT_MISSING without a client, QUOTA_EXCEEDED on quotaExceeded', async () => {
    const project = await makeProject('errors');
    const plan = await planPublish(project);
    const requestsBefore = fake.requests.length;
    await expect(publishClips(plan, request())).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: 'Kirinuki is not signed in to YouTube: run `kirinuki publish --sign-in`.' });
    const noClient = request({ auth: publishAuth({ configDir, tokens: fileSecretStore(configDir, YOUTUBE_TOKEN_NAME), env: {} }, 'sign in') });
    await expect(publishClips(plan, noClient)).rejects.toMatchObject({ code: 'OAUTH_CLIENT_MISSING' });
    expect(fake.requests.length).toBe(requestsBefore);

    await signedIn();
    fake.failNextPost(403, 'quotaExceeded');
    await expect(publishClips(plan, request())).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    fake.revokeRefreshTokens();
    const revoked = (await publishClips(plan, request()).catch((e: unknown) => e)) as Error;
    expect(revoked).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(revoked.message).toMatch(/^Google no longer accepts the stored sign-in \(invalid_grant\); sign in again/);
  }, 60_000);

  it('refuses a past or zone-less --at and --at with a public privacy, before anything is sent', () => {
    expect(() => parsePublishSettings({ at: '2020-01-01T00:00:00Z' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => parsePublishSettings({ at: '2030-01-01 10:00' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => parsePublishSettings({ at: '2030-01-01T10:00:00Z', privacy: 'public' })).toThrow(/cannot be combined with --privacy public/);
    expect(parsePublishSettings({ at: '2030-01-01T19:00:00+09:00', madeForKids: true })).toEqual({
      privacy: 'private', publishAt: '2030-01-01T10:00:00.000Z', madeForKids: true, categoryId: '24',
    });
  });
});
