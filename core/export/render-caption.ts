import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { registerCaptionFonts } from '../telops/caption-fonts.js';
import { wrapCaption } from '../telops/wrap-caption.js';

export interface CaptionImage {
  png: Buffer;
  width: number;
  height: number;
}

export interface CaptionStyle {
  /** Width of the video the caption goes on; the caption takes most of it. */
  videoWidth: number;
  maxLines?: number;
}

const fontSizeFor = (videoWidth: number): number => Math.max(16, Math.round(videoWidth / 18));

function configure(ctx: SKRSContext2D, fontSize: number, families: string): void {
  ctx.font = `bold ${fontSize}px ${families}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  ctx.lineJoin = 'round';
}

/**
 * A comment as a caption: white bold text with a dark outline on a translucent rounded box,
 * wrapped to the video's width, as a PNG sized to its content (overlaid by the encoder).
 */
export function renderCaption(text: string, style: CaptionStyle): CaptionImage {
  const families = registerCaptionFonts();
  const fontSize = fontSizeFor(style.videoWidth);
  const padding = Math.round(fontSize * 0.6);
  const maxTextWidth = Math.round(style.videoWidth * 0.86) - 2 * padding;
  const measureCanvas = createCanvas(8, 8).getContext('2d');
  configure(measureCanvas, fontSize, families);
  const measure = (s: string): number => measureCanvas.measureText(s).width;
  const lines = wrapCaption(text, maxTextWidth, measure, style.maxLines ?? 4);
  const lineHeight = Math.round(fontSize * 1.35);
  const textWidth = Math.max(1, ...lines.map(measure));
  const width = 2 * Math.ceil((textWidth + 2 * padding) / 2);
  const height = 2 * Math.ceil((lines.length * lineHeight + 2 * padding) / 2);

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.beginPath();
  ctx.roundRect(0, 0, width, height, Math.round(fontSize * 0.5));
  ctx.fill();
  configure(ctx, fontSize, families);
  ctx.lineWidth = Math.max(2, Math.round(fontSize / 8));
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.9)';
  ctx.fillStyle = '#ffffff';
  lines.forEach((line, i) => {
    const baseline = padding + i * lineHeight + Math.round(fontSize * 1.05);
    ctx.strokeText(line, width / 2, baseline);
    ctx.fillText(line, width / 2, baseline);
  });
  return { png: canvas.toBuffer('image/png'), width, height };
}

/** Renders the caption and writes it (atomically) as a PNG file. */
export async function writeCaptionPng(path: string, text: string, style: CaptionStyle): Promise<CaptionImage> {
  const image = renderCaption(text, style);
  await writeFileAtomic(path, image.png);
  return image;
}
