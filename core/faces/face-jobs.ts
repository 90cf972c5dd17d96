import type { FaceBox } from './types.js';

/** An rgb24 picture (row-major, no padding), as the frame reader delivers it. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type DetectorKind = 'tiny' | 'ssd';

/** One detector run over the whole picture. */
export interface DetectorPass {
  detector: DetectorKind;
  /** Tiny Face Detector input size (a multiple of 32); SSD always works at 512x512. */
  inputSize: number;
  minScore: number;
}

export interface Detection {
  box: FaceBox;
  score: number;
  /** How far the mouth is open (see mouthOpening), where two or more faces share the frame. */
  mouth?: number;
}

/** Detect faces: whole-picture passes plus cheap tiny-detector runs inside search regions. */
export interface DetectJob {
  kind: 'detect';
  image: RgbImage;
  passes: DetectorPass[];
  /** Run only when `passes` find no face. */
  passesIfEmpty?: DetectorPass[];
  /** Run over the whole picture when a search region finds no face: a fast face left its region. */
  passesIfLost?: DetectorPass[];
  regions: FaceBox[];
  regionPass: DetectorPass;
  /** Searched like `regions`, but only where the whole-picture passes found no face (a tracked face they missed). */
  fallbackRegions?: FaceBox[];
  /** Magnified looks for small newcomers where the frame changed; faces cut by a tile's edge are dropped. */
  tiles?: FaceBox[];
  tilePass?: DetectorPass;
}

/** Landmarks, frontality and a 128-d descriptor for each box. */
export interface DescribeJob {
  kind: 'describe';
  image: RgbImage;
  boxes: FaceBox[];
}

export interface FaceDescription {
  descriptor: number[];
  /** 1 = looking straight at the camera, 0 = profile. */
  frontal: number;
  /** Higher is a better face to recognise or show: size, frontality, detector confidence. */
  quality: number;
}

export interface DetectResult {
  detections: Detection[];
  /** The passes run only for an empty frame ran. */
  ranIfEmpty?: boolean;
  /** The whole-picture passes for a face lost from its search region ran. */
  ranIfLost?: boolean;
  /** Milliseconds the worker spent on the job. */
  ms?: number;
}

export interface DescribeResult {
  /** In the order of the job's boxes; null where a box was too small to read. */
  faces: Array<FaceDescription | null>;
  ms?: number;
}

export type FaceJob = DetectJob | DescribeJob;

export type FaceJobResult<J extends FaceJob> = J extends DetectJob ? DetectResult : DescribeResult;
