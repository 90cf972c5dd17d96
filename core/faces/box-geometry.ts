import type { FaceBox } from './types.js';

export function boxArea(box: FaceBox): number {
  return Math.max(0, box.w) * Math.max(0, box.h);
}

/** Intersection over union of two boxes, 0..1. */
export function boxIou(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (boxArea(a) + boxArea(b) - inter);
}

export function scaleBox(box: FaceBox, sx: number, sy: number = sx): FaceBox {
  return { x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy };
}

/** A square region `factor` times the box's larger side, centred on it and kept inside the frame. */
export function searchRegion(box: FaceBox, factor: number, width: number, height: number): FaceBox {
  const side = Math.min(Math.max(box.w, box.h) * factor, width, height);
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const x = Math.min(Math.max(0, cx - side / 2), width - side);
  const y = Math.min(Math.max(0, cy - side / 2), height - side);
  return { x: Math.round(x), y: Math.round(y), w: Math.round(side), h: Math.round(side) };
}

/** Clips a box to the frame; a box wholly outside comes back with zero size. */
export function clipBox(box: FaceBox, width: number, height: number): FaceBox {
  const x = Math.min(Math.max(0, box.x), width);
  const y = Math.min(Math.max(0, box.y), height);
  const w = Math.max(0, Math.min(width, box.x + box.w) - x);
  const h = Math.max(0, Math.min(height, box.y + box.h) - y);
  return { x, y, w, h };
}

/** Greedy non-maximum suppression: keeps the best-scored of boxes overlapping more than `maxIou`. */
export function suppressOverlaps<T extends { box: FaceBox; score: number }>(items: T[], maxIou = 0.4): T[] {
  const kept: T[] = [];
  for (const item of [...items].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => boxIou(k.box, item.box) <= maxIou)) kept.push(item);
  }
  return kept;
}
