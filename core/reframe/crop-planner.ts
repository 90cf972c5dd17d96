import type { ClipLayout } from '../media/clip-layout.js';
import type { MediaInfo } from '../media/probe.js';
import type { TimeWindow } from '../media/time-window.js';

/** What a crop planner is asked for: the layout of one segment of one clip. */
export interface CropRequest {
  /** The clip's person in per-person exports (the camera follows them), else null. */
  person: string | null;
  /** The clip's moment (its rank), so a planner can apply the user's framing of it. */
  moment?: number;
  /** The segment in source seconds. */
  segment: TimeWindow;
  /** Where that segment is in the file that will be read (seconds in that file). */
  input: { path: string; start: number; end: number };
  source: MediaInfo;
  width: number;
  height: number;
  signal?: AbortSignal;
}

/**
 * Decides the crop of a segment (e.g. the face-following path); undefined falls back to the
 * export's `crop` option. Crop path times are seconds from the segment's start.
 */
export type CropPlanner = (request: CropRequest) => Promise<ClipLayout | undefined>;
