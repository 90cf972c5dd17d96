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

/**
 * The API key encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret) in a
 * 0600 file; where no keychain is available the key is refused rather than kept in clear text.
 */
export function safeStorageSecretStore(configDir: string, safeStorage: SafeStorageLike): SecretStore {
  const path = join(configDir, 'api-key.enc');
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
        throw new Error('No system keychain is available to protect the API key; set YOUTUBE_API_KEY in the environment instead.');
      }
      await writePrivateFile(path, safeStorage.encryptString(value));
    },
  };
}
