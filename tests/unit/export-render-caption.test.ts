import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { registerCaptionFonts } from '../../core/telops/caption-fonts.js';
import { renderCaption } from '../../core/export/render-caption.js';
import { captionText, topComment } from '../../core/export/top-comment.js';

/** One glyph drawn alone, black on white, as RGBA pixels. */
function drawGlyph(text: string, families: string): Uint8ClampedArray {
  const canvas = createCanvas(96, 96);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 96, 96);
  ctx.fillStyle = '#000';
  ctx.font = `64px ${families}`;
  ctx.fillText(text, 8, 72);
  return ctx.getImageData(0, 0, 96, 96).data;
}

const inkPixels = (data: Uint8ClampedArray): number => {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) n += 1;
  return n;
};
const colourfulPixels = (data: Uint8ClampedArray): number => {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 80) n += 1;
  }
  return n;
};
const differingPixels = (a: Uint8ClampedArray, b: Uint8ClampedArray): number => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 64) n += 1;
  return n;
};

describe('caption fonts', () => {
  const families = registerCaptionFonts();
  // a private-use code point no font has: what a missing glyph (tofu / .notdef) looks like
  const missing = drawGlyph('\u{10FFFD}', families);

  it.each(['草', '笑', 'あ', 'カ', '神'])('draws Japanese %s as a real glyph, not the missing-glyph box', (char) => {
    const glyph = drawGlyph(char, families);
    expect(inkPixels(glyph)).toBeGreaterThan(150);
    expect(differingPixels(glyph, missing)).toBeGreaterThan(150);
  });

  it('draws different kanji differently (tofu boxes would all be the same)', () => {
    expect(differingPixels(drawGlyph('草', families), drawGlyph('笑', families))).toBeGreaterThan(150);
  });

  it.each(['😂', '🔥', '👍'])('draws emoji %s in colour', (emoji) => {
    const glyph = drawGlyph(emoji, families);
    expect(colourfulPixels(glyph)).toBeGreaterThan(400);
    expect(colourfulPixels(missing)).toBe(0);
  });
});

describe('renderCaption', () => {
  it('wraps a long Japanese + emoji comment into a PNG narrower than the video with colour where the emoji is', async () => {
    const text = '10:01 ここ草すぎて腹筋崩壊した😂🔥 the timing was absolutely perfect, 神回確定！';
    const image = renderCaption(text, { videoWidth: 1080 });
    expect(image.width).toBeLessThanOrEqual(1080);
    expect(image.width % 2).toBe(0);
    expect(image.height % 2).toBe(0);
    const fontSize = 1080 / 18;
    expect(image.height).toBeGreaterThan(2 * fontSize * 1.3); // wrapped onto several lines
    const decoded = await loadImage(image.png);
    expect(decoded.width).toBe(image.width);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(decoded, 0, 0);
    expect(colourfulPixels(ctx.getImageData(0, 0, image.width, image.height).data)).toBeGreaterThan(500);
  });

  it('a short caption is one line', () => {
    const one = renderCaption('最高', { videoWidth: 1080 });
    const two = renderCaption('最高 '.repeat(30), { videoWidth: 1080 });
    expect(two.height).toBeGreaterThan(one.height);
  });
});

describe('topComment', () => {
  it('is the most-liked comment with text', () => {
    const comments = [
      { id: 'a', text: '5:01 lol', likes: 3, t: 301 },
      { id: 'b', text: '5:00 草', likes: 3100, t: 300 },
      { id: 'c', text: ' ', likes: 9000, t: 300 },
    ];
    expect(topComment({ comments })?.id).toBe('b');
    expect(topComment({ comments: [] })).toBeUndefined();
  });
});

describe('captionText', () => {
  it.each([
    ['5:01 ここ草😂', 'ここ草😂'],
    ['10:01~10:21 神回', '神回'],
    ['１０：０１ 最高', '最高'],
    ['12分3秒 のところ', 'のところ'],
    ['1:02:03 - 1:02:30 lol and 5:00 too', 'lol and too'],
    ['7:45', '7:45'],
    ['no stamp here', 'no stamp here'],
  ])('%j → %j', (text, expected) => {
    expect(captionText(text)).toBe(expected);
  });
});
