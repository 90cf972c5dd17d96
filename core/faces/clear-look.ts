import type { FaceBox } from './types.js';

/** A look turned further than this from the camera (see frontalness) recognises nobody new. */
export const MIN_CLEAR_FRONTAL = 0.5;

/** Part of the frame's smaller side a face box must keep from every edge: a box touching it holds a cut face. */
const EDGE_MARGIN = 0.01;

/** Whether a face box lies wholly inside the frame, off its edges. */
export function insideFrame(box: FaceBox, width: number, height: number): boolean {
  const margin = Math.max(1, EDGE_MARGIN * Math.min(width, height));
  return box.x >= margin && box.y >= margin && box.x + box.w <= width - margin && box.y + box.h <= height - margin;
}

/**
 * Whether a described face is clear enough to found a new identity: wholly inside the frame (a
 * face cut by its edge describes part of a face) and frontal enough (a profile describes someone
 * else). Faces too small to describe never get here.
 */
export function isClearLook(box: FaceBox, frame: { width: number; height: number }, frontal: number): boolean {
  return frontal >= MIN_CLEAR_FRONTAL && insideFrame(box, frame.width, frame.height);
}
