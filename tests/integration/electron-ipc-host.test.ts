import { describe, expect, it } from 'vitest';
import { createApp } from '../../core/app/app-service.js';
import { METHOD_NAMES } from '../../core/app/contract.js';
import { registerIpcHost } from '../../electron/ipc-host.js';
import { isAppUrl } from '../../electron/app-protocol.js';
import { describeAppContract } from '../helpers/app-contract-suite.js';
import { fakeIpcPair, loadPreload } from '../helpers/app-fake-ipc.js';

describe('Electron IPC host', () => {
  describeAppContract('IPC (Electron preload + ipcMain, fake pair)', async ({ configDir, root, apiRoot, chooseVideoFile }) => {
    const app = createApp({ configDir, host: { kind: 'electron', chooseVideoFile }, defaultOutputDir: root, apiRoot, env: {} });
    const pair = fakeIpcPair();
    const unregister = registerIpcHost({ ipcMain: pair.ipcMain, app, send: pair.send, isTrustedUrl: isAppUrl });
    const { api } = loadPreload(pair.ipcRenderer);
    return { api, close: async () => unregister() };
  });

  it('exposes exactly the contract, as window.kirinuki, requiring nothing but electron', () => {
    const pair = fakeIpcPair();
    const { api, required, exposedAs } = loadPreload(pair.ipcRenderer);
    expect(exposedAs).toBe('kirinuki');
    expect(required).toEqual(['electron']);
    const functions = Object.keys(api).filter((key) => typeof (api as unknown as Record<string, unknown>)[key] === 'function');
    expect(functions.sort()).toEqual([...METHOD_NAMES, 'onEvent', 'mediaUrl', 'pathForFile'].sort());
    expect(Object.values(api)).not.toContain(pair.ipcRenderer);
    expect(api.mediaUrl({ videoId: 'dQ4wT9xYz0A', rel: 'clips/a b.mp4' })).toBe('kirinuki-media://project/dQ4wT9xYz0A/clips/a%20b.mp4');
  });

  it('registers one handler per method and refuses calls from a frame that left the app', async () => {
    const app = createApp({ configDir: '/nonexistent-kirinuki', host: { kind: 'electron' }, env: {} });
    const pair = fakeIpcPair('https://evil.example/');
    const unregister = registerIpcHost({ ipcMain: pair.ipcMain, app, send: pair.send, isTrustedUrl: isAppUrl });
    expect([...pair.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `kirinuki:call:${m}`).sort());
    const { api } = loadPreload(pair.ipcRenderer);
    const outcome = await api.getSettings({});
    expect(outcome).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Kirinuki window.' } });
    unregister();
    expect(pair.handlers.size).toBe(0);
  });
});
