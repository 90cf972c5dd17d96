import { describe, expect, it } from 'vitest';
import { detectorInput } from '../../core/faces/detector-input.js';

function picture(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data.set(rgb(x, y), (y * width + x) * 3);
  return { width, height, data };
}

describe('detectorInput', () => {
  it('scales a wide area to its long side, keeps its shape and normalises it', () => {
    const image = picture(64, 32, () => [200, 100, 50]);
    const input = detectorInput(image, { x: 0, y: 0, w: 64, h: 32 }, 16, { mean: [100, 100, 100], divisor: 50 });
    expect(input).toMatchObject({ width: 16, height: 8, scale: 0.25 });
    expect(input.data.length).toBe(16 * 8 * 3);
    expect(new Set(input.data.filter((_, i) => i % 3 === 0))).toEqual(new Set([2]));
    expect(Array.from(input.data.slice(-3))).toEqual([2, 0, -1]);
  });

  it('pads each side with black up to the network stride, at the bottom and right', () => {
    // 640x360 at a long side of 320: 320x180 of picture in a 320x192 input
    const image = picture(640, 360, () => [90, 90, 90]);
    const input = detectorInput(image, { x: 0, y: 0, w: 640, h: 360 }, 320, { mean: [10, 10, 10], divisor: 1, multiple: 32 });
    expect(input).toMatchObject({ width: 320, height: 192, scale: 0.5 });
    expect(input.data[(179 * 320 + 319) * 3]).toBe(80);
    expect(input.data[180 * 320 * 3]).toBe(-10);
    expect(input.data[input.data.length - 1]).toBe(-10);
    const narrow = detectorInput(picture(40, 100, () => [255, 255, 255]), { x: 0, y: 0, w: 40, h: 100 }, 64, { mean: [5, 5, 5], multiple: 32 });
    expect(narrow).toMatchObject({ width: 32, height: 64, scale: 0.64 });
    // 26 columns of picture, then padding on every row
    expect(narrow.data[(10 * 32 + 25) * 3]).toBe(250);
    expect(narrow.data[(10 * 32 + 26) * 3]).toBe(-5);
  });

  it('takes the pixels of the area it is given, not of the whole picture', () => {
    const image = picture(40, 40, (x) => (x < 20 ? [0, 0, 0] : [255, 255, 255]));
    const right = detectorInput(image, { x: 20, y: 0, w: 20, h: 20 }, 10);
    expect(Math.min(...right.data)).toBe(255);
    const left = detectorInput(image, { x: 0, y: 0, w: 20, h: 20 }, 10);
    expect(Math.max(...left.data.slice(0, 8 * 3))).toBe(0);
  });

  it('leaves no stale padding behind when the same size is reused for a full area', () => {
    const image = picture(40, 20, () => [10, 10, 10]);
    detectorInput(image, { x: 0, y: 0, w: 40, h: 20 }, 8, { multiple: 8 });
    const full = detectorInput(picture(16, 16, () => [90, 90, 90]), { x: 0, y: 0, w: 16, h: 16 }, 8, { multiple: 8 });
    expect(new Set(full.data)).toEqual(new Set([90]));
  });
});
