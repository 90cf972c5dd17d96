import type { DetectorPass, RgbImage } from '../../core/faces/face-jobs.js';

/** One frame for the prototype worker. */
export interface PrototypeRequest {
  id: number;
  image: RgbImage;
  pass: DetectorPass;
}

export interface PrototypeReply {
  id: number;
  faces: Array<{ score: number; descriptor: number[] }>;
}
