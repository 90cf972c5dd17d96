import { getPreset, maxClipLength } from '../export/presets.js';
import { guidelineClipCap } from '../guidelines/clip-length-cap.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';

/**
 * The clip cap under a guidelines profile: its `maxClipS` against the asked cap, else the preset's
 * longest clip. One computation for `--guidelines`, the app's export and the app's channel batch.
 */
export function presetClipCap(
  profile: GuidelinesProfile | undefined,
  clips: { preset: string; maxLength?: number },
): ReturnType<typeof guidelineClipCap> {
  return guidelineClipCap(profile, { maxLength: clips.maxLength, presetMaxS: maxClipLength(getPreset(clips.preset)) });
}
