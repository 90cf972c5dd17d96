import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineMedia } from '../../core/app/timeline-media.js';
import { PeakFolder } from '../../core/media/audio-peaks.js';
import { probeMedia } from '../../core/media/probe.js';
import { sharedMedia } from '../helpers/shared-media.js';

const VIDEO_ID = 'pAnElShow01';

describe('the timeline media of a project', () => {
  let root: string;
  let video: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kirinuki-timeline-media-'));
    await mkdir(join(root, VIDEO_ID, 'video'), { recursive: true });
    video = join(root, VIDEO_ID, 'video', 'source.mp4');
    await copyFile(sharedMedia('video/panel.mp4'), video);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('folds 16-bit samples into peaks, across chunks that split a sample', () => {
    const folder = new PeakFolder(0.001); // 4 samples a bin at 4000 Hz
    const samples = Buffer.alloc(16);
    [100, -16384, 0, 5, 32767, 1, 2, 3].forEach((v, i) => samples.writeInt16LE(v, i * 2));
    folder.push(samples.subarray(0, 3));
    folder.push(samples.subarray(3, 11));
    folder.push(samples.subarray(11));
    expect(folder.result()).toEqual({ binS: 0.001, values: [0.5, 1] });
  });

  it('makes the waveform and the thumbnail strip once through ffmpeg, then reads them from the project', async () => {
    const made = await timelineMedia(root, VIDEO_ID, video, 38.16);
    expect(made.notes).toEqual([]);
    expect(made.waveform!.binS).toBeCloseTo(0.1, 5);
    expect(made.waveform!.values.length).toBeGreaterThanOrEqual(380);
    expect(made.waveform!.values.length).toBeLessThanOrEqual(383);
    // panel.mp4's sound track is digital silence (-91 dB): a flat waveform, every bin read
    expect(made.waveform!.values.every((v) => v >= 0 && v < 0.01)).toBe(true);
    expect(made.strip).toMatchObject({ ref: { videoId: VIDEO_ID }, count: 20, frameWidth: 96, frameHeight: 54 });
    const jpeg = join(root, VIDEO_ID, made.strip!.ref.rel);
    expect(made.strip!.ref.rel).toMatch(/^timeline\/strip-.*\.jpg$/);
    const probed = await probeMedia(jpeg).catch(() => null);
    if (probed) expect([probed.width, probed.height]).toEqual([20 * 96, 54]);
    expect((await readFile(jpeg)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const kept = await stat(join(root, VIDEO_ID, 'timeline', 'timeline.json'));
    const again = await timelineMedia(root, VIDEO_ID, video, 38.16);
    expect(again).toEqual(made);
    expect((await stat(join(root, VIDEO_ID, 'timeline', 'timeline.json'))).mtimeMs).toBe(kept.mtimeMs);
  }, 60_000);
});
