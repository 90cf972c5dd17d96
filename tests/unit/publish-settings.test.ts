import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOAuthClient } from '../../core/publish/oauth-client-config.js';
import { resolvePublishEndpoints } from '../../core/publish/publish-endpoints.js';
import { parsePublishSettings } from '../../core/publish/publish-settings.js';
import { mapUploadFailure } from '../../core/publish/upload-failure.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('publish settings', () => {
  const now = Date.parse('2026-12-07T00:00:00Z');

  it('default to private, not made for kids, Entertainment', () => {
    expect(parsePublishSettings({}, now)).toEqual({ privacy: 'private', madeForKids: false, categoryId: '24' });
  });

  it('refuse an unknown privacy, a bad category, and --at that is not a future ISO time with a zone', () => {
    const code = (input: Parameters<typeof parsePublishSettings>[0]): unknown => {
      try {
        parsePublishSettings(input, now);
        return 'accepted';
      } catch (error) {
        return [(error as { code: string }).code, (error as Error).message];
      }
    };
    expect(code({ privacy: 'friends' })).toEqual(['INVALID_ARGUMENT', '--privacy "friends" must be private, unlisted or public.']);
    expect(code({ categoryId: 'music' })).toEqual(['INVALID_ARGUMENT', expect.stringMatching(/^--category "music" must be a YouTube category number/)]);
    expect(code({ at: 'tomorrow' })).toEqual(['INVALID_ARGUMENT', expect.stringMatching(/^--at "tomorrow" is not an ISO time with a zone/)]);
    expect(code({ at: '2026-12-08T10:00:00' })).toEqual(['INVALID_ARGUMENT', expect.stringMatching(/not an ISO time with a zone/)]);
    expect(code({ at: '2026-12-06T23:59:00Z' })).toEqual(['INVALID_ARGUMENT', '--at 2026-12-06T23:59:00Z is in the past; give a time in the future to schedule the clip.']);
    expect(code({ at: '2026-12-08T10:00:00Z', privacy: 'unlisted' })).toEqual(['INVALID_ARGUMENT', expect.stringMatching(/cannot be combined with --privacy unlisted/)]);
    expect(code({ at: '2026-12-08T10:00:00Z', privacy: 'private' })).toBe('accepted');
  });
});

describe('publish endpoints', () => {
  it("are Google's by default and the loopback fake's when the variables say so", () => {
    expect(resolvePublishEndpoints({})).toEqual({
      uploadRoot: 'https://www.googleapis.com/',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
    expect(resolvePublishEndpoints({ YOUTUBE_API_ROOT: 'http://127.0.0.1:9/youtube/v3' }).uploadRoot).toBe('http://127.0.0.1:9/');
    expect(resolvePublishEndpoints({ YOUTUBE_API_ROOT: 'http://127.0.0.1:9', KIRINUKI_UPLOAD_ROOT: 'http://127.0.0.1:8' }).uploadRoot).toBe('http://127.0.0.1:8/');
    expect(() => resolvePublishEndpoints({ KIRINUKI_OAUTH_TOKEN_URL: 'ftp://x' })).toThrow(/^KIRINUKI_OAUTH_TOKEN_URL "ftp:\/\/x" is not an http\(s\) URL/);
  });
});

describe('the OAuth client', () => {
  it('comes from the variables, or a Desktop client JSON from Google Cloud; a Web client or half a pair is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-oauth-client-'));
    dirs.push(dir);
    expect(await resolveOAuthClient({ env: { KIRINUKI_OAUTH_CLIENT_ID: 'id', KIRINUKI_OAUTH_CLIENT_SECRET: 's' } })).toMatchObject({ clientId: 'id', clientSecret: 's' });
    await expect(resolveOAuthClient({ env: { KIRINUKI_OAUTH_CLIENT_ID: 'id' } })).rejects.toMatchObject({ code: 'OAUTH_CLIENT_MISSING' });
    const desktop = join(dir, 'client_secret_1.json');
    await writeFile(desktop, JSON.stringify({ installed: { client_id: 'cid', client_secret: 'cs', redirect_uris: ['http://localhost'] } }));
    expect(await resolveOAuthClient({ env: { KIRINUKI_OAUTH_CLIENT_FILE: desktop } })).toEqual({ clientId: 'cid', clientSecret: 'cs', source: desktop });
    expect(await resolveOAuthClient({ env: {}, defaultFile: desktop })).toMatchObject({ clientId: 'cid' });
    const web = join(dir, 'web.json');
    await writeFile(web, JSON.stringify({ web: { client_id: 'w', client_secret: 'x' } }));
    await expect(resolveOAuthClient({ env: { KIRINUKI_OAUTH_CLIENT_FILE: web } })).rejects.toThrow(/holds a "Web application" client; create an OAuth client of type "Desktop app"/);
    await expect(resolveOAuthClient({ env: {}, defaultFile: join(dir, 'none.json') })).rejects.toMatchObject({ code: 'OAUTH_CLIENT_MISSING' });
  });
});

describe('upload failures', () => {
  const tokenUrl = 'https://oauth2.googleapis.com/token';
  const failure = (status: number | undefined, data: unknown, url = 'https://www.googleapis.com/upload/youtube/v3/videos'): unknown => ({
    message: 'library text that must not show',
    config: { url },
    ...(status === undefined ? {} : { response: { status, data } }),
  });

  it('get one code and one sentence each, never the library message', () => {
    const cases: [unknown, string][] = [
      [failure(400, { error: 'invalid_grant' }, tokenUrl), 'AUTH_REQUIRED'],
      [failure(401, {}), 'AUTH_REQUIRED'],
      [failure(403, { error: { errors: [{ reason: 'quotaExceeded' }] } }), 'QUOTA_EXCEEDED'],
      [failure(400, { error: { errors: [{ reason: 'uploadLimitExceeded' }] } }), 'QUOTA_EXCEEDED'],
      [failure(403, { error: { errors: [{ reason: 'forbidden' }] } }), 'FORBIDDEN'],
      [failure(400, { error: { errors: [{ reason: 'invalidTitle' }] } }), 'INVALID_ARGUMENT'],
      [failure(503, ''), 'NETWORK'],
      [failure(undefined, undefined), 'NETWORK'],
    ];
    for (const [error, code] of cases) {
      const mapped = mapUploadFailure(error, 'a.mp4', tokenUrl);
      expect(mapped.code).toBe(code);
      expect(mapped.message).not.toContain('library text');
      expect(mapped.message.split(/\. |; /).length).toBeLessThanOrEqual(3);
    }
  });
});
