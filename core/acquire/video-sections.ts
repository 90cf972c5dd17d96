import { KirinukiError } from '../errors.js';
import type { TimeWindow } from '../media/time-window.js';

/** A local file holding the part [start, end] of the source video; its t = 0 is source time `start`. */
export interface VideoSection {
  path: string;
  start: number;
  end: number;
}

/** The video as the export reads it: one whole file, or downloaded sections of it. */
export interface AcquiredVideo {
  sections: VideoSection[];
  /** How it was obtained, for the log and the manifest. */
  origin: 'local' | 'download' | 'download-sections';
}

/** A whole local file: one section covering all of it. */
export function wholeFile(path: string, origin: AcquiredVideo['origin'] = 'local'): AcquiredVideo {
  return { sections: [{ path, start: 0, end: Number.POSITIVE_INFINITY }], origin };
}

/** Margin added around every clipped window when only sections are downloaded. */
export const SECTION_MARGIN_S = 5;

/**
 * The sections to download for some windows: each widened by the margin, clamped to the video,
 * overlapping or touching ones merged, sorted by time; times rounded to milliseconds.
 */
export function planSections(windows: TimeWindow[], durationS: number, marginS = SECTION_MARGIN_S): TimeWindow[] {
  const ms = (t: number): number => Math.round(t * 1000) / 1000;
  const limit = durationS > 0 ? durationS : Number.POSITIVE_INFINITY; // 0 = unknown
  const widened = windows
    .map((w) => ({ start: ms(Math.max(0, w.start - marginS)), end: ms(Math.min(limit, w.end + marginS)) }))
    .filter((w) => w.end > w.start)
    .sort((a, b) => a.start - b.start);
  const merged: TimeWindow[] = [];
  for (const w of widened) {
    const last = merged.at(-1);
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

/**
 * Where a window of the source is in the acquired files: the section that holds all of it and
 * the window in that file's own time (source time minus the section's start).
 */
export function locateWindow(video: AcquiredVideo, window: TimeWindow): { path: string; start: number; end: number } {
  const eps = 1e-3;
  const section = video.sections.find((s) => s.start <= window.start + eps && s.end >= window.end - eps);
  if (!section) {
    throw new KirinukiError('INTERNAL', `No downloaded section holds ${window.start.toFixed(3)}–${window.end.toFixed(3)} s.`);
  }
  return {
    path: section.path,
    start: Math.max(0, window.start - section.start),
    end: window.end - section.start,
  };
}
