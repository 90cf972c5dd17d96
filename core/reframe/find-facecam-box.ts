import type { PixelStats } from './facecam-stats.js';

/** A rectangle of the analysed frames: columns [left, right), rows [top, bottom). */
export interface PixelRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type FacecamBoxResult =
  | { found: true; box: PixelRect; sides: number }
  | { found: false; reason: string };

/**
 * Per row (per column) the step and the change contrast each count up to this much: a line counts
 * by how far it runs, not by a few strong pixels, and a line inside the face-cam (a shelf, the
 * face's own edge) scores at most half of a side with moving content outside.
 */
const CAP = 40;
/** A side of the face-cam is a line scoring this much at least; else the frame's edge is that side. */
const MIN_LINE = 25;
/** Below this mean change per frame (luma levels) nothing is moving: a contrast in it is noise. */
const CONTRAST_FLOOR = 4;
/**
 * The side is the outermost line nearly as strong as the strongest: a border's outer edge rather
 * than its inner one, the face-cam's edge rather than a line inside it (the face's own edge).
 */
const NEARLY = 0.7;
/**
 * How far outside the strongest line its outer edge can be (analysed pixels): a border a few
 * pixels thick, not a line in the content beyond (busy gameplay beside the face-cam has many).
 */
const MAX_BORDER = 8;
/** A side this close to the frame's edge is the frame's edge (a face-cam flush with it). */
const SNAP = 3;
/** Sides that must be lines (a face-cam in a corner has two at the frame's edges). */
const MIN_SIDES = 2;
/** A face-cam covers this share of the frame at most... */
const MAX_AREA = 0.35;
/** ...and the picture around it changes by this many luma levels per analysed frame at least. */
const MIN_OUTSIDE_CHANGE = 2;
/** Lines near the rectangle's corners are left out of its sides' scores. */
const CORNER = 2;
/**
 * Each side is looked for from this far out of the face's centre (a share of the face's size):
 * the face-cam's edge may cut the face's box (a chin below the picture), never its middle.
 */
const FACE_CORE = 0.25;
/**
 * Found sides are moved this far inwards (analysed pixels): a boundary measured over three pixels
 * of downscaled frames may sit a pixel outside, and a sliver of the content beside the face-cam
 * shows more than a pixel of its border lost.
 */
const INSET = 1;
/**
 * A face-cam holds this share of the face's box at least: a line through the face (a shelf behind
 * it, its own edge) gives a rectangle that would cut it in half.
 */
const MIN_FACE_INSIDE = 0.8;
/** A line beyond the face's edge is taken over a stronger one through the face when it scores this share of it. */
const BEYOND_FACE = 0.5;

type Side = 'left' | 'right' | 'top' | 'bottom';

interface Band {
  from: number;
  to: number;
}

/**
 * How much a boundary looks like a face-cam's side over a band: per row (or column) the mean
 * brightness step across it (a border or a picture edge that stays put) plus how much more the
 * outside changes than the inside (the content moving around a still face-cam), each capped, averaged.
 * `at` is the boundary before pixel `at` (between at-1 and at).
 */
function lineScore(stats: PixelStats, side: Side, at: number, band: Band): number {
  const vertical = side === 'left' || side === 'right';
  const outward = side === 'left' || side === 'top' ? -1 : 1;
  const pixel = (along: number, across: number): number =>
    vertical ? along * stats.width + across : across * stats.width + along;
  const step = vertical ? stats.stepX : stats.stepY;
  const limit = vertical ? stats.width : stats.height;
  const inBounds = (v: number): number => Math.min(limit - 1, Math.max(0, v));
  const from = band.from + CORNER;
  const to = band.to - CORNER;
  if (to <= from) return 0;
  let total = 0;
  for (let along = from; along < to; along += 1) {
    // the step over three pixels: an edge softened by the downscale still counts whole
    const edge = Math.abs(step[pixel(along, inBounds(at - 2))]! + step[pixel(along, inBounds(at - 1))]! + step[pixel(along, inBounds(at))]!);
    let outside = 0;
    let inside = 0;
    for (let k = 1; k <= 3; k += 1) {
      outside += stats.change[pixel(along, inBounds(outward < 0 ? at - k : at + k - 1))]!;
      inside += stats.change[pixel(along, inBounds(outward < 0 ? at + k - 1 : at - k))]!;
    }
    // the share of the outside's change the inside lacks: 1 for a still face-cam in moving content
    const contrast = Math.max(0, outside - inside) / Math.max(outside, 3 * CONTRAST_FLOOR);
    total += Math.min(CAP, edge) + CAP * contrast;
  }
  return total / (to - from);
}

/**
 * The boundary of one side: the outermost strong line between the face and the frame's edge, or the
 * frame's edge. A line beyond the face's own edge (`faceEdge`) comes first when one is strong enough.
 */
