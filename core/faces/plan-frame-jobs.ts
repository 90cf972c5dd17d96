import { searchRegion } from './box-geometry.js';
import type { DetectorPass } from './face-jobs.js';
import type { NormalisedFaceSettings } from './face-options.js';
import type { FaceBox } from './types.js';

export interface FrameSchedule {
  index: number;
  cut: boolean;
  width: number;
  height: number;
  /** Boxes of the tracks alive when this frame is planned (may lag a frame or two behind). */
  active: FaceBox[];
  lastFull: number;
  /** The last frame that had the finer full-frame pass (cutPass). */
  lastFine?: number;
  lastDiscovery: number;
  /** A shot began without a face the cheap detector could see: look for small ones now. */
  discoveryWanted?: boolean;
}

export interface FramePlan {
  /** Nothing to detect on this frame: its tracks are interpolated. */
  skip: boolean;
  /** The finer pass ran (shot starts, and every sixth full pass for medium-small faces walking in). */
  fine?: boolean;
  passes: DetectorPass[];
  regions: FaceBox[];
  full: boolean;
  discovery: boolean;
}

/** How tall a face must be (analysis pixels) for the full-frame tiny pass to find it reliably. */
function smallFacePx(settings: NormalisedFaceSettings, width: number): number {
  return (64 * width) / Math.max(width, settings.fullPass.inputSize * 2);
}

/**
 * Chooses the work for one frame: an SSD discovery pass now and then (it finds faces down to
 * ~16 px that the tiny detector misses; also right after a shot that starts with no face the
 * tiny detector sees), the cheap full-frame detector every few frames (every other frame while
 * nobody is tracked) and at shot cuts, and in between only a tiny-detector search around each
 * tracked face (small tracked faces are searched for on every frame).
 */
export function planFrameJobs(s: FrameSchedule, settings: NormalisedFaceSettings): FramePlan {
  const sinceDiscovery = s.index - s.lastDiscovery;
  const discovery =
    settings.discoveryEvery > 0 && (s.index === 0 || sinceDiscovery >= settings.discoveryEvery || s.discoveryWanted === true);
  if (!discovery && !s.cut && s.index % settings.detectEvery !== 0) return { skip: true, passes: [], regions: [], full: false, discovery: false };
  const sinceFull = s.index - s.lastFull;
  const full = discovery || s.cut || sinceFull >= (s.active.length === 0 ? 2 : settings.fullEvery);
  const fine = !discovery && full && (s.cut || s.index - (s.lastFine ?? -Infinity) >= settings.fullEvery * 6);
  const passes = discovery ? [settings.discoveryPass] : fine ? [settings.fullPass, settings.cutPass] : full ? [settings.fullPass] : [];
  const small = smallFacePx(settings, s.width);
  const regions = s.active
    .filter((box) => !full || (!discovery && box.h < small))
    .map((box) => searchRegion(box, 2.5, s.width, s.height));
  return { skip: false, fine, passes, regions, full, discovery };
}
