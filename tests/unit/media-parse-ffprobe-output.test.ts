import { describe, expect, it } from 'vitest';
import { packetTiming, parsePacketLines } from '../../core/media/packet-timing.js';
import { parseFfprobeOutput, streamRotation } from '../../core/media/parse-ffprobe-output.js';
import { StderrTail } from '../../core/media/stderr-tail.js';

const packets = (times: number[], stream = 0, duration = 0.04): string =>
  times.map((t) => `${stream},${t.toFixed(6)},${t.toFixed(6)},${duration}`).join('\n');

describe('packetTiming', () => {
  it('spans first packet to last packet end over all streams', () => {
    const csv = `${packets([0, 0.04, 0.08])}\n${packets([0, 0.05], 1, 0.08)}`;
    expect(packetTiming(parsePacketLines(csv), 0).durationS).toBeCloseTo(0.13, 6);
  });

  it('calls a constant rate constant, even with a dropped frame or millisecond rounding', () => {
    const cfr = Array.from({ length: 100 }, (_, i) => i * 0.04).filter((t) => Math.abs(t - 2) > 0.001);
    expect(packetTiming(parsePacketLines(packets(cfr)), 0).variableFrameRate).toBe(false);
    const rounded = Array.from({ length: 100 }, (_, i) => Math.round((i * 1000) / 30) / 1000);
    const timing = packetTiming(parsePacketLines(packets(rounded)), 0);
    expect(timing.variableFrameRate).toBe(false);
    expect(timing.medianFps).toBeCloseTo(30, 0);
  });

  it('calls irregular intervals variable', () => {
    const times: number[] = [];
    for (let t = 0, i = 0; i < 60; i += 1) times.push((t += i % 2 === 0 ? 0.08 : 0.1));
    expect(packetTiming(parsePacketLines(packets(times)), 0).variableFrameRate).toBe(true);
  });

  it('falls back to dts and survives packets without any timestamp', () => {
    expect(parsePacketLines('0,N/A,1.500000,0.04')).toEqual([{ stream: 0, t: 1.5, duration: 0.04 }]);
    const timing = packetTiming(parsePacketLines('0,N/A,N/A,0.04\n0,N/A,N/A,0.04'), 0);
    expect(timing).toMatchObject({ durationS: undefined, videoPackets: 2 });
  });
});

describe('parseFfprobeOutput', () => {
  it('normalises display-matrix rotation to 0/90/180/270 and reads the old rotate tag', () => {
    expect(streamRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).toBe(270);
    expect(streamRotation({ side_data_list: [{ rotation: 180 }] })).toBe(180);
    expect(streamRotation({ tags: { rotate: '90' } })).toBe(90);
    expect(streamRotation({})).toBe(0);
  });

  it('skips cover art, prefers the container duration, then the longest stream', () => {
    const parsed = parseFfprobeOutput({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
        { index: 1, codec_type: 'audio', codec_name: 'aac', duration: '9.5' },
        { index: 2, codec_type: 'video', codec_name: 'h264', avg_frame_rate: '30000/1001', duration: '9.0' },
      ],
      format: { format_name: 'mov,mp4', duration: 'N/A' },
    });
    expect(parsed.video?.index).toBe(2);
    expect(parsed.headerDurationS).toBe(9.5);
    expect(parsed.headerFps).toBeCloseTo(29.97, 2);
  });

  it('uses r_frame_rate when avg_frame_rate is 0/0', () => {
    const parsed = parseFfprobeOutput({ streams: [{ codec_type: 'video', avg_frame_rate: '0/0', r_frame_rate: '25/1' }] });
    expect(parsed.headerFps).toBe(25);
    expect(parsed.headerDurationS).toBeUndefined();
  });
});

describe('StderrTail', () => {
  it('keeps the last relevant lines, not the banner or progress', () => {
    const tail = new StderrTail(2);
    tail.push('ffmpeg version 4.1\nconfiguration: --enable-gpl\nframe=  1 fps=0 time=00:00:00.04\r');
    tail.push('first\nsecond\n[png @ 0x1] Invalid PNG signature\nout_time=00:00:01.0\ncaption.png: Invalid data found');
    expect(tail.text()).toBe('[png @ 0x1] Invalid PNG signature | caption.png: Invalid data found');
  });
});
