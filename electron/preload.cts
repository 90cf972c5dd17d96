/**
 * The preload of the Kirinuki window (sandboxed: CommonJS, and `require('electron')` is all it
 * can load). It exposes `window.kirinuki` through contextBridge as one function per contract
 * method, each invoking its own IPC channel: the page never sees ipcRenderer itself.
 * The channel names repeat electron/ipc-channels.ts; the `Record<MethodName, true>` below makes
 * the compiler reject a method missing from, or unknown to, the contract.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { AppEvent, KirinukiApi, MethodName } from '../core/app/contract.js' with { 'resolution-mode': 'import' };
import type { MediaRef } from '../core/app/views.js' with { 'resolution-mode': 'import' };

const METHODS: Record<MethodName, true> = {
  getSettings: true,
  saveSettings: true,
  detectTools: true,
  listProjects: true,
  openSource: true,
  openProject: true,
  chooseVideoFile: true,
  attachVideo: true,
  detachVideo: true,
  chooseViewerFile: true,
  loadViewerFile: true,
  downloadVideo: true,
  editMoment: true,
  addMoment: true,
  splitMoment: true,
  deleteMoment: true,
  undoMomentEdit: true,
  getTimelineMedia: true,
  getTelops: true,
  saveTelopEdit: true,
  resetTelopEdit: true,
  setTelopStyle: true,
  previewFraming: true,
  saveFraming: true,
  chooseSubtitleFile: true,
  attachSubtitles: true,
  getPeople: true,
  analyzeFaces: true,
  renamePerson: true,
  mergePeople: true,
  hidePerson: true,
  undoPeopleEdit: true,
  exportClips: true,
  listClips: true,
  listExports: true,
  saveExportSettings: true,
  deleteExport: true,
  saveClipUpload: true,
  saveExportAs: true,
  getYoutubeAccount: true,
  saveYoutubeAccount: true,
  planPublish: true,
  publishClip: true,
  runChannel: true,
  listJobs: true,
  getJob: true,
  cancelJob: true,
  pauseJob: true,
  revealFile: true,
  openExternal: true,
};

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildKirinukiApi(ipc: IpcRendererLike, pathForFile?: (file: never) => string): KirinukiApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(METHODS)) {
    api[name] = (args: unknown, options?: { jobId?: string }) =>
      ipc.invoke(`kirinuki:call:${name}`, args ?? {}, options?.jobId ? { jobId: options.jobId } : {});
  }
  api.host = 'electron';
  api.onEvent = (listener: (event: AppEvent) => void) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as AppEvent);
    ipc.on('kirinuki:event', wrapped);
    return () => {
      ipc.removeListener('kirinuki:event', wrapped);
    };
  };
  api.mediaUrl = (ref: MediaRef) =>
    `kirinuki-media://project/${encodeURIComponent(ref.videoId)}/${ref.rel.split('/').map(encodeURIComponent).join('/')}`;
  if (pathForFile) api.pathForFile = (file: unknown) => pathForFile(file as never);
  return api as unknown as KirinukiApi;
}

if (contextBridge) {
  contextBridge.exposeInMainWorld('kirinuki', buildKirinukiApi(ipcRenderer, (file) => webUtils.getPathForFile(file)));
}
