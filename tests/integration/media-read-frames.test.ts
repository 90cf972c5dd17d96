import { describe, expect, it } from 'vitest';
import { runningFfmpegCount } from '../../core/media/ffmpeg-processes.js';
import { readFrames, readFrameStreams, type VideoFrame } from '../../core/media/read-frames.js';
import { sharedMedia } from '../helpers/shared-media.js';

async function collect(path: string, options: Parameters<typeof readFrames>[1]): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of readFrames(path, options)) frames.push(frame);
  return frames;
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('readFrames', () => {
  it('gives fps × (to - from) rgb24 frames with their source times', async () => {
    const frames = await collect(sharedMedia('codecs/smpte-2997.mp4'), { fps: 5, from: 2, to: 4 });
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => f.t)).toEqual(frames.map((_, i) => 2 + i / 5));
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
    for (const frame of frames) {
      expect([frame.width, frame.height]).toEqual([640, 360]);
      expect(frame.data.length).toBe(640 * 360 * 3);
    }
  });

  it('gives each frame the picture of the source frame shown at its t', async () => {
    // every source frame of the first 4 s (25 fps, a burned-in counter): frame n is at n / 25 s
    const path = sharedMedia('codecs/smpte-2997.mp4');
    const all = await collect(path, { fps: 25, maxWidth: 192, to: 4 });
    const sampled = await collect(path, { fps: 5, maxWidth: 192, from: 1.6, to: 3.6 });
    for (const frame of sampled) {
      const n = Math.round(frame.t * 25);
      const diffs = [n - 2, n - 1, n, n + 1, n + 2].map((m) => meanAbsDiff(frame.data, all[m]!.data));
      expect(diffs[2]).toBeLessThan(0.5);
      expect(Math.min(diffs[0]!, diffs[1]!, diffs[3]!, diffs[4]!)).toBeGreaterThan(diffs[2]! + 0.2);
    }
  });

  it('applies rotation metadata: the iPhone video comes out portrait', async () => {
    const frames = await collect(sharedMedia('codecs/iphone_rotated.mov'), { fps: 5 });
    expect(frames.length).toBeGreaterThanOrEqual(10);
    expect([frames[0]!.width, frames[0]!.height]).toEqual([320, 568]);
  });

  it('reads containers without a duration and raw streams to their end', async () => {
    const webm = await collect(sharedMedia('codecs/no_duration.webm'), { fps: 5 });
    expect(webm.length).toBeGreaterThanOrEqual(24);
    expect(webm.length).toBeLessThanOrEqual(26);
    const raw = await collect(sharedMedia('codecs/MOT20-08-raw_shorter.h264'), { fps: 5, maxWidth: 320 });
    expect(raw.length).toBeGreaterThanOrEqual(25);
    expect([raw[0]!.width, raw[0]!.height]).toEqual([320, 122]);
  });

  it('keeps memory flat on a long read with a slow consumer, and stops ffmpeg on break', async () => {
    const path = sharedMedia('video/panel.mp4');
    const before = process.memoryUsage().rss;
    let peak = before;
    let count = 0;
    // 25 fps at 640x360 is ~690 kB a frame: 950 frames would be ~650 MB if buffered
    for await (const frame of readFrames(path, { fps: 25 })) {
      count += 1;
      if (count % 20 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      if (frame.t >= 30) break;
    }
    expect(count).toBe(751);
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('is cancelled through its signal and leaves no ffmpeg running', async () => {
    const controller = new AbortController();
    let count = 0;
    const run = (async () => {
      for await (const _frame of readFrames(sharedMedia('video/panel.mp4'), { fps: 10, signal: controller.signal })) {
        count += 1;
        if (count === 3) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(count).toBeLessThan(10);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('refuses a bad range and an audio-only file', async () => {
    await expect(collect(sharedMedia('video/chaplin.mp4'), { from: 4, to: 2 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(collect(sharedMedia('codecs/speech_only.m4a'), {})).rejects.toMatchObject({ code: 'NO_VIDEO_STREAM' });
  });
});

describe('readFrameStreams', () => {
  const path = (): string => sharedMedia('codecs/smpte-2997.mp4');

  it('gives each stream the frames its own readFrames would, from one decode', async () => {
    const [small, large] = await readFrameStreams(path(), [{ fps: 25, maxWidth: 128 }, { fps: 5, maxWidth: 640 }], { from: 1, to: 3 });
    const both: VideoFrame[][] = [[], []];
    await Promise.all([small!, large!].map(async (stream, i) => {
      for await (const frame of stream) both[i]!.push(frame);
    }));
    const alone = [await collect(path(), { fps: 25, maxWidth: 128, from: 1, to: 3 }), await collect(path(), { fps: 5, maxWidth: 640, from: 1, to: 3 })];
    for (const i of [0, 1]) {
      expect(both[i]!.map((f) => [f.t, f.width, f.height])).toEqual(alone[i]!.map((f) => [f.t, f.width, f.height]));
      both[i]!.forEach((frame, k) => expect(meanAbsDiff(frame.data, alone[i]![k]!.data)).toBeLessThan(0.5));
    }
    expect(both[0]).toHaveLength(50);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('stops the decode for every stream when one is left early', async () => {
    const [first, second] = await readFrameStreams(path(), [{ fps: 25, maxWidth: 64 }, { fps: 5, maxWidth: 64 }]);
    const reading = (async () => {
      for await (const frame of second!) void frame;
    })();
    for await (const frame of first!) if (frame.index === 3) break;
    await expect(reading).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(runningFfmpegCount()).toBe(0);
  });
});
