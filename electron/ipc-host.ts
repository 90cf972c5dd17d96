import type { App } from '../core/app/app-service.js';
import { METHOD_NAMES, type AppEvent } from '../core/app/contract.js';
import { dispatchCall } from '../core/app/dispatch-call.js';
import { callChannel, EVENT_CHANNEL } from './ipc-channels.js';

/** The parts of Electron's ipcMain the host uses (a fake pair stands in for it in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcHostOptions {
  ipcMain: IpcMainLike;
  app: App;
  /** Sends an event to the renderer(s): `webContents.send(EVENT_CHANNEL, event)`. */
  send: (channel: string, event: AppEvent) => void;
  /** Only frames loaded from the app's own origin may call (not a page navigated elsewhere). */
  isTrustedUrl: (url: string) => boolean;
}

/**
 * The Electron host of the contract: one `ipcMain.handle` per method, each call checked against
 * the contract's zod schemas by `dispatchCall`, progress sent back on one event channel.
 * Returns a function that removes every handler (window closed, app quitting).
 */
export function registerIpcHost(options: IpcHostOptions): () => void {
  const { ipcMain, app } = options;
  for (const name of METHOD_NAMES) {
    ipcMain.handle(callChannel(name), async (event, args, callOptions) => {
      if (!event.senderFrame || !options.isTrustedUrl(event.senderFrame.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Kirinuki window.' } };
      }
      const jobId = (callOptions as { jobId?: unknown } | undefined)?.jobId;
      return dispatchCall(app.service, app.jobs, name, args, { jobId });
    });
  }
  const off = app.jobs.onEvent((event) => options.send(EVENT_CHANNEL, event));
  return () => {
    off();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
