import { describe, expect, it } from 'vitest';
import { squareInput } from '../../core/faces/square-input.js';

function picture(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data.set(rgb(x, y), (y * width + x) * 3);
  return { width, height, data };
}

describe('squareInput', () => {
  it('fits a wide area into the square, normalises it and pads the bottom with black', () => {
    const image = picture(64, 32, () => [200, 100, 50]);
    const input = squareInput(image, { x: 0, y: 0, w: 64, h: 32 }, 16, [100, 100, 100], 50);
    expect(input.scale).toBe(0.25);
    expect(Array.from(input.data.slice(0, 3))).toEqual([2, 0, -1]);
    // rows 8..15 are padding: (0 - mean) / divisor
    expect(Array.from(input.data.slice(8 * 16 * 3, 8 * 16 * 3 + 3))).toEqual([-2, -2, -2]);
    expect(Array.from(input.data.slice(-3))).toEqual([-2, -2, -2]);
  });

  it('takes the pixels of the area it is given, not of the whole picture', () => {
    const image = picture(40, 40, (x) => (x < 20 ? [0, 0, 0] : [255, 255, 255]));
    const right = squareInput(image, { x: 20, y: 0, w: 20, h: 20 }, 10);
    expect(Math.min(...right.data)).toBe(255);
    const left = squareInput(image, { x: 0, y: 0, w: 20, h: 20 }, 10);
    expect(Math.max(...left.data.slice(0, 8 * 3))).toBe(0);
  });

  it('leaves no stale padding behind when the same size is reused for a square area', () => {
    const image = picture(32, 16, () => [10, 10, 10]);
    squareInput(image, { x: 0, y: 0, w: 32, h: 16 }, 8);
    const square = squareInput(picture(16, 16, () => [90, 90, 90]), { x: 0, y: 0, w: 16, h: 16 }, 8);
    expect(new Set(square.data)).toEqual(new Set([90]));
  });
});
