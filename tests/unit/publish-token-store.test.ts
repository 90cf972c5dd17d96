import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../core/app/secret-store.js';
import { YOUTUBE_TOKEN_NAME } from '../../core/app/youtube-account.js';
import { safeStorageSecretStore, YOUTUBE_TOKEN } from '../../electron/safe-storage-secret-store.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const REFRESH = '1//0gRefreshTokenForTests-abcdef';

describe('the YouTube refresh token at rest', () => {
  it('is a 0600 file of its own for the CLI, beside (not in) the API key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-token-'));
    dirs.push(dir);
    const store = fileSecretStore(dir, YOUTUBE_TOKEN_NAME);
    await store.write(REFRESH);
    expect(await readdir(dir)).toEqual(['youtube-token']);
    expect((await stat(join(dir, 'youtube-token'))).mode & 0o777).toBe(0o600);
    expect(await store.read()).toBe(REFRESH);
    expect(await fileSecretStore(dir).read()).toBeNull();
    await store.write(null);
    expect(await readdir(dir)).toEqual([]);
  });

  it("is encrypted with Electron's safeStorage in the app, and refused without a keychain", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-token-safe-'));
    dirs.push(dir);
    let available = true;
    // stands in for Electron's safeStorage, which needs the Electron binary
    const fake = {
      isEncryptionAvailable: () => available,
      encryptString: (text: string) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
      decryptString: (bytes: Buffer) => Buffer.from([...bytes].map((b) => b ^ 0x5a)).toString(),
    };
    const store = safeStorageSecretStore(dir, fake, YOUTUBE_TOKEN);
    await store.write(REFRESH);
    const path = join(dir, 'youtube-token.enc');
    expect((await readFile(path)).toString()).not.toContain(REFRESH);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await store.read()).toBe(REFRESH);
    available = false;
    await expect(store.write('another')).rejects.toThrow('No system keychain is available to protect the YouTube sign-in; publish with `kirinuki publish` instead');
  });
});
