import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { LAUGH_TELOP, MUSIC_TELOP } from './clean-telop-tags.js';
import { stillApng } from './still-apng.js';
import type { TelopBand } from './telop-band.js';
import type { TelopStyle } from './telop-style.js';
import type { TelopState } from './telop-timeline.js';
import type { TelopTextLayout } from './telop-text-layout.js';

interface Run {
  text: string;
  colour: string;
  width: number;
}

/**
 * One state as a PNG (a one-frame APNG, see stillApng) at the band's size on a transparent
 * background: all states the same size, so one overlay input carries them all.
 */
export async function renderTelopState(state: TelopState, band: TelopBand, layout: TelopTextLayout, style: TelopStyle): Promise<Buffer> {
  const canvas = createCanvas(band.width, band.height);
  if (state.telop) drawTelop(canvas.getContext('2d'), state, band, layout, style);
  return stillApng(await canvas.encode('png'));
}

function drawTelop(ctx: SKRSContext2D, state: TelopState, band: TelopBand, layout: TelopTextLayout, style: TelopStyle): void {
  const lines = state.telop?.lines ?? [];
  ctx.font = layout.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const placed = lines.map((line, index) => {
    const runs = colourRuns(line, index, state, style).map((run) => ({ ...run, width: layout.measure(run.text) }));
    const width = runs.reduce((sum, run) => sum + run.width, 0);
    const bottom = band.linesBottom - (lines.length - 1 - index) * band.lineHeight;
    return { runs, left: band.centerX - width / 2, width, middle: bottom - band.lineHeight / 2 };
  });
  if (style.box) {
    ctx.fillStyle = style.box.color;
    for (const line of placed) {
      ctx.beginPath();
      ctx.roundRect(line.left - band.boxPadding, line.middle - band.lineHeight / 2, line.width + 2 * band.boxPadding, band.lineHeight, style.box.radius * band.fontSize);
      ctx.fill();
    }
  }
  // Every outline before any fill: an outline drawn later would eat into the letters beside it.
  if (band.outline > 0) {
    ctx.lineWidth = 2 * band.outline;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = style.outline;
    for (const line of placed) forEachRun(line, (run, x) => ctx.strokeText(run.text, x, line.middle));
  }
  for (const line of placed) {
    forEachRun(line, (run, x) => {
      ctx.fillStyle = run.colour;
      ctx.fillText(run.text, x, line.middle);
    });
  }
}

function forEachRun(line: { runs: Run[]; left: number }, draw: (run: Run, x: number) => void): void {
  let x = line.left;
  for (const run of line.runs) {
    draw(run, x);
    x += run.width;
  }
}

/** A line cut where its colour changes: lit word, words said, reactions, the rest. */
function colourRuns(line: string, lineIndex: number, state: TelopState, style: TelopStyle): Omit<Run, 'width'>[] {
  const colours = Array.from({ length: line.length }, () => style.text);
  const reaction = state.telop?.reaction ? [{ from: 0, to: line.length }] : reactionSpans(line);
  for (const span of reaction) colours.fill(style.reaction, span.from, span.to);
  const paint = (indices: ReadonlySet<number>, colour: string): void => {
    for (const index of indices) {
      const word = state.telop?.words?.[index];
      if (word && word.line === lineIndex) colours.fill(colour, word.from, word.to);
    }
  };
  if (style.spoken) paint(state.said, style.spoken);
  paint(state.lit, style.active);
  return runsOf(line, colours);
}

function reactionSpans(line: string): { from: number; to: number }[] {
  return [LAUGH_TELOP, MUSIC_TELOP].flatMap((mark) => {
    const spans: { from: number; to: number }[] = [];
    for (let at = line.indexOf(mark); at !== -1; at = line.indexOf(mark, at + mark.length)) spans.push({ from: at, to: at + mark.length });
    return spans;
  });
}

function runsOf(line: string, colours: readonly string[]): Omit<Run, 'width'>[] {
  const runs: Omit<Run, 'width'>[] = [];
  for (let i = 0; i < line.length; i += 1) {
    const last = runs.at(-1);
    if (last && last.colour === colours[i]) last.text += line[i];
    else runs.push({ text: line[i]!, colour: colours[i]! });
  }
  return runs;
}
