import type { JobKind, JobView } from '../../../core/app/contract';
import type { Screen } from '../App';

const DOING: Record<JobKind, string> = {
  openSource: 'Opening',
  attachVideo: 'Attaching the video',
  downloadVideo: 'Downloading the video',
  analyzeFaces: 'Finding people',
  exportClips: 'Exporting clips',
  runChannel: 'Channel run',
  publishClip: 'Publishing to YouTube',
};

/** What a job is doing, in words: "Exporting clips". */
export function jobLabel(job: JobView): string {
  return DOING[job.kind];
}

const SCREEN: Record<JobKind, Screen> = {
  openSource: 'start',
  attachVideo: 'video',
  downloadVideo: 'video',
  analyzeFaces: 'people',
  exportClips: 'export',
  runChannel: 'channel',
  publishClip: 'export',
};

/** The screen a job's result belongs on. */
export function jobScreen(kind: JobKind): Screen {
  return SCREEN[kind];
}
