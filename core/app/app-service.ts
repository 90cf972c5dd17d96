import { resolve } from 'node:path';
import { DEFAULT_PROJECTS_ROOT } from '../project/project-dir.js';
import type { AppContext, HostCapabilities } from './app-context.js';
import type { AppService } from './contract.js';
import { channelHandlers } from './handlers/channel-handlers.js';
import { exportHandlers } from './handlers/export-handlers.js';
import { framingHandlers } from './handlers/framing-handlers.js';
import { jobHandlers } from './handlers/job-handlers.js';
import { peopleHandlers } from './handlers/people-handlers.js';
import { projectHandlers } from './handlers/project-handlers.js';
import { settingsHandlers } from './handlers/settings-handlers.js';
import { telopHandlers } from './handlers/telop-handlers.js';
import { JobRegistry } from './job-registry.js';
import { fileSecretStore, type SecretStore } from './secret-store.js';
import { publishHandlers } from './handlers/publish-handlers.js';
import { YOUTUBE_TOKEN_NAME } from './youtube-account.js';
import { SettingsStore } from './settings-store.js';

export interface AppServiceOptions {
  configDir: string;
  host: HostCapabilities;
  /** Default projects root when the settings name none (default ./kirinuki-projects). */
  defaultOutputDir?: string;
  /** How the API key is kept; default a 0600 file in configDir. Electron passes safeStorage. */
  secrets?: SecretStore;
  /** How the YouTube refresh token (publishing) is kept; default a 0600 file in configDir. Electron passes safeStorage. */
  youtubeTokens?: SecretStore;
  apiRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export interface App {
  service: AppService;
  jobs: JobRegistry;
  settings: SettingsStore;
  root: () => Promise<string>;
  /** Real paths the user chose (file dialog, upload): the only ones `attachVideo` / `attachSubtitles` accept. */
  chosenFiles: Set<string>;
}

/** The app service over core: every method of the contract, shared by the IPC and HTTP hosts. */
export function createApp(options: AppServiceOptions): App {
  const env = options.env ?? process.env;
  const settings = new SettingsStore(
    options.configDir,
    options.secrets ?? fileSecretStore(options.configDir),
    { outputDir: resolve(options.defaultOutputDir ?? DEFAULT_PROJECTS_ROOT) },
    env,
  );
  const jobs = new JobRegistry();
  const context: AppContext = {
    settings,
    jobs,
    host: options.host,
    root: () => settings.outputDir(),
    chosenFiles: new Set<string>(),
    apiRoot: options.apiRoot ?? env.YOUTUBE_API_ROOT,
    youtubeAccount: { configDir: options.configDir, tokens: options.youtubeTokens ?? fileSecretStore(options.configDir, YOUTUBE_TOKEN_NAME), env },
  };
  const service: AppService = {
    ...settingsHandlers(context),
    ...projectHandlers(context),
    ...peopleHandlers(context),
    ...telopHandlers(context),
    ...framingHandlers(context),
    ...exportHandlers(context),
    ...channelHandlers(context),
    ...jobHandlers(context),
    ...publishHandlers(context),
  };
  return { service, jobs, settings, root: context.root, chosenFiles: context.chosenFiles };
}
