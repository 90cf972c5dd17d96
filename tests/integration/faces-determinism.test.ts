import { describe, expect, it } from 'vitest';
import { analyzeFaces, type FacesAnalysis } from '../../core/faces/analyze-faces.js';
import { sharedMedia } from '../helpers/shared-media.js';

/** What a run found, without its timings. */
function found(analysis: FacesAnalysis): unknown {
  return {
    identities: analysis.identities.map(({ id, appearances, totalS, trackIds }) => ({ id, appearances, totalS, trackIds })),
    tracks: analysis.tracks,
  };
}

describe('face analysis does not depend on timing', () => {
  it('finds exactly the same tracks and identities with one worker and with two', async () => {
    // 5–15 s of panel.mp4: A, a cut at 8 s, then B (descriptors and a cut in the window)
    const path = sharedMedia('video/panel.mp4');
    const one = await analyzeFaces(path, { from: 5, to: 15, workers: 1 });
    const two = await analyzeFaces(path, { from: 5, to: 15, workers: 2 });
    expect(one.identities.length).toBe(2);
    expect(found(two)).toEqual(found(one));
  }, 120_000);
});
