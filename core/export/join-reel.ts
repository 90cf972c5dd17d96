import { concatClips } from '../media/concat.js';
import { probeMedia } from '../media/probe.js';
import { fingerprint } from '../project/fingerprint.js';
import type { ProgressListener } from '../progress.js';
import { isUpToDate } from './is-up-to-date.js';
import type { ClipRecord, SummaryRecord } from './manifest.js';

export interface JoinReelRequest {
  clips: ClipRecord[];
  output: string;
  /** The same reel from the previous run, to keep it when nothing changed. */
  previous?: SummaryRecord | null;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  onSkip?: () => void;
}

const sortedForReel = (clips: ClipRecord[]): ClipRecord[] => [...clips].sort((a, b) => a.start - b.start || a.moment - b.moment);

/** What a reel is made of (its clips' files and settings): the same key and a valid file means it is up to date. */
export function reelKey(clips: ClipRecord[]): string {
  return fingerprint(sortedForReel(clips).map((c) => [c.path, c.key ?? null]));
}

/** Joins clips into one reel in the order they happen in the video (stream copy: they share one encode). */
export async function joinReel(request: JoinReelRequest): Promise<SummaryRecord> {
  const clips = sortedForReel(request.clips);
  const key = reelKey(clips);
  const durationS = clips.reduce((sum, c) => sum + c.durationS, 0);
  const first = clips[0];
  const expected = { width: first?.width ?? 0, height: first?.height ?? 0, durationS };
  const previous = request.previous;
  if (previous?.path === request.output && previous.key === key && (await isUpToDate(request.output, { ...expected, durationS: previous.durationS }))) {
    request.onSkip?.();
    return previous;
  }
  await concatClips({ inputs: clips.map((c) => c.path), output: request.output, signal: request.signal, onProgress: request.onProgress });
  const info = await probeMedia(request.output, { signal: request.signal });
  return { path: request.output, moments: clips.map((c) => c.moment), width: info.width, height: info.height, durationS: info.durationS, key };
}