function findSide(stats: PixelStats, side: Side, range: { near: number; far: number; faceEdge: number }, band: Band): { at: number; line: boolean } {
  const outward = range.far > range.near ? 1 : -1;
  const scores: Array<{ at: number; score: number }> = [];
  for (let at = range.near; outward > 0 ? at <= range.far : at >= range.far; at += outward) {
    scores.push({ at, score: lineScore(stats, side, at, band) });
  }
  const strongest = (list: typeof scores): { at: number; score: number } =>
    list.reduce((a, b) => (b.score > a.score ? b : a), { at: range.near, score: 0 });
  const peak = (i: number): boolean => scores[i]!.score >= (scores[i - 1]?.score ?? 0) && scores[i]!.score >= (scores[i + 1]?.score ?? 0);
  const overall = strongest(scores);
  const beyondFace = strongest(scores.filter((s, i) => (s.at - range.faceEdge) * outward >= 0 && peak(i)));
  const best = beyondFace.score >= Math.max(MIN_LINE, BEYOND_FACE * overall.score) ? beyondFace : overall;
  const frameEdge = side === 'left' || side === 'top' ? 0 : side === 'right' ? stats.width : stats.height;
  if (best.score < MIN_LINE) return { at: frameEdge, line: false };
  const outer = scores.filter((s, i) => (s.at - best.at) * outward > 0 && (s.at - best.at) * outward <= MAX_BORDER && s.score >= NEARLY * best.score && peak(i));
  const at = outer.length > 0 ? outer[outer.length - 1]!.at : best.at;
  return Math.abs(at - frameEdge) <= SNAP ? { at: frameEdge, line: false } : { at, line: true };
}

function faceCore(face: PixelRect): PixelRect {
  const cx = (face.left + face.right) / 2;
  const cy = (face.top + face.bottom) / 2;
  const dx = Math.max(1, Math.round(FACE_CORE * (face.right - face.left)));
  const dy = Math.max(1, Math.round(FACE_CORE * (face.bottom - face.top)));
  return { left: Math.round(cx) - dx, right: Math.round(cx) + dx, top: Math.round(cy) - dy, bottom: Math.round(cy) + dy };
}

/** The share of the face's box inside `box`. */
function faceInside(face: PixelRect, box: PixelRect): number {
  const w = Math.max(0, Math.min(face.right, box.right) - Math.max(face.left, box.left));
  const h = Math.max(0, Math.min(face.bottom, box.bottom) - Math.max(face.top, box.top));
  const area = (face.right - face.left) * (face.bottom - face.top);
  return area > 0 ? (w * h) / area : 0;
}

function meanChange(stats: PixelStats, box: PixelRect, inside: boolean): number {
  let total = 0;
  let count = 0;
  for (let y = 0; y < stats.height; y += 1) {
    for (let x = 0; x < stats.width; x += 1) {
      const within = x >= box.left && x < box.right && y >= box.top && y < box.bottom;
      if (within !== inside) continue;
      total += stats.change[y * stats.width + x]!;
      count += 1;
    }
  }
  return count === 0 ? 0 : total / count;
}

/**
 * The rectangle of a face-cam around a face (`face`, in the analysed frames' pixels): each side the
 * strongest line between the face and the frame's edge, over the span the other sides bound,
 * found twice (the second time over the first rectangle's full sides). A face-cam has at least
 * two such lines, is small, and the picture around it moves; otherwise none is found, and why.
 */
export function findFacecamBox(stats: PixelStats, face: PixelRect): FacecamBoxResult {
  const { width, height } = stats;
  const core = faceCore(face);
  let box: PixelRect = { ...core };
  let lines = { left: false, top: false, right: false, bottom: false };
  for (let pass = 0; pass < 2; pass += 1) {
    const rows = { from: box.top, to: box.bottom };
    const columns = { from: box.left, to: box.right };
    const left = findSide(stats, 'left', { near: core.left, far: 1, faceEdge: face.left }, rows);
    const right = findSide(stats, 'right', { near: core.right, far: width - 1, faceEdge: face.right }, rows);
    const top = findSide(stats, 'top', { near: core.top, far: 1, faceEdge: face.top }, columns);
    const bottom = findSide(stats, 'bottom', { near: core.bottom, far: height - 1, faceEdge: face.bottom }, columns);
    box = { left: left.at, top: top.at, right: right.at, bottom: bottom.at };
    lines = { left: left.line, top: top.line, right: right.line, bottom: bottom.line };
  }
  const sides = Object.values(lines).filter(Boolean).length;
  if (sides < MIN_SIDES) return { found: false, reason: `only ${sides} side(s) of a face-cam around the face` };
  const area = ((box.right - box.left) * (box.bottom - box.top)) / (width * height);
  if (area > MAX_AREA) return { found: false, reason: `the region around the face covers ${Math.round(area * 100)} % of the frame` };
  const inside = faceInside(face, box);
  if (inside < MIN_FACE_INSIDE) return { found: false, reason: `the rectangle around the face holds only ${Math.round(inside * 100)} % of it` };
  const outside = meanChange(stats, box, false);
  if (outside < MIN_OUTSIDE_CHANGE) return { found: false, reason: 'the picture around the face does not move' };
  const inset = (at: number, line: boolean, inward: number): number => at + (line ? inward * INSET : 0);
  const inner = {
    left: inset(box.left, lines.left, 1), top: inset(box.top, lines.top, 1),
    right: inset(box.right, lines.right, -1), bottom: inset(box.bottom, lines.bottom, -1),
  };
  return { found: true, box: inner, sides };
}
