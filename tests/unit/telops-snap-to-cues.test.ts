import { beforeAll, describe, expect, it } from 'vitest';
import type { CaptionTrack } from '../../core/captions/caption-track.js';
import { readCaptions } from '../../core/captions/read-captions.js';
import { snapToCues } from '../../core/telops/snap-to-cues.js';
import { sharedFixture } from '../helpers/shared-media.js';

const LIMITS = { maxShiftS: 2, minLength: 8, maxLength: 60, durationS: 38.16 };
let panel: CaptionTrack;
beforeAll(async () => {
  panel = await readCaptions(sharedFixture('captions/panel.ja.srt'));
});
const track = (...cues: [number, number][]): CaptionTrack => ({ wordTimed: false, cues: cues.map(([start, end]) => ({ start, end, text: 'x' })) });

describe('snapToCues', () => {
  it('moves a start inside a cue back to that cue\'s start and an end inside a cue on to its end', () => {
    // 4.0 is inside 今日は三人で… (3.6–6.9), 20.0 inside [笑い] (19.4–21.7)
    expect(snapToCues({ start: 4, end: 20 }, panel, LIMITS)).toEqual({ start: 3.6, end: 21.7 });
  });

  it('leaves edges that are already between cues', () => {
    expect(snapToCues({ start: 7.5, end: 32 }, panel, LIMITS)).toEqual({ start: 7.5, end: 32 });
  });

  it('never moves an edge more than 2 s: a start too far into a cue goes on to the gap after it', () => {
    // 6.0 is 2.4 s into 3.6–6.9: back is too far, on to 6.9 is 0.9 s
    expect(snapToCues({ start: 6, end: 20 }, panel, LIMITS)).toEqual({ start: 6.9, end: 21.7 });
    // inside a 10 s cue, both boundaries are too far: unchanged
    expect(snapToCues({ start: 5, end: 20 }, track([0, 10]), LIMITS)).toEqual({ start: 5, end: 20 });
  });

  it('keeps the window at most maxLength, taking the next best boundary', () => {
    const snapped = snapToCues({ start: 1, end: 61 }, track([0.5, 3], [60, 62.5]), { ...LIMITS, durationS: 100 });
    expect(snapped).toEqual({ start: 0.5, end: 60 });
  });

  it('keeps the window at least minLength', () => {
    // both cues' far boundaries are out of reach; on to 5.5 and back to 12.6 would leave 7.1 s
    const snapped = snapToCues({ start: 5, end: 13 }, track([2.5, 5.5], [12.6, 16]), { ...LIMITS, durationS: 100 });
    expect(snapped.end - snapped.start).toBeGreaterThanOrEqual(8);
    expect(snapped).toEqual({ start: 5, end: 13 });
  });

  it('never moves past the end of the video', () => {
    expect(snapToCues({ start: 20, end: 37 }, panel, LIMITS)).toEqual({ start: 19.4, end: 37.6 });
    // the cue's end is past the video's, its start 2.6 s back: the end stays
    expect(snapToCues({ start: 20, end: 37 }, panel, { ...LIMITS, durationS: 37.2 })).toEqual({ start: 19.4, end: 37 });
  });
});
