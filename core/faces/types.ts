/** A face box in source-video pixels. */
export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TrackSample {
  /** Seconds from the start of the video. */
  t: number;
  box: FaceBox;
  score: number;
  /** True when the box was carried over a missed detection rather than detected. */
  bridged?: boolean;
  /**
   * How far the mouth was open (see mouthOpening), measured only where two or more faces share
   * the frame: whoever of them speaks. Absent in analyses made before it was measured.
   */
  mouth?: number;
}

/** One face followed through consecutive analysed frames. */
export interface FaceTrack {
  id: string;
  identityId?: string;
  samples: TrackSample[];
}
