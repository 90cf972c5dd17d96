import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { ANALYSIS_QUALITIES, PRESET_NAMES, type SettingsView } from './views.js';
import type { SecretStore } from './secret-store.js';
import { readOptionalFile, writePrivateFile } from './private-file.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';
import { listGuidelineNames, loadGuidelines } from '../guidelines/load-guidelines.js';

const settingsSchema = z.object({
  outputDir: z.string().min(1).optional(),
  analysisQuality: z.enum(ANALYSIS_QUALITIES).optional(),
  defaultPreset: z.enum(PRESET_NAMES).optional(),
  guidelinesByChannel: z.record(z.string(), z.string()).optional(),
});
type StoredSettings = z.infer<typeof settingsSchema>;

export interface SettingsPatch {
  apiKey?: string | null;
  outputDir?: string;
  analysisQuality?: SettingsView['analysisQuality'];
  defaultPreset?: SettingsView['defaultPreset'];
  /** Channel (id or name) → guidelines profile (a shipped name or a file); replaces the whole map. */
  guidelinesByChannel?: Record<string, string>;
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
      guidelinesByChannel: stored.guidelinesByChannel ?? {},
      guidelineProfiles: await listGuidelineNames(),
    };
  }

  async save(patch: SettingsPatch): Promise<SettingsView> {
    const { apiKey: _apiKey, ...rest } = patch;
    if (rest.outputDir) rest.outputDir = checkProjectsRoot(rest.outputDir, this.defaults.outputDir);
    // each profile is loaded once here: a missing or bad one is refused now, not at the next export
    for (const profile of Object.values(rest.guidelinesByChannel ?? {})) await loadGuidelines(profile);
    if (patch.apiKey !== undefined) await this.secrets.write(checkKey(patch.apiKey));
    const next: StoredSettings = { ...(await this.read()), ...rest };
    await writePrivateFile(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return this.view();
  }

  /** The key for the Data API client: the stored one, else YOUTUBE_API_KEY. */
  async apiKey(): Promise<string | undefined> {
    return (await this.secrets.read()) ?? (this.env.YOUTUBE_API_KEY?.trim() || undefined);
  }

  /** The guidelines profile chosen for a channel (matched by its id, else its name), if any. */
  async channelGuidelines(channel: { channelId?: string; channelTitle?: string } | undefined): Promise<GuidelinesProfile | undefined> {
    const chosen = (await this.read()).guidelinesByChannel ?? {};
    const key = [channel?.channelId, channel?.channelTitle].find((k) => k !== undefined && chosen[k] !== undefined);
    return key === undefined ? undefined : loadGuidelines(chosen[key] as string);
  }

  /** The projects root, read on every call that touches a project: the settings file only, not the key. */
  async outputDir(): Promise<string> {
    return (await this.read()).outputDir ?? this.defaults.outputDir;
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

/**
 * A projects root the app may write into: never a filesystem root, and inside the user's home
 * folder (or the app's own default root) unless the user confirmed another place. Symlinks are
 * followed, so a link in the home folder pointing at `/etc` is outside.
 */
export function checkProjectsRoot(folder: string, defaultRoot: string, confirmedOutsideHome = false): string {
  const wanted = resolve(folder);
  const real = realExisting(wanted);
  if (parse(real).root === real || parse(wanted).root === wanted) {
    throw new KirinukiError('INVALID_ARGUMENT', `The projects folder may not be ${wanted}, the root of a disk: pick a folder inside your home folder.`);
  }
  const home = realExisting(resolve(homedir()));
  const allowed = [home, realExisting(resolve(defaultRoot))].some((base) => parse(base).root !== base && within(base, real));
  if (!allowed && !confirmedOutsideHome) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `The projects folder ${wanted} is outside your home folder (${home}): it must be inside the home folder.`,
    );
  }
  return wanted;
}

/** The real path of `path`, following symlinks as far as the path exists (the rest appended). */
function realExisting(path: string): string {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(relative(parent, existing));
      existing = parent;
    }
  }
}

function within(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
