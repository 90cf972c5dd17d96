import type { FaceBox, TrackSample } from '../faces/types.js';
import { boxAt, subjectSeries } from './subject-series.js';
import type { FrameSize } from './types.js';

/** The tightest crop a per-person shot may take, as a share of the source height (keeps the upscale reasonable). */
export const MIN_PERSON_CROP_HEIGHT = 0.45;

/**
 * How far the camera may sit off the person's centre, per crop width: the follow path's hold
 * range (0.08) plus its look-ahead lead (0.1), so a crop that excludes a face when centred still
 * excludes it while the camera holds or leads.
 */
const OFF_CENTRE = 0.18;

export interface PersonCrop {
  crop: FrameSize;
  /** Set when the crop was tightened, or could not be tightened enough: why, in words. */
  reason?: string;
}

interface Pair {
  person: FaceBox;
  other: FaceBox;
}

function even(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The span a crop of `size` centred near `centre` (up to OFF_CENTRE·size away, kept inside `limit`) may cover. */
function reach(centre: number, size: number, offset: number, limit: number): [number, number] {
  const low = clamp(centre - offset, size / 2, limit - size / 2);
  const high = clamp(centre + offset, size / 2, limit - size / 2);
  return [low - size / 2, high + size / 2];
}

function excludes(pair: Pair, crop: FrameSize, source: FrameSize): boolean {
  const { person, other } = pair;
  const offset = OFF_CENTRE * crop.width;
  const [left, right] = reach(person.x + person.w / 2, crop.width, offset, source.width);
  const [top, bottom] = reach(person.y + person.h / 2, crop.height, offset, source.height);
  const outsideX = other.x + other.w <= left || other.x >= right;
  const outsideY = other.y + other.h <= top || other.y >= bottom;
  return outsideX || outsideY;
}

/** The other faces seen with the person, each paired with the person's box at the same time. */
function pairsOf(person: TrackSample[], others: TrackSample[][]): Pair[] {
  if (person.length === 0) return [];
  const series = subjectSeries([person]);
  const first = series[0]!.t;
  const last = series[series.length - 1]!.t;
  return others
    .flat()
    .filter((s) => s.t >= first - 0.2 && s.t <= last + 0.2)
    .map((s) => ({ person: boxAt(series, s.t), other: s.box }));
}

/**
 * One crop size for a per-person shot: the full crop when no other face comes within it,
 * otherwise the widest 9:16 crop (even sides) centred on the person that leaves every other face
 * of the shot outside, at the closest moment; never under MIN_PERSON_CROP_HEIGHT of the source.
 * Where even that floor shows someone else it is kept (the person in the centre), with the reason.
 */
export function personCropSize(
  person: TrackSample[],
  others: TrackSample[][],
  full: FrameSize,
  source: FrameSize,
): PersonCrop {
  const pairs = pairsOf(person, others);
  const aspect = full.width / full.height;
  const sizeOf = (width: number): FrameSize => ({ width, height: Math.min(source.height, even(width / aspect)) });
  const fits = (crop: FrameSize): boolean => pairs.every((pair) => excludes(pair, crop, source));
  if (fits(full)) return { crop: full };
  // the typical width of the person's face, not its widest (detector) box, which jitters
  const widths = person.map((s) => s.box.w).sort((a, b) => a - b);
  const faceWidth = widths[Math.floor(widths.length / 2)] ?? 0;
  const floor = Math.min(full.width, 2 * Math.ceil(Math.max(MIN_PERSON_CROP_HEIGHT * source.height * aspect, faceWidth) / 2));
  for (let width = full.width - 2; width >= floor; width -= 2) {
    const crop = sizeOf(width);
    if (fits(crop)) return { crop, reason: `tightened to ${crop.width}x${crop.height} to leave the other faces out` };
  }
  const crop = sizeOf(floor);
  return {
    crop,
    reason: `another face stands too close to leave out even at the tightest crop (${crop.width}x${crop.height}); the person is centred`,
  };
}
