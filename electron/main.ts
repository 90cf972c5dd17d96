import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { createApp } from '../core/app/app-service.js';
import { isAllowedExternalUrl } from '../core/app/external-url.js';
import { killAllFfmpeg } from '../core/media/ffmpeg-processes.js';
import { appRoot } from '../core/resources.js';
import { APP_SCHEME, APP_URL, appProtocolResponse, isAppUrl } from './app-protocol.js';
import { registerIpcHost } from './ipc-host.js';
import { MEDIA_SCHEME, mediaProtocolResponse } from './media-protocol.js';
import { guardQuit, quitQuestion } from './quit-guard.js';
import { safeStorageSecretStore, YOUTUBE_TOKEN } from './safe-storage-secret-store.js';
import { denyAllPermissions, lockDownContents } from './window-security.js';

// Main stays thin: the window, its security, the two protocols and the IPC host over the one
// app service that `kirinuki serve` uses too.
const here = fileURLToPath(new URL('.', import.meta.url));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
]);

/** The one way out of the app: https YouTube links only, in the system browser. */
const openExternal = (url: string): void => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1100,
    minHeight: 680,
    backgroundColor: '#111418',
    title: 'Kirinuki',
    show: false,
    // The page is treated as untrusted web content: isolated, sandboxed, no Node.
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  const kirinuki = createApp({
    configDir: app.getPath('userData'),
    defaultOutputDir: join(app.getPath('documents'), 'Kirinuki'),
    secrets: safeStorageSecretStore(app.getPath('userData'), safeStorage),
    youtubeTokens: safeStorageSecretStore(app.getPath('userData'), safeStorage, YOUTUBE_TOKEN),
    host: {
      kind: 'electron',
      revealPath: async (path) => shell.showItemInFolder(path),
      openExternal: async (url) => openExternal(url),
      chooseVideoFile: async () => {
        const result = await dialog.showOpenDialog({
          properties: ['openFile'],
          filters: [{ name: 'Videos and yt-dlp info', extensions: ['mp4', 'mkv', 'webm', 'mov', 'm4v', 'avi', 'json'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseSubtitleFile: async () => {
        const result = await dialog.showOpenDialog({
          properties: ['openFile'],
          filters: [{ name: 'Subtitles', extensions: ['json3', 'vtt', 'srt'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseSavePath: async (suggestedName) => {
        const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('downloads'), suggestedName) });
        return result.canceled ? null : (result.filePath ?? null);
      },
      chooseViewerFile: async (kind) => {
        const result = await dialog.showOpenDialog({
          properties: ['openFile'],
          filters: [{ name: kind === 'chat' ? 'Live chat (.live_chat.json)' : 'Comments (.json, .info.json)', extensions: ['json'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
  });
  const rendererDir = join(appRoot(), 'dist', 'renderer');
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request));
  protocol.handle(MEDIA_SCHEME, async (request) => mediaProtocolResponse(await kirinuki.root(), request));
  registerIpcHost({
    ipcMain,
    app: kirinuki,
    isTrustedUrl: isAppUrl,
    send: (channel, event) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, event);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
  guardQuit({
    app,
    running: () => kirinuki.jobs.runningCount,
    confirm: async (running) => {
      const question = quitQuestion(running);
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const options = { type: 'question' as const, ...question, defaultId: 1, cancelId: 1, noLink: true };
      const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
    stop: () => {
      kirinuki.jobs.cancelAll();
      killAllFfmpeg();
    },
    keep: () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    },
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, openExternal));
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

start().catch((error: unknown) => {
  dialog.showErrorBox('Kirinuki could not start', error instanceof Error ? error.message : String(error));
  app.quit();
});
