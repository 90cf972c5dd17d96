import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';
import { loadGuidelines } from '../guidelines/load-guidelines.js';
import { presetClipCap } from '../pipeline/preset-clip-cap.js';

export const GUIDELINES_HELP = 'a guidelines profile (a JSON file, or the name of an example in resources/guidelines/) checked before anything is downloaded or encoded';
export const CREDIT_HELP = 'burn a small credit line (出典: <channel>, <title>) into every clip';

export interface GuidelineSettings {
  guidelines?: GuidelinesProfile;
  /** The clip cap after the profile's `maxClipS`. */
  maxLength?: number;
  /** GUIDELINE_CLIP_TOO_LONG when the cap was lowered. */
  notes: { code: string; message: string }[];
}

/** `--guidelines FILE|NAME` loaded, and the clip cap lowered to its `maxClipS` (with a note) when longer. */
export async function guidelineSettings(raw: string | undefined, clips: { preset: string; maxLength?: number }): Promise<GuidelineSettings> {
  if (raw === undefined) return { maxLength: clips.maxLength, notes: [] };
  const guidelines = await loadGuidelines(raw);
  const cap = presetClipCap(guidelines, clips);
  return { guidelines, maxLength: cap.maxLength, notes: cap.note ? [cap.note] : [] };
}
