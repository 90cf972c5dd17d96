import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { readFrames, type VideoFrame } from '../../core/media/read-frames.js';
import { renderClip } from '../../core/media/render-clip.js';
import { sharedMedia } from '../helpers/shared-media.js';

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-sequence-overlay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function png(name: string, colour: string | null): string {
  const canvas = createCanvas(60, 30);
  if (colour) {
    const context = canvas.getContext('2d');
    context.fillStyle = colour;
    context.fillRect(0, 0, 60, 30);
  }
  const path = join(scratch, name);
  writeFileSync(path, canvas.toBuffer('image/png'));
  return path;
}

async function frameAt(path: string, t: number): Promise<VideoFrame> {
  for await (const frame of readFrames(path, { fps: 25, from: t, to: t + 0.04 })) return frame;
  throw new Error(`no frame at ${t} s in ${path}`);
}

function pixel(frame: VideoFrame, x: number, y: number): [number, number, number] {
  const i = (y * frame.width + x) * 3;
  return [frame.data[i]!, frame.data[i + 1]!, frame.data[i + 2]!];
}

const isRed = ([r, g, b]: [number, number, number]): boolean => r > 200 && g + b < 90;
const isGreen = ([r, g, b]: [number, number, number]): boolean => g > 100 && r + b < 90;

describe('renderClip with a sequence overlay (the telop track)', () => {
  it('shows each PNG state from its start to the next one, to the frame, in the one encode with the crop and the title card', async () => {
    png('blank.png', null);
    png('red.png', '#ff0000');
    png('green.png', '#00ff00');
    const title = png('title.png', '#0000ff');
    const list = join(scratch, 'telops.ffconcat');
    // blank 0–1.2, red 1.2–2.4, blank 2.4–3, green 3–3.6, blank to the end (the last file is repeated: the demuxer's rule)
    writeFileSync(list, [
      'ffconcat version 1.0',
      'file blank.png', 'duration 1.2',
      'file red.png', 'duration 1.2',
      'file blank.png', 'duration 0.6',
      'file green.png', 'duration 0.6',
      'file blank.png', 'duration 0.4',
      'file blank.png', '',
    ].join('\n'));
    const clip = await renderClip({
      input: sharedMedia('video/panel.mp4'), start: 5, end: 9, output: join(scratch, 'telops.mp4'),
      width: 270, height: 480, crop: { mode: 'center' },
      overlays: [{ imagePath: title, x: 10, y: 10 }, { concatList: list, x: 100, y: 400 }],
    });
    expect(Math.abs(clip.durationS - 4)).toBeLessThanOrEqual(0.05);
    const at = async (t: number): Promise<[number, number, number]> => pixel(await frameAt(clip.path, t), 130, 415);
    // the frames either side of each change
    expect(isRed(await at(1.16))).toBe(false);
    expect(isRed(await at(1.2))).toBe(true);
    expect(isRed(await at(2.36))).toBe(true);
    expect(isRed(await at(2.4))).toBe(false);
    expect(isGreen(await at(2.96))).toBe(false);
    expect(isGreen(await at(3))).toBe(true);
    expect(isGreen(await at(3.56))).toBe(true);
    expect(isGreen(await at(3.6))).toBe(false);
    // the title card stays for the whole clip
    for (const t of [0, 2, 3.9]) {
      const [r, g, b] = pixel(await frameAt(clip.path, t), 30, 20);
      expect(b).toBeGreaterThan(200);
      expect(r + g).toBeLessThan(90);
    }
  });
});
