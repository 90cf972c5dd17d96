/**
 * A per-moment framing override (the Video screen's portrait preview): `auto` keeps the export's
 * camera, `follow` follows the faces (the subject a chosen person when given), `center` and `blur`
 * are the fixed layouts, `split` stacks two people, `facecam` puts a streamer's face-cam on top of
 * the content, `fixed` holds a crop the user dragged.
 * Pure data: the renderer type-checks it through the contract.
 */
export const FRAMING_MODES = ['auto', 'follow', 'center', 'blur', 'split', 'facecam', 'fixed'] as const;
export type FramingMode = (typeof FRAMING_MODES)[number];

export interface FramingOverride {
  mode: FramingMode;
  /** `follow`: the identity the camera keeps in frame (a person of the People screen). */
  person?: string;
  /** `fixed`: the crop's left edge as a fraction (0–1) of how far it can move across the frame. */
  x?: number;
}
