import { describe, expect, it } from 'vitest';
import { isFfmpegProgressEnd, parseFfmpegProgress, parseFfmpegProgressTime } from '../../core/media/parse-ffmpeg-progress.js';

describe('parseFfmpegProgressTime', () => {
  it('reads -progress key=value lines', () => {
    expect(parseFfmpegProgressTime('out_time=00:00:01.500000')).toBe(1.5);
    expect(parseFfmpegProgressTime('out_time=01:02:03.250000')).toBeCloseTo(3723.25, 6);
    expect(parseFfmpegProgressTime('out_time_us=2500000')).toBe(2.5);
    // ffmpeg's out_time_ms is in microseconds too (a long-standing misnomer)
    expect(parseFfmpegProgressTime('out_time_ms=2500000')).toBe(2.5);
  });

  it('reads the stderr status line', () => {
    const line = 'frame=   42 fps=0.0 q=28.0 size=     256kB time=00:00:01.68 bitrate=1248.3kbits/s speed=3.35x';
    expect(parseFfmpegProgressTime(line)).toBeCloseTo(1.68, 6);
    expect(parseFfmpegProgressTime('size=     512kB time=00:01:00.00 bitrate= 69.9kbits/s')).toBe(60);
  });

  it('clamps the negative times ffmpeg prints at the start to 0', () => {
    expect(parseFfmpegProgressTime('out_time=-00:00:00.040000')).toBe(0);
    expect(parseFfmpegProgressTime('out_time_us=-40000')).toBe(0);
    expect(parseFfmpegProgressTime('frame=0 time=-00:00:00.04 bitrate=N/A')).toBe(0);
  });

  it('ignores lines without a time, and N/A', () => {
    expect(parseFfmpegProgressTime('bitrate=1248.3kbits/s')).toBeUndefined();
    expect(parseFfmpegProgressTime('out_time=N/A')).toBeUndefined();
    expect(parseFfmpegProgressTime('out_time_us=N/A')).toBeUndefined();
    expect(parseFfmpegProgressTime('frame=1 time=N/A bitrate=N/A')).toBeUndefined();
    expect(parseFfmpegProgressTime('Stream #0:0: Video: h264, runtime=00:00:01.00')).toBeUndefined();
    expect(parseFfmpegProgressTime('')).toBeUndefined();
  });
});

describe('parseFfmpegProgress', () => {
  it('is the fraction of the expected duration, clamped to 0..1', () => {
    expect(parseFfmpegProgress('out_time=00:00:05.000000', 10)).toBe(0.5);
    expect(parseFfmpegProgress('out_time=00:00:12.000000', 10)).toBe(1);
    expect(parseFfmpegProgress('out_time=00:00:05.000000', 0)).toBeUndefined();
    expect(parseFfmpegProgress('progress=continue', 10)).toBeUndefined();
  });

  it('recognises the end marker', () => {
    expect(isFfmpegProgressEnd('progress=end')).toBe(true);
    expect(isFfmpegProgressEnd('progress=continue')).toBe(false);
  });
});
