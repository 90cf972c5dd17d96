import type { TelopStyle } from './telop-style.js';

export interface FrameSize {
  width: number;
  height: number;
}

/**
 * Where telops are drawn on the output frame, in pixels: one fixed band the width of the frame,
 * the lines centred in its text area and stacked up from its bottom (a one-line telop sits where
 * the second line of a two-line one does). Every telop state is a PNG of exactly this size.
 */
export interface TelopBand {
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
  /** The lines' horizontal centre, in band pixels. */
  centerX: number;
  /** The widest a line's text may be (outline and box padding already taken off). */
  maxLineWidth: number;
  /** The bottom of the last line's slot, in band pixels; line slots are `lineHeight` tall. */
  linesBottom: number;
  /** Outline thickness and box padding in pixels (0 when the style has none). */
  outline: number;
  boxPadding: number;
}

export const MAX_TELOP_LINES = 2;

/**
 * The platforms' safe area. Shorts, TikTok and Reels cover the bottom ~20 % with the title,
 * description and audio line, and the right ~15 % with the like/comment/share rail; landscape
 * players cover nothing but a progress bar.
 */
const SAFE_AREA = {
  portrait: { bandBottom: 0.78, rightRail: 0.15 },
  landscape: { bandBottom: 0.9, rightRail: 0 },
};
const SIDE_MARGIN = 0.04;
const LINE_HEIGHT = 1.35;

const even = (value: number): number => Math.floor(value / 2) * 2;

/** The telop band for a frame and style (also what the app's preview lays its overlay out with). */
export function telopBand(frame: FrameSize, style: TelopStyle): TelopBand {
  const area = frame.height > frame.width ? SAFE_AREA.portrait : SAFE_AREA.landscape;
  // the shorter side: a landscape export gets the text size of a short, not 16/9 of it
  const fontSize = Math.max(12, Math.round(style.fontSize * Math.min(frame.width, frame.height)));
  const lineHeight = Math.round(fontSize * LINE_HEIGHT);
  const outline = Math.round(style.outlineWidth * fontSize);
  const boxPadding = style.box ? Math.round(style.box.padding * fontSize) : 0;
  const edge = Math.max(outline, boxPadding) + 2;
  const height = even(MAX_TELOP_LINES * lineHeight + 2 * edge + 1);
  const textAreaWidth = frame.width * (1 - area.rightRail);
  return {
    x: 0,
    y: Math.max(0, even(frame.height * area.bandBottom - height)),
    width: frame.width,
    height,
    fontSize,
    lineHeight,
    centerX: Math.round(textAreaWidth / 2),
    maxLineWidth: Math.floor(textAreaWidth - 2 * SIDE_MARGIN * frame.width - 2 * edge),
    linesBottom: height - edge,
    outline,
    boxPadding,
  };
}
