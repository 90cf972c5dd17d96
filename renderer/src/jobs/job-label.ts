import type { JobKind, JobView } from '../../../core/app/contract';

const DOING: Record<JobKind, string> = {
  openSource: 'Opening',
  attachVideo: 'Attaching the video',
  downloadVideo: 'Downloading the video',
  analyzeFaces: 'Finding people',
  exportClips: 'Exporting clips',
  runChannel: 'Channel run',
};

/** What a job is doing, in words: "Exporting clips". */
export function jobLabel(job: JobView): string {
  return DOING[job.kind];
}

/** The screen a job's result belongs on. */
export function jobScreen(kind: JobKind): 'start' | 'video' | 'people' | 'export' | 'channel' {
  if (kind === 'exportClips') return 'export';
  if (kind === 'analyzeFaces') return 'people';
  if (kind === 'attachVideo' || kind === 'downloadVideo') return 'video';
  if (kind === 'runChannel') return 'channel';
  return 'start';
}
