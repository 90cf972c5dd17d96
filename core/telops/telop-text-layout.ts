import { createCanvas } from '@napi-rs/canvas';
import { registerCaptionFonts } from './caption-fonts.js';
import { joinTelopText } from './join-telop-text.js';
import { MAX_TELOP_LINES, type TelopBand } from './telop-band.js';
import { wrapCaption, type MeasureText } from './wrap-caption.js';

/** How telop text is measured and broken: the real font at the band's size. */
export interface TelopTextLayout {
  /** The CSS font the lines are drawn with. */
  font: string;
  maxLineWidth: number;
  measure: MeasureText;
}

export function telopTextLayout(band: TelopBand): TelopTextLayout {
  const font = `bold ${band.fontSize}px ${registerCaptionFonts()}`;
  const ctx = createCanvas(8, 8).getContext('2d');
  ctx.font = font;
  const widths = new Map<string, number>();
  const measure = (text: string): number => {
    let width = widths.get(text);
    if (width === undefined) {
      width = ctx.measureText(text).width;
      widths.set(text, width);
    }
    return width;
  };
  return { font, maxLineWidth: band.maxLineWidth, measure };
}

/**
 * A telop's text as drawn lines: "\n" is a break the user forced, every other break is
 * wrapCaption's (kinsoku, no English word split, emoji whole). Past `maxLines` the last line ends
 * with an ellipsis.
 */
export function telopLines(text: string, layout: TelopTextLayout, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines = text
    .split('\n')
    .flatMap((paragraph) => wrapCaption(paragraph, layout.maxLineWidth, layout.measure, Number.POSITIVE_INFINITY));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  const rest = lines.slice(maxLines - 1).reduce(joinTelopText);
  return [...kept, ...wrapCaption(rest, layout.maxLineWidth, layout.measure, 1)];
}

export const fitsTelop = (text: string, layout: TelopTextLayout): boolean => telopLines(text, layout).length <= MAX_TELOP_LINES;
