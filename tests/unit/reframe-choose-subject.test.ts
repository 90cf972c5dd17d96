import { describe, expect, it } from 'vitest';
import type { FaceTrack, TrackSample } from '../../core/faces/types.js';
import { chooseSubject } from '../../core/reframe/choose-subject.js';
import { cropAt } from '../../core/reframe/crop-at.js';
import { planCropPath } from '../../core/reframe/plan-crop-path.js';

const SOURCE = { width: 1280, height: 720 };
const PORTRAIT = { width: 1080, height: 1920 };
const SHOT = { start: 0, end: 12 };

/** A face at `x` sampled at the faces stage's detection rate, its mouth opening from `mouth(t, i)`. */
function person(id: string, x: number, size: number, mouth?: (t: number, i: number) => number): FaceTrack {
  const samples: TrackSample[] = [];
  for (let i = 0; i * 0.4 < SHOT.end; i += 1) {
    const t = Math.round(i * 0.4 * 1000) / 1000;
    samples.push({ t, box: { x, y: 200, w: size, h: size }, score: 0.9, ...(mouth ? { mouth: mouth(t, i) } : {}) });
  }
  return { id: `track-${id}`, identityId: id, samples };
}

/** Talking 0.02–0.25 with a period of three samples while `talks(t)`, else still at 0.03. */
const talkingWhile = (talks: (t: number) => boolean) => (t: number, i: number): number => (talks(t) ? [0.05, 0.22, 0.12][i % 3]! : 0.03);

const left = person('left', 120, 200, talkingWhile((t) => t < 6));
const right = person('right', 960, 200, talkingWhile((t) => t >= 6));

describe('chooseSubject and planCropPath: following whoever speaks', () => {
  it('cuts from the left speaker to the right one in the single layout, hard, once', () => {
    const plan = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [SHOT], tracks: [left, right], layout: 'single' });
    expect(plan.shots).toHaveLength(1);
    const [shot] = plan.shots;
    expect(shot!.subjects).toEqual(['left', 'right']);
    expect(shot!.speakers!.map((turn) => turn.id)).toEqual(['left', 'right']);
    const cut = shot!.speakers![1]!.start;
    expect(cut).toBeGreaterThan(5);
    expect(cut).toBeLessThan(7);
    const before = cropAt(plan.cropPath, cut - 0.05);
    const after = cropAt(plan.cropPath, cut + 0.05);
    expect(before.x).toBeLessThanOrEqual(120);
    expect(before.x + before.w).toBeGreaterThanOrEqual(320);
    expect(after.x).toBeLessThanOrEqual(960);
    expect(after.x + after.w).toBeGreaterThanOrEqual(1160);
  });

  it('keeps the chosen person whoever speaks, and stacks them in the split layout', () => {
    const mine = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [SHOT], tracks: [left, right], layout: 'single', person: 'left' });
    expect(mine.shots[0]!.speakers).toBeUndefined();
    expect(mine.shots[0]!.subjects).toEqual(['left']);
    const split = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [SHOT], tracks: [left, right], layout: 'split' });
    expect(split.shots[0]!.mode).toBe('split');
  });

  it('falls back as before where no mouth was measured (an analysis from before) or nobody speaks', () => {
    const unmeasured = planCropPath({ source: SOURCE, output: PORTRAIT, shots: [SHOT], tracks: [person('a', 120, 200), person('b', 960, 200)], layout: 'single' });
    expect(unmeasured.shots[0]!.mode).toBe('blur');
    const silent = [person('a', 120, 200, () => 0.03), person('b', 960, 200, () => 0.1)];
    expect(planCropPath({ source: SOURCE, output: PORTRAIT, shots: [SHOT], tracks: silent, layout: 'single' }).shots[0]!.mode).toBe('blur');
  });

  it('stays on the dominant face when a much smaller one moves its mouth', () => {
    const host = person('host', 120, 260, () => 0.03);
    const small = person('small', 960, 120, talkingWhile(() => true));
    const bySubject = new Map([host, small].map((tr) => [tr.identityId!, tr.samples]));
    const choice = chooseSubject(bySubject, { cropWidth: 404, layout: 'single', speakerShot: SHOT });
    expect(choice).toMatchObject({ kind: 'faces', ids: ['host'] });
  });
});
