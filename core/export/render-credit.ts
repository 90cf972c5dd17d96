import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { registerCaptionFonts } from '../telops/caption-fonts.js';

/** `--credit`: the source named on the clip itself. */
export interface CreditLine {
  channel?: string;
  title: string;
}

export interface CreditImage {
  png: Buffer;
  width: number;
  height: number;
}

/** The two lines drawn: `出典: <channel>` (when known) and the source's title. */
export const creditLines = (credit: CreditLine): string[] => [...(credit.channel ? [`出典: ${credit.channel}`] : []), credit.title];

/** Small but legible: 1/40 of the frame's shorter side (27 px on a 1080×1920 short), never under 14 px. */
const fontSizeFor = (frame: { width: number; height: number }): number => Math.max(14, Math.round(Math.min(frame.width, frame.height) / 40));

function fitLine(ctx: SKRSContext2D, line: string, maxWidth: number): string {
  if (ctx.measureText(line).width <= maxWidth) return line;
  const chars = [...line];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * Where the credit sits, inside the platforms' safe area: a portrait clip's top left, under the
 * app's top bar and above the title card (12 % down); a landscape clip's bottom left, under the
 * telop band (which ends 90 % down).
 */
export function creditPosition(frame: { width: number; height: number }, image: { width: number; height: number }): { x: number; y: number } {
  const portrait = frame.height > frame.width;
  const x = Math.round(frame.width * (portrait ? 0.04 : 0.02));
  const y = portrait ? Math.round(frame.height * 0.065) : Math.max(0, Math.round(frame.height * 0.985) - image.height);
  return { x, y };
}

/** The credit as a PNG: white text with a dark outline on a translucent box, at most 70 % of the frame wide. */
export function renderCredit(credit: CreditLine, frame: { width: number; height: number }): CreditImage {
  const families = registerCaptionFonts();
  const fontSize = fontSizeFor(frame);
  const padding = Math.round(fontSize * 0.4);
  const lineHeight = Math.round(fontSize * 1.3);
  const measure = createCanvas(8, 8).getContext('2d');
  measure.font = `bold ${fontSize}px ${families}`;
  const lines = creditLines(credit).map((line) => fitLine(measure, line, frame.width * 0.7 - 2 * padding));
  const width = 2 * Math.ceil((Math.max(1, ...lines.map((l) => measure.measureText(l).width)) + 2 * padding) / 2);
  const height = 2 * Math.ceil((lines.length * lineHeight + 2 * padding) / 2);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.beginPath();
  ctx.roundRect(0, 0, width, height, Math.round(fontSize * 0.3));
  ctx.fill();
  ctx.font = `bold ${fontSize}px ${families}`;
  ctx.textBaseline = 'alphabetic';
  ctx.lineJoin = 'round';
  ctx.lineWidth = Math.max(2, Math.round(fontSize / 9));
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.9)';
  ctx.fillStyle = '#ffffff';
  lines.forEach((line, i) => {
    const baseline = padding + i * lineHeight + Math.round(fontSize * 1.0);
    ctx.strokeText(line, padding, baseline);
    ctx.fillText(line, padding, baseline);
  });
  return { png: canvas.toBuffer('image/png'), width, height };
}

/** Renders the credit and writes it (atomically) as a PNG file. */
export async function writeCreditPng(path: string, credit: CreditLine, frame: { width: number; height: number }): Promise<CreditImage> {
  const image = renderCredit(credit, frame);
  await writeFileAtomic(path, image.png);
  return image;
}
