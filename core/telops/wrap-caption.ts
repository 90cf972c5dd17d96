/** Measures the drawn width of a string in the caption's font. */
export type MeasureText = (text: string) => number;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Han, kana, Hangul, full-width forms and emoji: a line may break between any two of these.
const BREAK_ANYWHERE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\p{Extended_Pictographic}]/u;
// Japanese line-breaking rules (kinsoku): these never start a line.
const NO_LINE_START = /^[、。，．,.!?！？）)」』】〕〉》ー〜～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ…‥・:;：；]$/u;

const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

/** Han, kana, Hangul, full-width forms and emoji: text that needs no space between words. */
export const breaksAnywhere = (grapheme: string): boolean => BREAK_ANYWHERE.test(grapheme);

/** Words for Latin text, single graphemes for CJK and emoji; spaces kept as their own tokens. */
export function breakTokens(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) tokens.push(word);
    word = '';
  };
  for (const g of graphemes(text)) {
    if (/^\s+$/u.test(g)) {
      flush();
      tokens.push(' ');
    } else if (BREAK_ANYWHERE.test(g)) {
      flush();
      tokens.push(g);
    } else if (NO_LINE_START.test(g) && word === '' && tokens.length > 0 && tokens.at(-1) !== ' ') {
      tokens[tokens.length - 1] += g; // keep closing punctuation with what it closes
    } else {
      word += g;
    }
  }
  flush();
  return tokens;
}

/** Breaks one word that is wider than the line on its own, grapheme by grapheme. */
function splitLongToken(token: string, maxWidth: number, measure: MeasureText): string[] {
  const parts: string[] = [];
  let part = '';
  for (const g of graphemes(token)) {
    if (part && measure(part + g) > maxWidth) {
      parts.push(part);
      part = '';
    }
    part += g;
  }
  if (part) parts.push(part);
  return parts;
}

/** Glues a kinsoku character that follows CJK onto the grapheme before it. */
function attachNoStart(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const previous = out.at(-1);
    if (previous !== undefined && previous !== ' ' && NO_LINE_START.test(token)) out[out.length - 1] = previous + token;
    else out.push(token);
  }
  return out;
}

/**
 * Greedy line wrapping: Latin breaks at spaces, Japanese/Chinese/Korean and emoji between any
 * two characters (never before closing punctuation). At most `maxLines` lines; an overflow ends
 * with an ellipsis.
 */
export function wrapCaption(text: string, maxWidth: number, measure: MeasureText, maxLines = 4): string[] {
  const clean = text.replace(/\s+/gu, ' ').trim();
  const lines: string[] = [];
  let line = '';
  for (const token of attachNoStart(breakTokens(clean))) {
    const pieces = measure(token) > maxWidth ? splitLongToken(token, maxWidth, measure) : [token];
    for (const piece of pieces) {
      if (line === '' && piece === ' ') continue;
      if (line !== '' && measure(line + piece) > maxWidth) {
        lines.push(line.trimEnd());
        line = piece === ' ' ? '' : piece;
      } else {
        line += piece;
      }
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] ?? '', maxWidth, measure);
  return kept;
}

function withEllipsis(line: string, maxWidth: number, measure: MeasureText): string {
  const chars = graphemes(line);
  while (chars.length > 0 && measure(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
