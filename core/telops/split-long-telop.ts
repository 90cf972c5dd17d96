import { MAX_TELOP_LINES } from './telop-band.js';
import { joinTelopText } from './join-telop-text.js';
import type { TelopDraft } from './telop-draft.js';
import { fitsTelop, telopLines, type TelopTextLayout } from './telop-text-layout.js';

/**
 * Where untimed text is best cut, best first: after a sentence, then after a clause. Latin
 * punctuation counts only before a space ("3.5" is no sentence end).
 */
const CUT_AFTER = [/(?<=[。！？])\s*|(?<=[.!?])\s+/u, /(?<=[、，])\s*|(?<=[,;])\s+/u];
/** A word ending a sentence or clause: the best place to cut timed text. */
const CLAUSE_END = /[。！？、，.!?,;]$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCount = (text: string): number => Array.from(graphemes.segment(text)).length;

/**
 * A draft too long for two lines as several telops, one after the other. Timed drafts are cut
 * at word boundaries and each part keeps its words' times; untimed ones are cut at sentence or
 * clause ends where they can be, else after every two drawn lines, and share the cue's time by length.
 */
export function splitLongTelop(draft: TelopDraft, layout: TelopTextLayout): TelopDraft[] {
  if (draft.reaction || fitsTelop(draft.text, layout)) return [draft];
  if (draft.words && draft.words.length > 1) return splitAtWords(draft, draft.words, layout);
  return splitAtLines(draft, layout);
}

function splitAtWords(draft: TelopDraft, words: NonNullable<TelopDraft['words']>, layout: TelopTextLayout): TelopDraft[] {
  const offset = (index: number): number => (index === 0 ? 0 : index >= words.length ? draft.text.length : words[index]!.at);
  const endsClause = (index: number): boolean => CLAUSE_END.test(draft.text.slice(offset(index - 1), offset(index)).trimEnd());
  const cuts = [0];
  for (let k = 1; k < words.length; k += 1) {
    const first = cuts.at(-1)!;
    if (fitsTelop(draft.text.slice(offset(first), offset(k + 1)), layout)) continue;
    // the latest clause end in the second half of the part, else right before the word that overflowed
    let cut = k;
    for (let j = k; j > first + (k - first) / 2; j -= 1) {
      if (endsClause(j)) {
        cut = j;
        break;
      }
    }
    cuts.push(cut);
    k = cut;
  }
  return cuts.map((first, i) => {
    const last = cuts[i + 1] ?? words.length;
    const raw = draft.text.slice(offset(first), offset(last));
    const lead = raw.length - raw.trimStart().length;
    const base = offset(first) + lead;
    return {
      start: first === 0 ? draft.start : words[first]!.t,
      end: last === words.length ? draft.end : words[last]!.t,
      text: raw.trim(),
      words: words.slice(first, last).map((word) => ({ ...word, at: word.at - base })),
    };
  });
}

function splitAtLines(draft: TelopDraft, layout: TelopTextLayout): TelopDraft[] {
  const parts = splitText(draft.text, layout, 0);
  const lengths = parts.map(graphemeCount);
  const total = lengths.reduce((sum, length) => sum + length, 0);
  let start = draft.start;
  return parts.map((text, i) => {
    const end = i === parts.length - 1 ? draft.end : start + ((draft.end - draft.start) * lengths[i]!) / total;
    const piece = { start, end, text };
    start = end;
    return piece;
  });
}

/** Text in pieces that fit two lines: cut at sentences, then clauses, then after every two drawn lines. */
function splitText(text: string, layout: TelopTextLayout, level: number): string[] {
  if (fitsTelop(text, layout)) return [text];
  const pattern = CUT_AFTER[level];
  if (!pattern) return lineChunks(text, layout);
  const pieces = text.split(pattern).filter((piece) => piece.trim() !== '');
  if (pieces.length < 2) return splitText(text, layout, level + 1);
  return packed(pieces, layout).flatMap((piece) => splitText(piece, layout, level + 1));
}

/** Consecutive pieces joined while they still fit two lines. */
function packed(pieces: readonly string[], layout: TelopTextLayout): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    const joined = last === undefined ? undefined : joinTelopText(last, piece);
    if (joined !== undefined && fitsTelop(joined, layout)) out[out.length - 1] = joined;
    else out.push(piece.trim());
  }
  return out;
}

function lineChunks(text: string, layout: TelopTextLayout): string[] {
  const lines = telopLines(text, layout);
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += MAX_TELOP_LINES) chunks.push(lines.slice(i, i + MAX_TELOP_LINES).join('\n'));
  return chunks;
}
