import type { MethodName } from '../../../core/app/contract';

/**
 * Every method of the contract, checked at compile time both ways (a missing or an unknown name
 * does not type-check), so the browser host exposes exactly what the contract declares.
 */
export const METHOD_FLAGS: Record<MethodName, true> = {
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
  saveExportAs: true,
  runChannel: true,
  listJobs: true,
  getJob: true,
  cancelJob: true,
  pauseJob: true,
  revealFile: true,
  openExternal: true,
};

export const METHODS = Object.keys(METHOD_FLAGS) as MethodName[];
