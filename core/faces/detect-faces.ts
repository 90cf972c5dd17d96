import type { FaceApiModule } from './nets/face-api-runtime.js';
import { suppressOverlaps } from './box-geometry.js';
import type { DetectJob, DetectResult, Detection, DetectorPass, RgbImage } from './face-jobs.js';
import { detectSsd } from './nets/ssd-detector.js';
import { detectTiny } from './nets/tiny-detector.js';
import { mouthOpenings } from './nets/mouth-openings.js';
import type { FaceBox } from './types.js';

/** The whole picture as an area. */
function wholeOf(image: RgbImage): FaceBox {
  return { x: 0, y: 0, w: image.width, h: image.height };
}

/** One detector pass over an area of the picture (all of it by default); boxes in the picture's pixels. */
export function runDetector(faceapi: FaceApiModule, image: RgbImage, pass: DetectorPass, area: FaceBox = wholeOf(image)): Promise<Detection[]> {
  if (area.w < 8 || area.h < 8) return Promise.resolve([]);
  if (pass.detector === 'ssd') return detectSsd(faceapi, image, area, pass.minScore);
  return detectTiny(faceapi, image, area, pass.inputSize, pass.minScore);
}

/** Whether a face's centre lies in the middle 40 % of a search region (where its tracked face was). */
function centredIn(box: FaceBox, region: FaceBox): boolean {
  const cx = box.x + box.w / 2 - (region.x + region.w / 2);
  const cy = box.y + box.h / 2 - (region.y + region.h / 2);
  return Math.abs(cx) <= region.w * 0.2 && Math.abs(cy) <= region.h * 0.2;
}

/** A face touching a tile edge that is not the frame's edge is a part of something bigger. */
function whole(d: Detection, tile: FaceBox, width: number, height: number): boolean {
  const margin = 2;
  const { x, y, w, h } = d.box;
  if (x <= tile.x + margin && tile.x > 0) return false;
  if (y <= tile.y + margin && tile.y > 0) return false;
  if (x + w >= tile.x + tile.w - margin && tile.x + tile.w < width) return false;
  return !(y + h >= tile.y + tile.h - margin && tile.y + tile.h < height);
}

async function detectInTiles(faceapi: FaceApiModule, job: DetectJob): Promise<Detection[]> {
  const found: Detection[] = [];
  for (const tile of job.tiles ?? []) {
    const inTile = await runDetector(faceapi, job.image, job.tilePass ?? job.regionPass, tile);
    found.push(...inTile.filter((d) => whole(d, tile, job.image.width, job.image.height)));
  }
  return found;
}

/** Faces shorter than this (analysis pixels) have a mouth of a few pixels: not measured. */
const MIN_MOUTH_FACE_PX = 40;

/**
 * The mouth openings of the faces that share a frame (two or more big enough), on the boxes just
 * found: the reframe camera follows whoever of them speaks. A face alone needs no measuring.
 */
async function withMouths(faceapi: FaceApiModule, image: RgbImage, detections: Detection[]): Promise<Detection[]> {
  const big = detections.filter((d) => d.box.h >= MIN_MOUTH_FACE_PX);
  if (big.length < 2) return detections;
  const openings = await mouthOpenings(faceapi, image, big.map((d) => d.box));
  const mouths = new Map(big.map((d, i) => [d, openings[i]]));
  return detections.map((d) => {
    const mouth = mouths.get(d);
    return mouth === undefined ? d : { ...d, mouth: Math.round(mouth * 1000) / 1000 };
  });
}

/** All passes, region searches and tiles of one frame, overlapping boxes merged. */
export async function detectFaces(faceapi: FaceApiModule, job: DetectJob): Promise<DetectResult> {
  const found: Detection[] = [];
  for (const pass of job.passes) found.push(...(await runDetector(faceapi, job.image, pass)));
  const ranIfEmpty = found.length === 0 && (job.passesIfEmpty?.length ?? 0) > 0;
  if (ranIfEmpty) for (const pass of job.passesIfEmpty!) found.push(...(await runDetector(faceapi, job.image, pass)));
  const missed = (job.fallbackRegions ?? []).filter((region) => !found.some((d) => centredIn(d.box, region)));
  let lost = false;
  for (const region of [...job.regions, ...missed]) {
    const inRegion = await runDetector(faceapi, job.image, job.regionPass, region);
    lost ||= inRegion.length === 0;
    found.push(...inRegion);
  }
  const ranIfLost = lost && (job.passesIfLost?.length ?? 0) > 0;
  if (ranIfLost) for (const pass of job.passesIfLost!) found.push(...(await runDetector(faceapi, job.image, pass)));
  if (job.tilePass) found.push(...(await detectInTiles(faceapi, job)));
  const merged = suppressOverlaps(found, 0.4);
  // a tile-only job (a magnified look for newcomers, the finer look at a cut) runs beside the
  // frame's main job, which measures the mouths of the faces it finds
  const tileOnly = job.passes.length + job.regions.length + (job.fallbackRegions?.length ?? 0) === 0;
  const detections = tileOnly ? merged : await withMouths(faceapi, job.image, merged);
  return { detections, ranIfEmpty, ranIfLost };
}
