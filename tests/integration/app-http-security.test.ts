import { request } from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
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
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
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
    expect(JSON.parse((await call('attachVideo', { videoId, path: sharedMedia('video/moving_face.mp4') })).body.toString()).ok).toBe(true);
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
    ]) {
      const reply = await raw(host.port, path, auth);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).not.toContain('AIzaFakeKeyForTheTest123');
    }
  });

  it('keeps the API key in a file only its owner can read', async () => {
    const info = await stat(join(base, 'config', 'api-key'));
    expect(info.mode & 0o777).toBe(0o600);
    const settings = await raw(host.port, '/api/getSettings', { ...auth, 'Content-Type': 'application/json' }, 'POST', '{}');
    expect(settings.body.toString()).not.toContain('AIzaFakeKeyForTheTest123');
    expect(JSON.parse(settings.body.toString()).value.apiKey.hint).toBe('…t123');
  });
});
