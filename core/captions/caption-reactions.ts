import type { CaptionCue, CaptionTrack } from './caption-track.js';

export type ReactionKind = 'laugh' | 'applause' | 'music' | 'other';

export interface CaptionReaction {
  /** When the tag shows: its word's time in a word-timed track, else its cue's start. */
  t: number;
  /** The tag as the caption writes it, brackets included: "[笑い]", "（笑）", "♪". */
  tag: string;
  kind: ReactionKind;
}

/**
 * Sound tags captions write, by label (compared case-blind, without brackets). Square brackets
 * with any other label are reactions of kind 'other' ("[歓声]"); round brackets count only with a
 * label listed here, since "(田中)" names a speaker. `bare` symbols count without brackets.
 */
const REACTION_TAGS: readonly { label: string; kind: ReactionKind; bare?: true }[] = [
  { label: '笑い', kind: 'laugh' },
  { label: '笑', kind: 'laugh' },
  { label: '爆笑', kind: 'laugh' },
  { label: 'laughter', kind: 'laugh' },
  { label: 'laughs', kind: 'laugh' },
  { label: '拍手', kind: 'applause' },
  { label: 'applause', kind: 'applause' },
  { label: '音楽', kind: 'music' },
  { label: 'music', kind: 'music' },
  { label: '♪', kind: 'music', bare: true },
  { label: '♫', kind: 'music', bare: true },
];

const KIND_OF = new Map(REACTION_TAGS.map((entry) => [entry.label, entry.kind]));
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BARE = REACTION_TAGS.filter((entry) => entry.bare).map((entry) => escapeRegExp(entry.label));
/**
 * `[…]` / `［…］` (group 1), `(…)` / `（…）` (group 2), or a run of bare symbols. Labels are short:
 * a bracketed sentence is an aside, not a sound tag.
 */
const TAG_PATTERN = new RegExp(`[[［]([^[\\]［］\\n]{1,24})[\\]］]|[(（]([^()（）\\n]{1,24})[)）]|(?:${BARE.join('|')})+`, 'gu');
/** A label needs a letter, digit or symbol from the table: YouTube writes "[ __ ]" for a bleeped word. */
const MEANINGFUL = new RegExp(`[\\p{L}\\p{N}${BARE.join('')}]`, 'u');

/** The sound tags in a track's captions, in time order, each tag once per cue. */
export function captionReactions(track: CaptionTrack): CaptionReaction[] {
  return track.cues.flatMap(cueReactions).sort((a, b) => a.t - b.t);
}

function cueReactions(cue: CaptionCue): CaptionReaction[] {
  const found = new Map<string, CaptionReaction>();
  for (const { tag, kind, index } of findReactionTags(cue.text)) {
    if (!found.has(tag)) found.set(tag, { t: timeAt(cue, index), tag, kind });
  }
  return [...found.values()];
}

/** A sound tag found in a text: where it starts, its exact length there, the tag trimmed and its kind. */
export interface ReactionTagMatch {
  index: number;
  length: number;
  tag: string;
  kind: ReactionKind;
}

/** Every sound tag in a text, in order (the telops restyle or remove them in place). */
export function findReactionTags(text: string): ReactionTagMatch[] {
  const matches: ReactionTagMatch[] = [];
  for (const match of text.matchAll(TAG_PATTERN)) {
    const tag = match[0].trim();
    const kind = kindOf(match[1], match[2], tag);
    if (kind !== undefined) matches.push({ index: match.index, length: match[0].length, tag, kind });
  }
  return matches;
}

function kindOf(square: string | undefined, round: string | undefined, whole: string): ReactionKind | undefined {
  const label = (square ?? round ?? whole[0] ?? '').trim().toLowerCase();
  if (!MEANINGFUL.test(label)) return undefined;
  const known = KIND_OF.get(label);
  if (round !== undefined) return known;
  return known ?? 'other';
}

/** The time of the word the text offset falls in (words are found in the text in order). */
function timeAt(cue: CaptionCue, offset: number): number {
  let t = cue.start;
  let cursor = 0;
  for (const word of cue.words ?? []) {
    const at = cue.text.indexOf(word.text, cursor);
    if (at === -1 || at > offset) break;
    t = word.t;
    cursor = at + word.text.length;
  }
  return t;
}
