import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../core/app/secret-store.js';
import { readOptionalFile, writePrivateFile } from '../core/app/private-file.js';

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Which secret a store keeps: its file in the config folder and what to say without a keychain. */
export interface KeptSecret {
  file: string;
  what: string;
  otherwise: string;
}

const API_KEY: KeptSecret = { file: 'api-key.enc', what: 'the API key', otherwise: 'set YOUTUBE_API_KEY in the environment instead.' };

/** The YouTube refresh token of publishing (`youtube-token.enc`). */
export const YOUTUBE_TOKEN: KeptSecret = {
  file: 'youtube-token.enc',
  what: 'the YouTube sign-in',
  otherwise: 'publish with `kirinuki publish` instead (it keeps the sign-in in a file only you can read).',
};

/**
 * The API key encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret) in a
 * 0600 file; where no keychain is available the key is refused rather than kept in clear text.
 */
export function safeStorageSecretStore(configDir: string, safeStorage: SafeStorageLike, secret: KeptSecret = API_KEY): SecretStore {
  const path = join(configDir, secret.file);
  return {
    description: 'the system keychain (Electron safeStorage)',
    async read() {
      const bytes = await readOptionalFile(path);
      if (!bytes || !safeStorage.isEncryptionAvailable()) return null;
      return safeStorage.decryptString(bytes) || null;
    },
    async write(value) {
      if (value === null || value === '') {
        await rm(path, { force: true });
        return;
      }
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error(`No system keychain is available to protect ${secret.what}; ${secret.otherwise}`);
      }
      await writePrivateFile(path, safeStorage.encryptString(value));
    },
  };
}
