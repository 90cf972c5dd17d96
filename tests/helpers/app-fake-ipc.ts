import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import type { KirinukiApi } from '../../core/app/contract.js';
import type { IpcEventLike, IpcMainLike } from '../../electron/ipc-host.js';

type Handler = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, payload: unknown) => void;

/**
 * A fake ipcMain / ipcRenderer pair: invoke → handle with Electron's structured-clone
 * serialisation in both directions, and webContents.send → the renderer's listeners.
 */
export function fakeIpcPair(frameUrl = 'app://kirinuki/index.html') {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer = {
    frameUrl,
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: ipcRenderer.frameUrl } }, ...structuredClone(args)));
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const send = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener({}, structuredClone(payload));
  };
  return { ipcMain, ipcRenderer, send, handlers };
}

/**
 * Runs electron/preload.cts the way Electron's sandbox runs a preload: as CommonJS with a
 * `require` that only knows 'electron' (here: a fake contextBridge and the fake ipcRenderer).
 * Returns what it exposed in the main world and the modules it asked for.
 */
export function loadPreload(ipcRenderer: ReturnType<typeof fakeIpcPair>['ipcRenderer']): { api: KirinukiApi; required: string[]; exposedAs: string } {
  const source = readFileSync(resolve(import.meta.dirname, '../../electron/preload.cts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer,
    webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
  };
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(outputText, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return fakeElectron;
    },
  });
  const [exposedAs = ''] = Object.keys(exposed);
  return { api: exposed[exposedAs] as KirinukiApi, required, exposedAs };
}
