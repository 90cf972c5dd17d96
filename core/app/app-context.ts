import type { JobRegistry } from './job-registry.js';
import type { YoutubeAccountOptions } from './youtube-account.js';
import type { SettingsStore } from './settings-store.js';

/** What the host can do that core cannot (a file manager, a system browser, a file dialog). */
export interface HostCapabilities {
  kind: 'electron' | 'browser';
  revealPath?: (path: string) => Promise<void>;
  openExternal?: (url: string) => Promise<void>;
  chooseVideoFile?: () => Promise<string | null>;
  chooseSubtitleFile?: () => Promise<string | null>;
  /** A save dialog starting at `suggestedName`: the chosen path, or null when cancelled. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  /** A comments (`{video, threads}` / .info.json) or a .live_chat.json file. */
  chooseViewerFile?: (kind: 'comments' | 'chat') => Promise<string | null>;
}

/** Everything the service's handlers share. */
export interface AppContext {
  settings: SettingsStore;
  jobs: JobRegistry;
  host: HostCapabilities;
  /** The projects root in use (the output folder of the settings). */
  root: () => Promise<string>;
  /**
   * Real paths of the video and subtitle files the user chose (Electron's file dialogs, or a
   * browser upload the server saved): `attachVideo` and `attachSubtitles` take only these, never
   * a path typed into the API.
   */
  chosenFiles: Set<string>;
  /** The Data API base URL (YOUTUBE_API_ROOT), for the tests' fake server. */
  apiRoot?: string;
  /** The YouTube account publishing uploads with: the OAuth client's sources and the refresh token's store. */
  youtubeAccount: YoutubeAccountOptions;
}
