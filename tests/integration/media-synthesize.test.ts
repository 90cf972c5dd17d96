import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { faceApiDemoDir } from '../../core/faces/nets/face-api-demo-dir.js';
import { probeMedia } from '../../core/media/probe.js';
import { readFrames } from '../../core/media/read-frames.js';
import { renderClip } from '../../core/media/render-clip.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { renderStillsVideo, renderTestPattern } from '../../core/media/synthesize-video.js';

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-synth-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('synthesized sample videos', () => {
  it('renders photos into a video, each for its duration', async () => {
    const demo = faceApiDemoDir();
    const photos = readdirSync(demo).filter((name) => /^sample\d+\.jpg$/.test(name)).slice(0, 2);
    expect(photos).toHaveLength(2);
    const output = join(scratch, 'stills.mp4');
    await renderStillsVideo({
      images: photos.map((name, i) => ({ path: join(demo, name), durationS: i + 1 })),
      output, width: 640, height: 360, tone: true,
    });
    const info = await probeMedia(output);
    expect([info.width, info.height, info.videoCodec, info.audioCodec]).toEqual([640, 360, 'h264', 'aac']);
    expect(Math.abs(info.durationS - 3)).toBeLessThan(0.05);
    const frames: Buffer[] = [];
    for await (const frame of readFrames(output, { fps: 2 })) frames.push(frame.data);
    expect(frames).toHaveLength(6);
    const diff = (a: Buffer, b: Buffer): number => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    expect(diff(frames[0]!, frames[1]!)).toBeLessThan(1);
    expect(diff(frames[1]!, frames[2]!)).toBeGreaterThan(10);
  });

  it('renders a test pattern with a tone', async () => {
    const output = join(scratch, 'pattern.mp4');
    await renderTestPattern({ output, durationS: 2, width: 320, height: 180 });
    const info = await probeMedia(output);
    expect([info.width, info.height, info.fps, info.hasAudio]).toEqual([320, 180, 25, true]);
    expect(Math.abs(info.durationS - 2)).toBeLessThan(0.05);
  });

  it('treats anamorphic video (non-square pixels) at its display size', async () => {
    const output = join(scratch, 'anamorphic.mp4');
    await runFfmpeg({
      inputs: [{ path: 'testsrc2=size=480x360:rate=25:duration=1', lavfi: true }],
      outputOptions: ['-vf', 'setsar=4/3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      output, format: 'mp4', expectedDurationS: 1,
    });
    const info = await probeMedia(output);
    expect([info.width, info.height, info.codedWidth, info.sampleAspectRatio]).toEqual([640, 360, 480, 4 / 3]);
    for await (const frame of readFrames(output, { fps: 1, info })) expect([frame.width, frame.height]).toEqual([640, 360]);
    const clip = await renderClip({ input: output, start: 0, end: 0.5, output: join(scratch, 'ana-clip.mp4'), width: 320, height: 180, crop: { mode: 'scale' } });
    const rendered = await probeMedia(clip.path);
    expect([rendered.width, rendered.height, rendered.sampleAspectRatio]).toEqual([320, 180, 1]);
  });
});
