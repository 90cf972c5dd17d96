import { EventEmitter } from 'node:events';
import { mkdtemp, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../core/app/external-url.js';
import { APP_URL, appProtocolResponse, isAppUrl } from '../../electron/app-protocol.js';
import { mediaProtocolResponse } from '../../electron/media-protocol.js';
import { safeStorageSecretStore } from '../../electron/safe-storage-secret-store.js';
import { denyAllPermissions, lockDownContents } from '../../electron/window-security.js';

describe('links leaving the app', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQ4wT9xYz0A', true],
    ['https://youtu.be/dQ4wT9xYz0A', true],
    ['https://m.youtube.com/@handle', true],
    ['http://www.youtube.com/watch?v=x', false],
    ['https://youtube.com.evil.example/', false],
    ['https://evil.example/?u=https://youtube.com', false],
    ['https://user:pw@www.youtube.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('knows the app page from anything else', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('app://kirinuki/assets/x.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://kirinuki/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigation(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('window lock-down', () => {
  it('blocks navigation away, webviews and new windows; hands YouTube links to the browser', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    lockDownContents(contents as never, (url) => opened.push(url));
    expect(navigation(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigation(contents, 'will-navigate', 'app://kirinuki/index.html')).toBe(false);
    expect(navigation(contents, 'will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(navigation(contents, 'will-attach-webview', 'app://kirinuki/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://www.youtube.com/watch?v=abc' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.youtube.com/watch?v=abc']);
  });

  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    };
    denyAllPermissions(session as never);
    const answers: boolean[] = [];
    (handlers.request as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });
});

describe('the app:// and kirinuki-media:// protocols', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-proto-'));
    await mkdir(join(base, 'projects', 'vid00000001', 'clips'), { recursive: true });
    await writeFile(join(base, 'projects', 'vid00000001', 'clips', 'a.mp4'), Buffer.from('0123456789'));
    await writeFile(join(base, 'projects', 'vid00000001', 'project.json'), '{}');
    await writeFile(join(base, 'secret.mp4'), 'TOPSECRET-CONTENT');
    await symlink(join(base, 'secret.mp4'), join(base, 'projects', 'vid00000001', 'clips', 'link.mp4'));
    await mkdir(join(base, 'renderer'));
    await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  const media = (url: string, range?: string) =>
    mediaProtocolResponse(join(base, 'projects'), new Request(url, range ? { headers: { Range: range } } : {}));

  it('serves project media with ranges', async () => {
    const whole = await media('kirinuki-media://project/vid00000001/clips/a.mp4');
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe('0123456789');
    const part = await media('kirinuki-media://project/vid00000001/clips/a.mp4', 'bytes=2-4');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
  });

  it('refuses traversal, symlinks out of the project, other file types and other hosts', async () => {
    for (const url of [
      'kirinuki-media://project/vid00000001/../../secret.mp4',
      'kirinuki-media://project/vid00000001/%2e%2e%2f%2e%2e%2fsecret.mp4',
      'kirinuki-media://project/vid00000001/clips/link.mp4',
      'kirinuki-media://project/vid00000001/project.json',
      'kirinuki-media://other/vid00000001/clips/a.mp4',
      'kirinuki-media://project/..%2fsecret.mp4',
    ]) {
      const response = await media(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('TOPSECRET');
    }
  });

  it('serves the page with the strict CSP', async () => {
    const page = await appProtocolResponse(join(base, 'renderer'), new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain('media-src');
    expect(page.headers.get('content-security-policy')).toContain('kirinuki-media:');
    expect((await appProtocolResponse(join(base, 'renderer'), new Request('app://kirinuki/../secret.mp4'))).status).toBe(404);
    expect((await appProtocolResponse(join(base, 'renderer'), new Request('app://evil/index.html'))).status).toBe(404);
  });
});

describe('the API key under safeStorage', () => {
  it('is stored encrypted in a 0600 file, and refused without a keychain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-safe-'));
    try {
      let available = true;
      // stands in for Electron's safeStorage, which needs the Electron binary
      const fake = {
        isEncryptionAvailable: () => available,
        encryptString: (text: string) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
        decryptString: (bytes: Buffer) => Buffer.from([...bytes].map((b) => b ^ 0x5a)).toString(),
      };
      const store = safeStorageSecretStore(dir, fake);
      await store.write('AIzaSecretKey123456');
      const onDisk = await readFile(join(dir, 'api-key.enc'));
      expect(onDisk.toString()).not.toContain('AIzaSecretKey123456');
      expect((await stat(join(dir, 'api-key.enc'))).mode & 0o777).toBe(0o600);
      expect(await store.read()).toBe('AIzaSecretKey123456');
      available = false;
      await expect(store.write('AIzaOtherKey1234567')).rejects.toThrow(/keychain/);
      expect(await store.read()).toBeNull();
      available = true;
      await store.write(null);
      expect(await store.read()).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
