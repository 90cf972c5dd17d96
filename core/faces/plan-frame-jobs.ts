import { searchRegion } from './box-geometry.js';
import type { DetectorPass } from './face-jobs.js';
import type { NormalisedFaceSettings } from './face-options.js';
import type { FaceBox } from './types.js';

export interface FrameSchedule {
  index: number;
  cut: boolean;
  width: number;
  height: number;
  /** Where the live tracks' faces should be at this frame, from their motion (the tracks stand as they were a few frames earlier). */
  active: FaceBox[];
  lastFull: number;
  lastDiscovery: number;
  /** The last frame that was searched for newcomers where the picture changed. */
  lastScan?: number;
  /** Nothing changed outside the tracked faces since the last full-frame pass: nobody new can have come. */
  stillSinceFull?: boolean;
  /**
   * The picture keeps changing like a cut (flashing or scrolling content): not a new shot, but what
   * was tracked may have moved anywhere, so the whole frame is looked at (without the finer pass).
   */
  busy?: boolean;
}

export interface FramePlan {
  /** Nothing to detect on this frame: its tracks are interpolated. */
  skip: boolean;
  /** The finer pass ran (shot starts). */
  fine?: boolean;
  /** Look for newcomers in magnified tiles where the picture changed since the last look. */
  scan?: boolean;
  passes: DetectorPass[];
  /** Run only if `passes` find no face: a shot that starts empty to the tiny detector gets the SSD look at once. */
  passesIfEmpty?: DetectorPass[];
  /** Run only if a search region finds nobody: a face that moved out of its region is looked for everywhere at once. */
  passesIfLost?: DetectorPass[];
  regions: FaceBox[];
  /** Regions of tracked faces searched only if the whole-frame passes miss them. */
  fallbackRegions?: FaceBox[];
  /** Areas of the frame looked at with `tilePass`, each as a job of its own (the finer pass at a cut). */
  tiles?: FaceBox[];
  tilePass?: DetectorPass;
  full: boolean;
  discovery: boolean;
}

/**
 * The finer pass of a shot's first frame as a job of its own (the whole frame as one tile), so
 * it spreads over the workers beside the cheap pass; SSD cut passes stay in the frame's job.
 */
function finerLook(width: number, height: number, cut: DetectorPass | undefined): { tiles: FaceBox[]; pass: DetectorPass } | undefined {
  return cut?.detector === 'tiny' ? { tiles: [{ x: 0, y: 0, w: width, h: height }], pass: cut } : undefined;
}

/** A still picture skips its due full-frame passes, but never more than this many in a row. */
const MAX_SKIPPED_FULL = 2;

/** How tall a face must be (analysis pixels) for the full-frame tiny pass to find it reliably. */
function smallFacePx(settings: NormalisedFaceSettings, width: number): number {
  return (64 * width) / Math.max(width, settings.fullPass.inputSize * 2);
}

/**
 * Chooses the work for one frame: an SSD discovery pass on a shot's first frame where the tiny
 * detector sees no face, and now and then (it finds faces down to ~16 px that the tiny
 * detector misses), the cheap full-frame detector every few frames (every fourth frame while
 * nobody is tracked; less often while the picture outside the tracked faces stays still) and at shot cuts (with a finer pass), every couple of seconds a magnified
 * look where the picture changed (small faces walking in), and in between only a tiny-detector
 * search around each tracked face on every detection frame: the reframe camera plans from
 * detected boxes, not interpolated ones.
 */
export function planFrameJobs(s: FrameSchedule, settings: NormalisedFaceSettings): FramePlan {
  const sinceDiscovery = s.index - s.lastDiscovery;
  const discovery = settings.discoveryEvery > 0 && sinceDiscovery >= settings.discoveryEvery;
  const scanDue = settings.scanEvery > 0 && s.index - (s.lastScan ?? -Infinity) >= settings.scanEvery;
  const sinceFull = s.index - s.lastFull;
  // with nobody tracked, a face walking in is looked for every other detection frame
  const fullEvery = s.active.length === 0 ? settings.detectEvery * 2 : settings.fullEvery;
  const fullDue = sinceFull >= fullEvery && !(s.stillSinceFull === true && sinceFull < fullEvery * (MAX_SKIPPED_FULL + 1));
  const full = discovery || s.cut || s.busy === true || fullDue;
  const small = smallFacePx(settings, s.width);
  if (!full && !scanDue && s.index % settings.detectEvery !== 0) {
    return { skip: true, passes: [], regions: [], full: false, discovery: false };
  }
  const fine = !discovery && s.cut;
  // a cut or a discovery pass looks at the whole frame anyway
  const scan = scanDue && !discovery && !s.cut;
  const finer = fine ? finerLook(s.width, s.height, settings.cutPass) : undefined;
  const finePasses = finer || !settings.cutPass ? [settings.fullPass] : [settings.fullPass, settings.cutPass];
  const passes = discovery ? [settings.discoveryPass] : fine ? finePasses : full ? [settings.fullPass] : [];
  const passesIfEmpty = fine && settings.discoveryEvery > 0 && settings.fullPass.detector === 'tiny' ? [settings.discoveryPass] : undefined;
  const searched = (box: FaceBox): boolean => !full || (!discovery && box.h < small);
  const region = (box: FaceBox): FaceBox => searchRegion(box, 2.5, s.width, s.height);
  const regions = s.active.filter(searched).map(region);
  const fallbackRegions = s.active.filter((box) => !searched(box)).map(region);
  const passesIfLost = !full && regions.length > 0 ? [settings.fullPass] : undefined;
  return { skip: false, fine, scan, passes, passesIfEmpty, passesIfLost, regions, fallbackRegions, tiles: finer?.tiles, tilePass: finer?.pass, full, discovery };
}
