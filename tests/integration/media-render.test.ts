import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { ffprobePath } from '../../core/media/binaries.js';
import { concatClips } from '../../core/media/concat.js';
import { cutClip } from '../../core/media/cut.js';
import { runningFfmpegCount } from '../../core/media/ffmpeg-processes.js';
import { probeMedia } from '../../core/media/probe.js';
import { readFrames, type VideoFrame } from '../../core/media/read-frames.js';
import { renderClip } from '../../core/media/render-clip.js';
import { killAllFfmpeg } from '../../core/media/run-ffmpeg.js';
import { sharedMedia } from '../helpers/shared-media.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-render-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const out = (name: string): string => join(scratch, name);

/** Independent of core/media: ffprobe decodes every frame and counts them. */
async function streamFacts(path: string): Promise<Record<string, string>[]> {
  const { stdout } = await run(ffprobePath(), [
    '-v', 'error', '-count_frames', '-of', 'json', '-show_entries',
    'stream=codec_type,codec_name,profile,pix_fmt,width,height,sample_rate,channels,nb_read_frames', path,
  ]);
  return (JSON.parse(stdout) as { streams: Record<string, string>[] }).streams;
}

async function frames(path: string, options: Parameters<typeof readFrames>[1]): Promise<VideoFrame[]> {
  const list: VideoFrame[] = [];
  for await (const frame of readFrames(path, options)) list.push(frame);
  return list;
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function pixel(frame: VideoFrame, x: number, y: number): [number, number, number] {
  const i = (y * frame.width + x) * 3;
  return [frame.data[i]!, frame.data[i + 1]!, frame.data[i + 2]!];
}

describe('cutClip', () => {
  it('cuts 2.000–4.000 s of smpte-2997.mp4 to 2 s of frames, starting on the requested frame', async () => {
    const source = sharedMedia('codecs/smpte-2997.mp4');
    const info = await probeMedia(source);
    const cut = await cutClip({ input: source, start: 2, end: 4, output: out('cut.mp4') });
    const video = (await streamFacts(cut.path)).find((s) => s.codec_type === 'video')!;
    expect(Math.abs(Number(video.nb_read_frames) - 2 * info.fps)).toBeLessThanOrEqual(1);
    expect([cut.width, cut.height]).toEqual([1920, 1080]);
    // the first frame shows source frame 50 (2.00 s), not a neighbour: the counter is burned in
    const [first] = await frames(cut.path, { fps: 25, maxWidth: 192, to: 0.04 });
    const originals = await frames(source, { fps: 25, maxWidth: 192, from: 1.92, to: 2.12 });
    const diffs = originals.map((frame) => meanAbsDiff(first!.data, frame.data));
    expect(diffs.indexOf(Math.min(...diffs))).toBe(2);
  });

  it('fast mode copies from the keyframe before the start and says where it began', async () => {
    const cut = await cutClip({ input: sharedMedia('codecs/smpte-2997.mp4'), start: 2, end: 4, output: out('fast.mp4'), fast: true });
    expect(cut.fast).toBe(true);
    expect(cut.start).toBeCloseTo(1.8, 3); // keyframes every 0.6 s
    // a copy ends at a packet boundary in decode order, so the end may run over by a few frames
    expect(cut.durationS).toBeGreaterThanOrEqual(2.2 - 0.04);
    expect(cut.durationS).toBeLessThan(2.2 + 0.25);
    const video = (await streamFacts(cut.path)).find((s) => s.codec_type === 'video')!;
    expect(Number(video.nb_read_frames)).toBeGreaterThanOrEqual(55);
    expect(Number(video.nb_read_frames)).toBeLessThanOrEqual(58);
    const [first] = await frames(cut.path, { fps: 25, maxWidth: 192, to: 0.04 });
    const [keyframe] = await frames(sharedMedia('codecs/smpte-2997.mp4'), { fps: 25, maxWidth: 192, from: 1.8, to: 1.84 });
    expect(meanAbsDiff(first!.data, keyframe!.data)).toBeLessThan(0.5);
  });

  it('fast mode re-encodes what mp4 cannot carry by copy (VP8/Vorbis) and raw streams, and says so', async () => {
    const webm = await cutClip({ input: sharedMedia('codecs/big_buck_bunny_432_433.webm'), start: 0.25, end: 0.75, output: out('fast-vp8.mp4'), fast: true });
    expect(webm).toMatchObject({ fast: false, start: 0.25, width: 1280, height: 720 });
    expect(Math.abs(webm.durationS - 0.5)).toBeLessThanOrEqual(1 / 24 + 0.025);
    const raw = await cutClip({ input: sharedMedia('codecs/MOT20-08-raw_shorter.h264'), start: 1, end: 1.4, output: out('fast-raw.mp4'), fast: true });
    expect(raw.fast).toBe(false);
  });
});

describe('renderClip', () => {
  it('renders a 1080x1920 center crop: H.264 High yuv420p, AAC 48 kHz, duration within a frame, faststart', async () => {
    const progress: number[] = [];
    const clip = await renderClip({
      input: sharedMedia('codecs/smpte-2997.mp4'), start: 2, end: 4, output: out('center.mp4'),
      width: 1080, height: 1920, crop: { mode: 'center' }, onProgress: (p) => progress.push(p.fraction),
    });
    expect([clip.width, clip.height]).toEqual([1080, 1920]);
    expect(Math.abs(clip.durationS - 2)).toBeLessThanOrEqual(1 / 25);
    const [video, audio] = await streamFacts(clip.path);
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width: 1080, height: 1920 });
    expect(Math.abs(Number(video!.nb_read_frames) - 50)).toBeLessThanOrEqual(1);
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    const bytes = readFileSync(clip.path);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('blur mode fits the whole landscape frame over a blurred copy of itself', async () => {
    const clip = await renderClip({
      input: sharedMedia('video/chaplin.mp4'), start: 3, end: 4, output: out('blur.mp4'),
      width: 540, height: 960, crop: { mode: 'blur' },
    });
    expect([clip.width, clip.height]).toEqual([540, 960]);
    const [frame] = await frames(clip.path, { fps: 5, maxWidth: 540, to: 0.2 });
    const [source] = await frames(sharedMedia('video/chaplin.mp4'), { fps: 5, maxWidth: 540, from: 3, to: 3.2 });
    // the middle band (540x304 at y=328) is the source frame; above it a blurred, zoomed copy
    const band = Buffer.concat(Array.from({ length: 300 }, (_, row) => frame!.data.subarray((330 + row) * 540 * 3, (331 + row) * 540 * 3)));
    const original = source!.data.subarray(2 * 540 * 3, 302 * 540 * 3);
    expect(meanAbsDiff(band, original)).toBeLessThan(12);
    const top = frame!.data.subarray(0, 300 * 540 * 3);
    expect(top.reduce((sum, v) => sum + v, 0) / top.length).toBeGreaterThan(20); // not black bars
    let edges = 0;
    for (let i = 3; i < top.length; i += 3) edges += Math.abs(top[i]! - top[i - 3]!);
    expect(edges / (top.length / 3)).toBeLessThan(2); // smooth: blurred
  });

  it('applies rotation and adds a silent AAC track to a source without audio', async () => {
    const rotated = await renderClip({
      input: sharedMedia('codecs/iphone_rotated.mov'), start: 0.5, end: 1.5, output: out('rotated.mp4'),
      width: 360, height: 640, crop: { mode: 'center' },
    });
    const info = await probeMedia(rotated.path);
    expect([info.width, info.height, info.rotation]).toEqual([360, 640, 0]);
    const silent = await renderClip({
      input: sharedMedia('video/carphone_pristine.mp4'), start: 1, end: 2, output: out('silent.mp4'),
      width: 176, height: 144, crop: { mode: 'scale' },
    });
    const streams = await streamFacts(silent.path);
    expect(streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
    expect(streams[1]).toMatchObject({ codec_name: 'aac', sample_rate: '48000' });
  });

  it('path mode follows a moving face in one pass, where a centre crop loses it', async () => {
    // moving_face.mp4: a 360x360 face at x(t) = 920 * (0.5 - 0.5 cos(2 pi t / 8)) on a flat background
    const faceX = (t: number): number => 920 * (0.5 - 0.5 * Math.cos((2 * Math.PI * t) / 8));
    const path = Array.from({ length: 16 }, (_, i) => {
      const t = i * 0.1;
      return { t, x: faceX(t + 1) + 180 - 203, y: 0, w: 405, h: 720 };
    });
    const input = sharedMedia('video/moving_face.mp4');
    const follow = await renderClip({ input, start: 1, end: 2.5, output: out('follow.mp4'), width: 270, height: 480, crop: { mode: 'path', path } });
    const center = await renderClip({ input, start: 1, end: 2.5, output: out('still.mp4'), width: 270, height: 480, crop: { mode: 'center' } });
    const offCentre = async (file: string): Promise<number> => {
      const list = await frames(file, { fps: 5 });
      const background = pixel(list[0]!, 2, 2);
      let worst = 0;
      for (const frame of list) {
        let sum = 0;
        let count = 0;
        for (let y = 0; y < frame.height; y += 4) {
          for (let x = 0; x < frame.width; x += 2) {
            const [r, g, b] = pixel(frame, x, y);
            if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 60) {
              sum += x;
              count += 1;
            }
          }
        }
        worst = Math.max(worst, count < 50 ? 135 : Math.abs(sum / count - 135));
      }
      return worst;
    };
    expect(await offCentre(follow.path)).toBeLessThan(30);
    expect(await offCentre(center.path)).toBeGreaterThan(60);
  });

  it('path mode takes a path of thousands of samples (through a filter script)', async () => {
    const path = Array.from({ length: 3000 }, (_, i) => ({ t: i / 1000, x: 400 + 300 * Math.sin(i / 50), y: 0, w: 405, h: 720 }));
    const clip = await renderClip({
      input: sharedMedia('video/moving_face.mp4'), start: 0, end: 1, output: out('long-path.mp4'),
      width: 180, height: 320, crop: { mode: 'path', path },
    });
    expect([clip.width, clip.height]).toEqual([180, 320]);
    expect(clip.durationS).toBeCloseTo(1, 1);
  });

  it('split mode stacks two crops, each half the height', async () => {
    // panel.mp4 26–31 s: B on the left half, C on the right half
    const top = [{ t: 0, x: 0, y: 0, w: 640, h: 569 }];
    const bottom = [{ t: 0, x: 640, y: 0, w: 640, h: 569 }];
    const clip = await renderClip({
      input: sharedMedia('video/panel.mp4'), start: 27, end: 28, output: out('split.mp4'),
      width: 360, height: 640, crop: { mode: 'split', top, bottom },
    });
    expect([clip.width, clip.height]).toEqual([360, 640]);
    const [frame] = await frames(clip.path, { fps: 5, to: 0.2 });
    const half = 320 * 360 * 3;
    expect(meanAbsDiff(frame!.data.subarray(0, half), frame!.data.subarray(half))).toBeGreaterThan(10);
  });

  it('sequence layout: a following crop, then the blurred fit, in one pass', async () => {
    const clip = await renderClip({
      input: sharedMedia('video/moving_face.mp4'), start: 2, end: 3, output: out('sequence.mp4'),
      width: 180, height: 320, crop: {
        mode: 'sequence',
        segments: [
          { start: 0, end: 0.6, layout: { mode: 'path', path: [{ t: 0, x: 100, y: 0, w: 405, h: 720 }, { t: 0.6, x: 500, y: 0, w: 405, h: 720 }] } },
          { start: 0.6, end: 1, layout: { mode: 'blur' } },
        ],
      },
    });
    expect([clip.width, clip.height]).toEqual([180, 320]);
    expect(Math.abs(clip.durationS - 1)).toBeLessThanOrEqual(0.04 + 0.025);
    const list = await frames(clip.path, { fps: 5 });
    const input = sharedMedia('video/moving_face.mp4');
    const blur = await renderClip({ input, start: 2.8, end: 3, output: out('seq-blur.mp4'), width: 180, height: 320, crop: { mode: 'blur' } });
    const still = await renderClip({
      input, start: 2, end: 2.2, output: out('seq-path.mp4'), width: 180, height: 320,
      crop: { mode: 'path', path: [{ t: 0, x: 100, y: 0, w: 405, h: 720 }] },
    });
    const [blurFrame] = await frames(blur.path, { fps: 5, to: 0.2 });
    const [pathFrame] = await frames(still.path, { fps: 5, to: 0.2 });
    const blurMatch = meanAbsDiff(list[4]!.data, blurFrame!.data);
    const pathMatch = meanAbsDiff(list[0]!.data, pathFrame!.data);
    expect(Math.max(blurMatch, pathMatch)).toBeLessThan(3);
    expect(meanAbsDiff(list[4]!.data, pathFrame!.data)).toBeGreaterThan(Math.max(blurMatch, pathMatch) + 1);
  });

  it('cuts a window out of a raw stream that cannot seek', async () => {
    const input = sharedMedia('codecs/MOT20-08-raw_shorter.h264');
    const clip = await renderClip({ input, start: 2, end: 3, output: out('raw.mp4'), width: 180, height: 320, crop: { mode: 'center' } });
    expect(Math.abs(clip.durationS - 1)).toBeLessThanOrEqual(0.04 + 0.025);
    expect((await frames(clip.path, { fps: 25 })).length).toBe(25);
    const sampled = await frames(input, { fps: 25, from: 2, to: 2.2 });
    expect(sampled.map((f) => f.t)).toEqual([2, 2.04, 2.08, 2.12, 2.16]);
  });

  it('draws overlays at their position', async () => {
    const canvas = createCanvas(80, 40);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ff0000';
    context.fillRect(0, 0, 80, 40);
    const image = out('red.png');
    writeFileSync(image, canvas.toBuffer('image/png'));
    const clip = await renderClip({
      input: sharedMedia('video/liveportrait_d18.mp4'), start: 1, end: 1.5, output: out('overlay.mp4'),
      width: 270, height: 480, crop: { mode: 'blur' }, overlays: [{ imagePath: image, x: 100, y: 400 }],
    });
    const [frame] = await frames(clip.path, { fps: 5, to: 0.2 });
    const [r, g, b] = pixel(frame!, 140, 420);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(80);
  });

  it('refuses a window outside the video and an odd size is made even', async () => {
    await expect(
      renderClip({ input: sharedMedia('video/chaplin.mp4'), start: 20, end: 25, output: out('x.mp4'), width: 1080, height: 1920, crop: { mode: 'center' } }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const clip = await renderClip({ input: sharedMedia('video/chaplin.mp4'), start: 1, end: 1.4, output: out('odd.mp4'), width: 201, height: 357, crop: { mode: 'center' } });
    expect([clip.width, clip.height]).toEqual([200, 356]);
  });
});

describe('failures and cancellation leave nothing behind', () => {
  it('cancel mid-encode kills ffmpeg and deletes the partial output', async () => {
    const dir = mkdtempSync(join(scratch, 'cancel-'));
    const controller = new AbortController();
    const seen: number[] = [];
    const rendering = renderClip({
      input: sharedMedia('video/panel.mp4'), start: 0, end: 30, output: join(dir, 'clip.mp4'),
      width: 1080, height: 1920, crop: { mode: 'blur' }, signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.fraction);
        if (p.fraction > 0.02) controller.abort();
      },
    });
    await expect(rendering).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('killAllFfmpeg (app quit) stops a running encode as cancelled', async () => {
    const dir = mkdtempSync(join(scratch, 'quit-'));
    let killed = 0;
    const rendering = renderClip({
      input: sharedMedia('video/panel.mp4'), start: 0, end: 30, output: join(dir, 'clip.mp4'),
      width: 1080, height: 1920, crop: { mode: 'center' },
      onProgress: (p) => {
        if (p.fraction > 0.02 && killed === 0) killed = killAllFfmpeg();
      },
    });
    await expect(rendering).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(killed).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failing ffmpeg gives FFMPEG_FAILED with its stderr, and no partial file', async () => {
    const dir = mkdtempSync(join(scratch, 'fail-'));
    const notAnImage = join(dir, 'caption.png');
    writeFileSync(notAnImage, 'this is text, not a PNG');
    const error = await renderClip({
      input: sharedMedia('video/chaplin.mp4'), start: 1, end: 2, output: join(dir, 'clip.mp4'),
      width: 270, height: 480, crop: { mode: 'center' }, overlays: [{ imagePath: notAnImage, x: 0, y: 0 }],
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'FFMPEG_FAILED' });
    expect((error as Error).message).toMatch(/caption\.png.*Invalid data|Invalid data.*caption\.png|Invalid data found/);
    expect(readdirSync(dir)).toEqual(['caption.png']);
  });
});

describe('concatClips', () => {
  it('joins clips of one preset by stream copy, and others by re-encoding to the first size', async () => {
    const input = sharedMedia('codecs/smpte-2997.mp4');
    const a = await renderClip({ input, start: 1, end: 2, output: out("it's a [clip].mp4"), width: 270, height: 480, crop: { mode: 'center' } });
    const b = await renderClip({ input, start: 5, end: 6.5, output: out('b.mp4'), width: 270, height: 480, crop: { mode: 'blur' } });
    const copied = await concatClips({ inputs: [a.path, b.path], output: out('reel.mp4') });
    expect(copied.copied).toBe(true);
    expect(Math.abs(copied.durationS - 2.5)).toBeLessThan(0.1);
    const mixed = await concatClips({ inputs: [a.path, sharedMedia('video/carphone_pristine.mp4')], output: out('mixed.mp4') });
    expect(mixed.copied).toBe(false);
    expect([mixed.width, mixed.height]).toEqual([270, 480]);
    expect(Math.abs(mixed.durationS - 5)).toBeLessThan(0.1);
    const streams = await streamFacts(mixed.path);
    expect(streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
  });
});
