import { join, resolve } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { ANALYSIS_QUALITIES, PRESET_NAMES, type SettingsView } from './views.js';
import type { SecretStore } from './secret-store.js';
import { readOptionalFile, writePrivateFile } from './private-file.js';

const settingsSchema = z.object({
  outputDir: z.string().min(1).optional(),
  analysisQuality: z.enum(ANALYSIS_QUALITIES).optional(),
  defaultPreset: z.enum(PRESET_NAMES).optional(),
});
type StoredSettings = z.infer<typeof settingsSchema>;

export interface SettingsPatch {
  apiKey?: string | null;
  outputDir?: string;
  analysisQuality?: SettingsView['analysisQuality'];
  defaultPreset?: SettingsView['defaultPreset'];
}

/**
 * The user's settings in `<configDir>/settings.json` (0600); the API key lives in a SecretStore
 * and leaves this module only through `apiKey()` (for the Data API client), never in a view.
 */
export class SettingsStore {
  readonly path: string;

  constructor(
    configDir: string,
    private readonly secrets: SecretStore,
    private readonly defaults: { outputDir: string },
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.path = join(configDir, 'settings.json');
  }

  async view(): Promise<SettingsView> {
    const stored = await this.read();
    const key = await this.secrets.read();
    const envKey = this.env.YOUTUBE_API_KEY?.trim() || null;
    const inUse = key ?? envKey;
    return {
      apiKey: {
        set: inUse !== null,
        source: key ? 'settings' : envKey ? 'environment' : null,
        hint: inUse ? `…${inUse.slice(-4)}` : null,
        storage: this.secrets.description,
      },
      outputDir: stored.outputDir ?? this.defaults.outputDir,
      analysisQuality: stored.analysisQuality ?? 'balanced',
      defaultPreset: stored.defaultPreset ?? 'shorts',
    };
  }

  async save(patch: SettingsPatch): Promise<SettingsView> {
    if (patch.apiKey !== undefined) await this.secrets.write(checkKey(patch.apiKey));
    const { apiKey: _apiKey, ...rest } = patch;
    const next: StoredSettings = { ...(await this.read()), ...rest };
    if (rest.outputDir) next.outputDir = resolve(rest.outputDir);
    await writePrivateFile(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return this.view();
  }

  /** The key for the Data API client: the stored one, else YOUTUBE_API_KEY. */
  async apiKey(): Promise<string | undefined> {
    return (await this.secrets.read()) ?? (this.env.YOUTUBE_API_KEY?.trim() || undefined);
  }

  async outputDir(): Promise<string> {
    return (await this.view()).outputDir;
  }

  private async read(): Promise<StoredSettings> {
    const bytes = await readOptionalFile(this.path);
    if (!bytes) return {};
    try {
      return settingsSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch {
      throw new KirinukiError(
        'INVALID_ARGUMENT',
        `The settings file ${this.path} is damaged; delete it and set your settings again.`,
      );
    }
  }
}

function checkKey(key: string | null): string | null {
  if (key === null || key === '') return null;
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(key)) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      'The API key must be the letters, digits, "-" and "_" that Google Cloud Console shows.',
    );
  }
  return key;
}
