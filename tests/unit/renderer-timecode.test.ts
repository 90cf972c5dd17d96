import { describe, expect, it } from 'vitest';
import { formatFrameTimecode, formatTimecode, frameAt, parseTimecode, stepFrames, tickStep } from '../../renderer/src/timecode.js';

describe('typed timecodes', () => {
  it('reads m:ss.cc, h:mm:ss, plain seconds and 1m23s', () => {
    expect(parseTimecode('0:08.50')).toBe(8.5);
    expect(parseTimecode(' 1:02:03 ')).toBe(3723);
    expect(parseTimecode('83.5')).toBe(83.5);
    expect(parseTimecode('1m23s')).toBe(83);
    expect(parseTimecode('2h')).toBe(7200);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', '8:75', 'abc', '1:2:3:4', '-3', '1:60:00']) expect(parseTimecode(bad), bad).toBeNull();
  });

  it('writes hundredths, so a frame nudge shows, and reads back what it writes', () => {
    expect(formatTimecode(8.5333)).toBe('0:08.53');
    expect(formatTimecode(3723.456)).toBe('1:02:03.46');
    expect(formatTimecode(59.999)).toBe('1:00.00');
    for (const t of [0, 8.53, 61.07, 3599.99]) expect(parseTimecode(formatTimecode(t))).toBeCloseTo(t, 5);
  });

  it('steps in/out points by whole frames onto the frame grid, and shows them to the millisecond', () => {
    expect(frameAt(8.5, 25)).toBe(212);
    expect(frameAt(8.52, 25)).toBe(213); // 8.52 * 25 is 212.99999…: still frame 213
    expect(stepFrames(8.5, 1, 25)).toBe(8.52);
    expect(stepFrames(8.52, -2, 25)).toBe(8.44);
    expect(stepFrames(0.01, -1, 25)).toBe(0);
    // 29.97 fps: frame 300 starts at 10.01 s
    expect(stepFrames(10, 1, 30000 / 1001)).toBe(10.01);
    expect(frameAt(10.01, 30000 / 1001)).toBe(300);
    expect(formatFrameTimecode(10.01)).toBe('0:10.010');
    expect(formatFrameTimecode(3723.4567)).toBe('1:02:03.457');
    for (const t of [8.52, 61.04, 10.01]) expect(parseTimecode(formatFrameTimecode(t))).toBeCloseTo(t, 6);
  });

  it('picks a ruler step that fits about the asked number of ticks', () => {
    expect(tickStep(38, 10)).toBe(5);
    expect(tickStep(3600, 10)).toBe(600);
    expect(tickStep(2, 12)).toBe(0.2);
  });
});
