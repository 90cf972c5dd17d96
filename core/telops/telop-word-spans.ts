import type { TelopWord } from './telop.js';
import type { DraftWord } from './telop-draft.js';

interface Position {
  line: number;
  column: number;
}

/**
 * Where each character of `text` landed in the drawn `lines` (undefined for dropped spaces and
 * for what an ellipsis cut off). Wrapping only collapses and drops whitespace, so the other
 * characters appear in the lines in the same order.
 */
export function characterPositions(text: string, lines: readonly string[]): (Position | undefined)[] {
  const positions: (Position | undefined)[] = [];
  let line = 0;
  let column = 0;
  let lost = false;
  for (const char of text) {
    for (let unit = 0; unit < char.length; unit += 1) positions.push(undefined);
    if (lost) continue;
    if (/\s/u.test(char)) {
      if (lines[line]?.startsWith(char, column)) column += char.length;
      continue;
    }
    if (column >= (lines[line]?.length ?? 0)) {
      line += 1;
      column = 0;
    }
    if (!lines[line]?.startsWith(char, column)) {
      lost = true;
      continue;
    }
    for (let unit = 0; unit < char.length; unit += 1) positions[positions.length - char.length + unit] = { line, column: column + unit };
    column += char.length;
  }
  return positions;
}

/**
 * The karaoke spans of a telop's words, in seconds from `origin` (the clip's start): a word is
 * lit from its time to the next word's (the last until `end`), cut to [start, end]. A word the
 * wrapping broke over two lines gives one span per line, with the same times.
 */
export function telopWordSpans(
  text: string,
  lines: readonly string[],
  words: readonly DraftWord[],
  shown: { start: number; end: number; origin: number },
): TelopWord[] {
  const positions = characterPositions(text, lines);
  return words.flatMap((word, i) => {
    const start = Math.max(word.t, shown.start);
    const end = Math.min(words[i + 1]?.t ?? shown.end, shown.end);
    if (end - start < 0.001) return [];
    const times = { start: roundMs(start - shown.origin), end: roundMs(end - shown.origin) };
    return spansOnLines(positions.slice(word.at, word.at + word.text.length)).map((span) => ({ ...times, ...span }));
  });
}

function spansOnLines(positions: readonly (Position | undefined)[]): { line: number; from: number; to: number }[] {
  const spans: { line: number; from: number; to: number }[] = [];
  for (const position of positions) {
    if (!position) continue;
    const last = spans.at(-1);
    if (last && last.line === position.line) last.to = position.column + 1;
    else spans.push({ line: position.line, from: position.column, to: position.column + 1 });
  }
  return spans;
}

export const roundMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;
