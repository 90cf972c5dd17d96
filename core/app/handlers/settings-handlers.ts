import { KirinukiError } from '../../errors.js';
import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';
import { detectTools } from '../detect-tools.js';
import { isAllowedExternalUrl } from '../external-url.js';
import { resolveProjectMedia } from '../project-media.js';
import { dirname } from 'node:path';

type SettingsHandlers = Pick<AppService, 'getSettings' | 'saveSettings' | 'detectTools' | 'revealFile' | 'openExternal'>;

export function settingsHandlers(app: AppContext): SettingsHandlers {
  return {
    getSettings: () => app.settings.view(),
    saveSettings: (patch) => app.settings.save(patch),
    detectTools: () => detectTools(),

    async revealFile({ file }) {
      const path = await resolveProjectMedia(await app.root(), file);
      if (!app.host.revealPath) return { revealed: false, folder: dirname(path) };
      await app.host.revealPath(path);
      return { revealed: true, folder: dirname(path) };
    },

    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url)) {
        throw new KirinukiError('FORBIDDEN', `Only https YouTube links open outside the app, not ${url}.`);
      }
      if (!app.host.openExternal) return { opened: false };
      await app.host.openExternal(url);
      return { opened: true };
    },
  };
}

