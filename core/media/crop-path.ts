/** One sample of a crop path, in source pixels, at time `t` seconds from the clip start. */
export interface CropSample {
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
}
