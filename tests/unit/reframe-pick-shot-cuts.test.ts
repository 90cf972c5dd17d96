import { describe, expect, it } from 'vitest';
import { pickShotCuts } from '../../core/reframe/pick-shot-cuts.js';
import { shotsFromCuts } from '../../core/reframe/detect-shots.js';
import { cropSizeFor } from '../../core/reframe/crop-size.js';

function scores(values: (t: number, i: number) => number, seconds = 10, fps = 25): { t: number; score: number }[] {
  return Array.from({ length: seconds * fps }, (_, i) => ({ t: i / fps, score: values(i / fps, i) }));
}

describe('pickShotCuts', () => {
  it('picks lone spikes above the neighbourhood and nothing in between', () => {
    const cuts = pickShotCuts(scores((t, i) => (i === 50 || i === 150 ? 0.3 : 0.01 + 0.005 * Math.sin(i))));
    expect(cuts).toEqual([2, 6]);
  });

  it('needs a bigger jump in a busy shot than in a still one', () => {
    const busy = scores((t, i) => (i === 100 ? 0.12 : t > 3 && t < 5 ? 0.05 + 0.01 * Math.sin(i) : 0.01));
    expect(pickShotCuts(busy)).toEqual([]);
    const still = scores((_t, i) => (i === 100 ? 0.12 : 0.01));
    expect(pickShotCuts(still)).toEqual([4]);
  });

  it('keeps one cut per flash or fade (two spikes closer than half a second)', () => {
    const cuts = pickShotCuts(scores((_t, i) => (i === 100 ? 0.5 : i === 105 ? 0.4 : 0.01)));
    expect(cuts).toEqual([4]);
  });

  it('ignores small changes however isolated', () => {
    expect(pickShotCuts(scores((_t, i) => (i === 100 ? 0.05 : 0.001)))).toEqual([]);
  });
});

describe('shotsFromCuts and cropSizeFor', () => {
  it('covers the span with shots between the cuts', () => {
    expect(shotsFromCuts([8, 15, 40], 5, 20)).toEqual([{ start: 5, end: 8 }, { start: 8, end: 15 }, { start: 15, end: 20 }]);
  });

  it('crops the full height of a landscape source and the full width of a narrow one', () => {
    expect(cropSizeFor({ width: 1280, height: 720 }, { width: 1080, height: 1920 })).toEqual({ width: 404, height: 720 });
    expect(cropSizeFor({ width: 720, height: 1364 }, { width: 1080, height: 1920 })).toEqual({ width: 720, height: 1280 });
    expect(cropSizeFor({ width: 1920, height: 1080 }, { width: 1920, height: 1080 })).toEqual({ width: 1920, height: 1080 });
  });
});
