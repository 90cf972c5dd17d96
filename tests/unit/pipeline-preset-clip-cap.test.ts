import { describe, expect, it } from 'vitest';
import { presetClipCap } from '../../core/pipeline/preset-clip-cap.js';

const profile = { name: 'rules', maxClipS: 45 };

describe('presetClipCap: a profile\'s maxClipS against the asked cap or the preset\'s', () => {
  it('lowers the preset\'s own cap (shorts 60 s, tiktok 180 s) with a note naming both', () => {
    expect(presetClipCap(profile, { preset: 'shorts' })).toEqual({
      maxLength: 45,
      note: { code: 'GUIDELINE_CLIP_TOO_LONG', message: 'Guideline "maxClipS" of profile "rules" allows clips of 45 s at most, so the 60 s cap was lowered to 45 s.' },
    });
    expect(presetClipCap(profile, { preset: 'tiktok', maxLength: 90 }).note?.message).toContain('so the 90 s cap was lowered to 45 s');
  });

  it('keeps a shorter asked cap, and everything without a profile or a maxClipS', () => {
    expect(presetClipCap(profile, { preset: 'landscape', maxLength: 30 })).toEqual({ maxLength: 30 });
    expect(presetClipCap(undefined, { preset: 'landscape' })).toEqual({ maxLength: undefined });
    expect(presetClipCap({ name: 'no cap' }, { preset: 'shorts', maxLength: 20 })).toEqual({ maxLength: 20 });
  });

  it('refuses a preset it does not know, as --preset does', () => {
    expect(() => presetClipCap(profile, { preset: 'vertical' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
