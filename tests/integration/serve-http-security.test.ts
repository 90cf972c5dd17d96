import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../core/app/app-service.js';
import { startHttpHost, type HttpHost } from '../../core/serve/http-host.js';
import { sharedFixture, sharedMedia } from '../helpers/shared-media.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request, so the test controls Host, Origin and the path bytes exactly. */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('kirinuki serve security', () => {
  let base: string;
  let host: HttpHost;
  let auth: Record<string, string>;
  const videoId = 'dQ4wT9xYz0A';

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-sec-'));
    const app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: join(base, 'projects'), env: {} });
    host = await startHttpHost({ app, rendererDir: join(import.meta.dirname, '../../dist/renderer') });
    auth = { 'X-Kirinuki-Token': host.token };
    const call = (name: string, args: unknown) =>
      raw(host.port, `/api/${name}`, { ...auth, 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ args }));
    const opened = JSON.parse((await call('openSource', { source: sharedFixture(`youtube/commentThreads-${videoId}.json`) })).body.toString());
    expect(opened.ok).toBe(true);
    const uploaded = await raw(host.port, `/upload/${videoId}?name=moving_face.mp4`, { ...auth, 'Content-Type': 'application/octet-stream' }, 'POST', await readFile(sharedMedia('video/moving_face.mp4')));
    expect(uploaded.status, uploaded.body.toString()).toBe(200);
    const path = JSON.parse(uploaded.body.toString()).value.path as string;
    expect(path).toBe(await realpath(join(base, 'projects', videoId, 'video', 'moving_face.mp4')));
    // a 10 s clip of a 15-minute video: attached only once the user confirmed the mismatch
    expect(JSON.parse((await call('attachVideo', { videoId, path, confirmMismatch: true })).body.toString()).ok).toBe(true);
    expect(JSON.parse((await call('saveSettings', { apiKey: 'AIzaFakeKeyForTheTest123' })).body.toString()).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('names a port that is taken', async () => {
    const app = createApp({ configDir: join(base, 'config2'), host: { kind: 'browser' }, env: {} });
    await expect(startHttpHost({ app, port: host.port, rendererDir: base })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Port ${host.port} on 127.0.0.1 is in use; pick another with --port, or leave it out for a free one.`,
    });
  });

  it('refuses requests without the token, with a wrong Host, or from another origin', async () => {
    expect((await raw(host.port, '/')).status).toBe(401);
    expect((await raw(host.port, '/api/getSettings', { 'Content-Type': 'application/json' }, 'POST', '{}')).status).toBe(401);
    expect((await raw(host.port, `/?token=${host.token}x`)).status).toBe(401);
    expect((await raw(host.port, `/?token=${host.token}`, { Host: 'evil.example:80' })).status).toBe(421);
    const cross = await raw(host.port, '/api/getSettings', { ...auth, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, 'POST', '{}');
    expect(cross.status).toBe(403);
    const form = await raw(host.port, '/api/getSettings', { ...auth, 'Content-Type': 'text/plain' }, 'POST', '{}');
    expect(form.status).toBe(415);
  });

  it('serves the UI with a strict CSP and sets a same-site session cookie from the URL token', async () => {
    const page = await raw(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await raw(host.port, '/', { Cookie: cookie.split(';')[0]! });
    expect(withCookie.status).toBe(200);
  });

  it('serves project media with byte ranges', async () => {
    const size = (await stat(sharedMedia('video/moving_face.mp4'))).size;
    const whole = await raw(host.port, `/media/${videoId}/video/moving_face.mp4`, auth);
    expect(whole.status).toBe(200);
    expect(whole.body.length).toBe(size);
    expect(whole.headers['content-type']).toBe('video/mp4');
    const part = await raw(host.port, `/media/${videoId}/video/moving_face.mp4`, { ...auth, Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.body.equals(whole.body.subarray(100, 200))).toBe(true);
    const tail = await raw(host.port, `/media/${videoId}/video/moving_face.mp4`, { ...auth, Range: 'bytes=-10' });
    expect(tail.body.equals(whole.body.subarray(size - 10))).toBe(true);
    const past = await raw(host.port, `/media/${videoId}/video/moving_face.mp4`, { ...auth, Range: `bytes=${size}-` });
    expect(past.status).toBe(416);
  });

  it('never serves a file outside a project folder', async () => {
    for (const path of [
      `/media/${videoId}/../../../../etc/passwd`,
      `/media/${videoId}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `/media/${videoId}/..%2f..%2fconfig%2fapi-key`,
      `/media/..%2fconfig/api-key`,
      `/media/${videoId}/project.json`,
      `/media/${videoId}/%00.mp4`,
      `/media/${encodeURIComponent('/etc')}/passwd.mp4`,
      `/media/${videoId}/${encodeURIComponent('/etc/passwd.mp4')}`,
      `/media/${videoId}/${encodeURIComponent(`${base}/projects/${videoId}/video/moving_face.mp4`)}`,
    ]) {
      const reply = await raw(host.port, path, auth);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).not.toContain('AIzaFakeKeyForTheTest123');
    }
  });

  const api = async (name: string, args: unknown, headers: Record<string, string> = {}) =>
    JSON.parse((await raw(host.port, `/api/${name}`, { ...auth, 'Content-Type': 'application/json', ...headers }, 'POST', JSON.stringify({ args }))).body.toString());

  it('never serves a file a symlink inside the project points out to', async () => {
    const outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.mp4'), 'not for the browser');
    await symlink(join(outside, 'secret.mp4'), join(base, 'projects', videoId, 'video', 'link.mp4'));
    await symlink(outside, join(base, 'projects', videoId, 'linked-folder'));
    for (const path of [`/media/${videoId}/video/link.mp4`, `/media/${videoId}/linked-folder/secret.mp4`]) {
      const reply = await raw(host.port, path, auth);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).not.toContain('not for the browser');
    }
  });

  it('attaches no path typed into the API: only a file the user uploaded (or chose in the desktop dialog)', async () => {
    const before = await readdir(join(base, 'projects', videoId, 'video'));
    for (const path of [sharedMedia('video/panel.mp4'), '/etc/passwd', `${base}/config/api-key`, '../../../etc/passwd']) {
      const outcome = await api('attachVideo', { videoId, path });
      expect(outcome.ok, path).toBe(false);
      expect(outcome.error.code, path).toBe('INVALID_ARGUMENT');
      expect(outcome.error.message).toContain('only a file you chose');
    }
    // another page cannot call it either (no token, or its own Origin)
    const noToken = await raw(host.port, '/api/attachVideo', { 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ args: { videoId, path: '/etc/passwd' } }));
    expect(noToken.status).toBe(401);
    const cross = await raw(host.port, '/api/attachVideo', { ...auth, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, 'POST', '{}');
    expect(cross.status).toBe(403);
    expect(await readdir(join(base, 'projects', videoId, 'video'))).toEqual(before);
  });

  it('takes uploads only into an existing project, as a video file, from this origin with the token', async () => {
    const bytes = Buffer.from('video bytes');
    const post = (path: string, headers: Record<string, string> = {}) =>
      raw(host.port, path, { ...auth, 'Content-Type': 'application/octet-stream', ...headers }, 'POST', bytes);
    expect((await post(`/upload/${videoId}?name=..`)).status).toBe(400);
    expect((await post(`/upload/${videoId}?name=notes.txt`)).status).toBe(400);
    expect((await post(`/upload/${videoId}?name=${encodeURIComponent('../../escape.mp4')}`)).status).toBe(200);
    expect((await post(`/upload/..%2F..%2Fescape?name=a.mp4`)).status).toBe(400);
    expect((await post(`/upload/nosuchproject?name=a.mp4`)).status).toBe(400);
    expect((await post(`/upload/${videoId}?name=a.mp4`, { 'Content-Type': 'application/json' })).status).toBe(415);
    expect((await post(`/upload/${videoId}?name=a.mp4`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(host.port, `/upload/${videoId}?name=a.mp4`, { 'Content-Type': 'application/octet-stream' }, 'POST', bytes)).status).toBe(401);
    expect((await raw(host.port, `/upload/${videoId}?name=a.mp4`, auth)).status).toBe(405);
    // a name with path parts lands, flattened, in the project's video folder and nowhere else
    expect(await readdir(join(base, 'projects', videoId, 'video'))).toContain('escape.mp4');
    expect(await readdir(base)).not.toContain('escape.mp4');
  });

  it('refuses a projects root that is a disk root or outside the home folder', async () => {
    for (const outputDir of ['/', '/etc', join(base, 'elsewhere')]) {
      const outcome = await api('saveSettings', { outputDir });
      expect(outcome.ok, outputDir).toBe(false);
      expect(outcome.error.code).toBe('INVALID_ARGUMENT');
      expect(outcome.error.message).toContain(outputDir === '/' ? 'the root of a disk' : 'must be inside the home folder');
    }
    expect((await api('getSettings', {})).value.outputDir).toBe(join(base, 'projects'));
  });

  it('keeps the API key in a file only its owner can read', async () => {
    const info = await stat(join(base, 'config', 'api-key'));
    expect(info.mode & 0o777).toBe(0o600);
    const settings = await raw(host.port, '/api/getSettings', { ...auth, 'Content-Type': 'application/json' }, 'POST', '{}');
    expect(settings.body.toString()).not.toContain('AIzaFakeKeyForTheTest123');
    expect(JSON.parse(settings.body.toString()).value.apiKey.hint).toBe('…t123');
  });
});
