import { KirinukiError } from '../errors.js';
import { planWindow, selectMoments } from '../export/clip-plan.js';
import { snapWindow } from '../export/clip-telops.js';
import { getPreset, maxClipLength } from '../export/presets.js';
import type { TimeWindow } from '../media/time-window.js';
import type { Moment } from '../moments/types.js';
import { telopsOfJob } from './job-telops.js';
import type { VideoJob } from './video-job.js';

/** The moments an export makes clips of: the user's edited ones, else the ranked ones. */
export function momentsToClip(job: VideoJob): Moment[] {
  const moments = job.clips?.moments ?? job.moments?.moments;
  if (!moments) throw new KirinukiError('INTERNAL', `The clips of ${job.videoId} need its moments first.`);
  return moments;
}

/**
 * The source windows the export will cut (each moment trimmed to the preset's cap, and with
 * telops on moved to the cue boundaries nearby, as the export plans them): what to download and analyse.
 */
export async function clipWindowsOf(job: VideoJob): Promise<TimeWindow[]> {
  const preset = getPreset(job.clips?.preset ?? 'shorts');
  const maxS = maxClipLength(preset, job.clips?.maxLength);
  const durationS = job.moments?.video.durationS || Number.POSITIVE_INFINITY;
  const track = (await telopsOfJob(job)).telops?.track;
  const snap = track ? (window: TimeWindow) => snapWindow(window, track, { maxS, durationS }) : undefined;
  return selectMoments(momentsToClip(job), job.clips?.top).map((m) => planWindow(m, { maxS, durationS, snap }));
}
