import type { CaptionTrack } from '../captions/caption-track.js';
import type { ClipCaptions } from './clip-record.js';
import type { SequenceOverlay } from '../media/clip-layout.js';
import type { TimeWindow } from '../media/time-window.js';
import { MOMENTS_DEFAULTS } from '../moments/moments-options.js';
import { snapToCues } from '../telops/snap-to-cues.js';
import type { CaptionMode, MusicTags, Telop, TelopEdit } from '../telops/telop.js';
import { telopStyle, type TelopStyle } from '../telops/telop-style.js';
import { telopsForWindow } from '../telops/telops-for-window.js';
import { writeTelopTrack } from '../telops/write-telop-track.js';

/** The telops of an export: the video's caption track and how to draw it. */
export interface ExportTelops {
  track: CaptionTrack;
  /** A name from telop-styles.json. */
  style: string;
  music: MusicTags;
  /** The user's edits (`<project>/telop-edits.json`). */
  edits?: TelopEdit[];
}

/** The captions actually drawn: none for `--fast` (a stream copy), else `--captions` (or the older `--caption`). */
export function captionMode(options: { captions?: CaptionMode; caption?: 'top-comment'; fast?: boolean }): CaptionMode {
  if (options.fast) return 'none';
  return options.captions ?? options.caption ?? 'none';
}

/** `speech` and `both` draw what is said. */
export const showsTelops = (mode: CaptionMode | undefined): boolean => mode === 'speech' || mode === 'both';
/** `top-comment` and `both` draw the top comment as a title card. */
export const showsTopComment = (mode: CaptionMode | undefined): boolean => mode === 'top-comment' || mode === 'both';

/** A clip starts and ends between sentences: cue boundaries within this much of the planned window. */
export const SNAP_TO_CUES_S = 2;

/**
 * The window moved to the nearest cue boundaries (±2 s) so a clip neither starts nor ends
 * mid-sentence, within the moments' length rules (8 s, or the cap when shorter, to the cap).
 */
export function snapWindow(window: TimeWindow, track: CaptionTrack, limits: { maxS: number; durationS: number }): TimeWindow {
  return snapToCues(window, track, {
    maxShiftS: SNAP_TO_CUES_S,
    minLength: Math.min(MOMENTS_DEFAULTS.minLength, limits.maxS),
    maxLength: limits.maxS,
    durationS: limits.durationS,
  });
}

/** A clip's telops: the style, and the telops of each of its parts (times from the part's start). */
export interface ClipTelopParts {
  style: TelopStyle;
  parts: Telop[][];
}

/** The telops of each part of a clip, laid out for the output frame. */
export function telopsOfParts(telops: ExportTelops, parts: TimeWindow[], frame: { width: number; height: number }): ClipTelopParts {
  const style = telopStyle(telops.style);
  const options = { music: telops.music, frameWidth: frame.width, frameHeight: frame.height, style, ...(telops.edits ? { edits: telops.edits } : {}) };
  return { style, parts: parts.map((part) => telopsForWindow(telops.track, part, options)) };
}

/**
 * One part's telops as the overlay the encoder reads: the PNG states and their ffconcat list,
 * written in `dir`; none when the part has no telop (nothing to overlay, nothing to decode).
 */
export async function telopOverlay(
  dir: string,
  telops: Telop[],
  options: { frame: { width: number; height: number }; style: TelopStyle; durationS: number },
): Promise<SequenceOverlay | undefined> {
  if (telops.length === 0) return undefined;
  const track = await writeTelopTrack(dir, telops, options);
  return { concatList: track.listFile, x: track.x, y: track.y };
}

/** The clip's `captions` record: the mode, the telop style and how many telops it shows; none for `none`. */
export function captionsRecord(mode: CaptionMode, telops: ClipTelopParts | undefined): ClipCaptions | undefined {
  if (mode === 'none') return undefined;
  const count = telops?.parts.reduce((sum, part) => sum + part.length, 0) ?? 0;
  return { mode, ...(showsTelops(mode) && telops ? { style: telops.style.name } : {}), telops: count };
}
