import type { GuidelinesProfile } from './guidelines-profile.js';

/**
 * `maxClipS` CLAMPS the clip length rather than refusing the export: the clips are made, each at
 * most that long, with a GUIDELINE_CLIP_TOO_LONG note when the asked (or the preset's) cap was longer.
 */
export function guidelineClipCap(
  profile: GuidelinesProfile | undefined,
  asked: { maxLength?: number; presetMaxS: number },
): { maxLength?: number; note?: { code: 'GUIDELINE_CLIP_TOO_LONG'; message: string } } {
  const cap = asked.maxLength ?? asked.presetMaxS;
  if (!profile?.maxClipS || cap <= profile.maxClipS) return { maxLength: asked.maxLength };
  return {
    maxLength: profile.maxClipS,
    note: {
      code: 'GUIDELINE_CLIP_TOO_LONG',
      message: `Guideline "maxClipS" of profile "${profile.name}" allows clips of ${profile.maxClipS} s at most, so the ${cap} s cap was lowered to ${profile.maxClipS} s.`,
    },
  };
}
