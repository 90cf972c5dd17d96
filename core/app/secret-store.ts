import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptionalFile, writePrivateFile } from './private-file.js';

/** Where the YouTube API key is kept at rest; Electron passes one backed by safeStorage. */
export interface SecretStore {
  /** Shown in Settings: how the key is protected. */
  readonly description: string;
  read(): Promise<string | null>;
  write(value: string | null): Promise<void>;
}

/** The key in `<configDir>/<name>` (default `api-key`), a file readable only by the user (0600). */
export function fileSecretStore(configDir: string, name = 'api-key'): SecretStore {
  const path = join(configDir, name);
  return {
    description: `a file readable only by you (${path})`,
    async read() {
      const bytes = await readOptionalFile(path);
      const text = bytes?.toString('utf8').trim();
      return text ? text : null;
    },
    async write(value) {
      if (value === null || value === '') await rm(path, { force: true });
      else await writePrivateFile(path, `${value}\n`);
    },
  };
}
