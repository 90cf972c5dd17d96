/**
 * How the portrait frame is laid out (`--layout`): `auto` puts a detected face-cam on top of the
 * content, else two people far apart in two halves, else one crop; `single` always one crop (the
 * blurred fit when the faces do not fit), `split` stacks two people, `facecam` the face-cam layout
 * wherever one is found (one crop elsewhere).
 */
export const REFRAME_LAYOUTS = ['auto', 'single', 'split', 'facecam'] as const;
export type ReframeLayout = (typeof REFRAME_LAYOUTS)[number];

/** The layout when none is asked for. */
export const DEFAULT_LAYOUT: ReframeLayout = 'auto';

/** Whether the face-cam layout is tried for this layout choice (never for a per-person export's person). */
export function triesFacecam(layout: ReframeLayout | undefined, person: string | undefined): boolean {
  const chosen = layout ?? DEFAULT_LAYOUT;
  return person === undefined && (chosen === 'auto' || chosen === 'facecam');
}
