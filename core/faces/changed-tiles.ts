import { searchRegion } from './box-geometry.js';
import type { FaceBox } from './types.js';

/** The grey thumbnail of frameSignature: one pixel per `step` x `step` block of the frame. */
export interface GreyThumbnail {
  grey: Uint8Array;
  /** Thumbnail columns (ceil(frame width / step)). */
  cols: number;
  step: number;
}

export interface ChangedTilesOptions {
  width: number;
  height: number;
  /** Boxes of the faces being tracked: change around them is theirs, not a newcomer's. */
  active: FaceBox[];
  /** Side of a tile in frame pixels (a face of a tenth of it is still readable when the tile is magnified). */
  tile: number;
  maxTiles: number;
}

/** A cell (the unit of change) is half a tile on a side. */
const CELL_FRACTION = 0.5;
/** A grey level change this large is movement, not compression noise. */
const PIXEL_CHANGE = 24;
/** The share of a cell's pixels that must change for something to have arrived or moved there. */
const CELL_SHARE = 0.04;

function inside(x: number, y: number, box: FaceBox): boolean {
  return x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h;
}

interface Cell {
  cx: number;
  cy: number;
  share: number;
}

function changedCells(before: GreyThumbnail, after: GreyThumbnail, o: ChangedTilesOptions, covered: FaceBox[]): Cell[] {
  const side = Math.max(1, Math.round((o.tile * CELL_FRACTION) / after.step));
  const rows = Math.floor(after.grey.length / after.cols);
  const cells: Cell[] = [];
  for (let top = 0; top < rows; top += side) {
    for (let left = 0; left < after.cols; left += side) {
      const cx = Math.min(left + side / 2, after.cols) * after.step;
      const cy = Math.min(top + side / 2, rows) * after.step;
      if (covered.some((box) => inside(cx, cy, box))) continue;
      let changed = 0;
      let total = 0;
      for (let y = top; y < Math.min(top + side, rows); y += 1) {
        for (let x = left; x < Math.min(left + side, after.cols); x += 1) {
          const i = y * after.cols + x;
          total += 1;
          if (Math.abs(after.grey[i]! - before.grey[i]!) > PIXEL_CHANGE) changed += 1;
        }
      }
      if (total > 0 && changed / total > CELL_SHARE) cells.push({ cx, cy, share: changed / total });
    }
  }
  return cells.sort((a, b) => b.share - a.share);
}

/**
 * Where something new may have come into view since the last look: square tiles around the
 * parts of the frame that changed, away from the faces already tracked, most changed first.
 * A still shot gives none, so the magnified search for small faces costs nothing there.
 */
export function changedTiles(before: GreyThumbnail, after: GreyThumbnail, o: ChangedTilesOptions): FaceBox[] {
  if (before.cols !== after.cols || before.grey.length !== after.grey.length) return [];
  const covered = o.active.map((box) => searchRegion(box, 2, o.width, o.height));
  const tiles: FaceBox[] = [];
  for (const cell of changedCells(before, after, o, covered)) {
    if (tiles.length >= o.maxTiles) break;
    if (tiles.some((t) => inside(cell.cx, cell.cy, { x: t.x + o.tile / 4, y: t.y + o.tile / 4, w: o.tile / 2, h: o.tile / 2 }))) continue;
    tiles.push(tileAt(cell, o));
  }
  return tiles;
}

function tileAt(cell: Cell, o: ChangedTilesOptions): FaceBox {
  const side = Math.min(o.tile, o.width, o.height);
  const x = Math.min(Math.max(0, cell.cx - side / 2), o.width - side);
  const y = Math.min(Math.max(0, cell.cy - side / 2), o.height - side);
  return { x: Math.round(x), y: Math.round(y), w: Math.round(side), h: Math.round(side) };
}
