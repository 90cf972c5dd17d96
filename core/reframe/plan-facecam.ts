import type { FaceBox } from '../faces/types.js';
import type { CropSample } from '../media/crop-path.js';
import type { PixelStats } from './facecam-stats.js';
import type { PixelRect } from './find-facecam-box.js';
import type { FacecamFrame, FrameSize } from './types.js';

/** The face-cam takes the output's width and at most this share of its height (about a third)... */
const MAX_CAM_SHARE = 0.4;
/** ...and at least this share (a very wide face-cam is cropped to it around the face). */
const MIN_CAM_SHARE = 0.25;
/** Content windows with this share of the busiest one's change are as good as it. */
const ALMOST = 0.99;

const even = (value: number): number => Math.max(2, Math.floor(value / 2) * 2);
const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), Math.max(low, high));

/**
 * The face-cam's crop (source pixels) and its height in the output: the whole rectangle at the
 * output's width when that is between a quarter and 40 % of the output's height, else the part of
 * it around the face with the nearest allowed aspect.
 */
function camCrop(cam: FaceBox, face: FaceBox, output: FrameSize): { crop: CropSample; camHeight: number } {
  const natural = (output.width * cam.h) / cam.w;
  const camHeight = even(clamp(natural, MIN_CAM_SHARE * output.height, MAX_CAM_SHARE * output.height));
  const aspect = output.width / camHeight;
  const w = even(Math.min(cam.w, cam.h * aspect));
  const h = even(Math.min(cam.h, w / aspect));
  const cx = face.x + face.w / 2;
  const cy = face.y + face.h / 2;
  const x = Math.round(clamp(cx - w / 2, cam.x, cam.x + cam.w - w));
  const y = Math.round(clamp(cy - h / 2, cam.y, cam.y + cam.h - h));
  return { crop: { t: 0, x, y, w, h }, camHeight };
}

/** How much each column of the analysed frames changes, leaving out the face-cam itself. */
function columnChange(stats: PixelStats, cam: PixelRect): Float64Array {
  const columns = new Float64Array(stats.width);
  for (let y = 0; y < stats.height; y += 1) {
    for (let x = 0; x < stats.width; x += 1) {
      const inCam = x >= cam.left && x < cam.right && y >= cam.top && y < cam.bottom;
      if (!inCam) columns[x]! += stats.change[y * stats.width + x]!;
    }
  }
  return columns;
}

/**
 * The left edge (analysed pixels) of the window of `span` columns where the picture changes most;
 * of windows about as busy, the one centred nearest the change's centre (the action in the middle).
 * Windows beside the face-cam's columns come first: a full-height crop across them would show the
 * face a second time below the face-cam.
 */
function busiestWindow(columns: Float64Array, span: number, cam: PixelRect): number {
  const last = Math.max(0, columns.length - span);
  const sums: number[] = [];
  let sum = 0;
  for (let x = 0; x < Math.min(span, columns.length); x += 1) sum += columns[x]!;
  for (let at = 0; at <= last; at += 1) {
    if (at > 0) sum += (columns[at + span - 1] ?? 0) - columns[at - 1]!;
    sums.push(sum);
  }
  const beside = sums.map((_, at) => at + span <= cam.left || at >= cam.right);
  const windows = sums.map((_, at) => at).filter((at) => beside[at] || !beside.includes(true));
  const total = columns.reduce((a, b) => a + b, 0);
  const centre = total > 0 ? columns.reduce((a, v, x) => a + v * (x + 0.5), 0) / total : columns.length / 2;
  const most = Math.max(...windows.map((at) => sums[at]!));
  const busy = windows.filter((at) => sums[at]! >= ALMOST * most);
  const offCentre = (at: number): number => Math.abs(at + span / 2 - centre);
  return busy.reduce((best, at) => (offCentre(at) < offCentre(best) ? at : best), busy[0]!);
}

/**
 * The face-cam layout of one shot: the face-cam's rectangle on top at the output's width, and below
 * it the content: the full-height crop of the remaining aspect where the picture changes most
 * (the action), the face-cam itself left out of that measure.
 */
export function planFacecam(
  found: { cam: FaceBox; face: FaceBox; stats: PixelStats; camPixels: PixelRect },
  source: FrameSize,
  output: FrameSize,
): FacecamFrame {
  const { crop: cam, camHeight } = camCrop(found.cam, found.face, output);
  const aspect = output.width / (output.height - camHeight);
  const w = even(Math.min(source.width, source.height * aspect));
  const h = even(Math.min(source.height, w / aspect));
  const scale = source.width / found.stats.width;
  const span = Math.max(1, Math.round(w / scale));
  const left = busiestWindow(columnChange(found.stats, found.camPixels), span, found.camPixels) * scale;
  const content: CropSample = {
    t: 0,
    x: Math.round(clamp(left, 0, source.width - w)),
    y: Math.round((source.height - h) / 2),
    w,
    h,
  };
  return { cam, content, camHeight };
}
