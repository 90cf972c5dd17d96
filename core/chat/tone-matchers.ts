import type { ChatTone } from './chat-log.js';
import { foldChatText } from './fold-chat-text.js';

/** One tone's entries in chat-words.json (see its "about"); a list left out is empty. */
export interface ToneWords {
  anywhere?: string[];
  words?: string[];
  whole?: string[];
  emoji?: string[];
  patterns?: string[];
}

export type WordTone = Exclude<ChatTone, 'none'>;
export type ChatWords = Record<WordTone, ToneWords>;

/** A regex whose named groups are tones: the group that matched says which tone a match is. */
export interface ToneMatcher {
  regex: RegExp | undefined;
  tones: WordTone[];
}

export interface ToneMatchers {
  /** Message text (folded and trimmed) → tone, for the `whole` entries. */
  whole: Map<string, WordTone>;
  /** The longest `whole` entry: longer messages skip the trim and the look-up. */
  wholeMaxLength: number;
  floods: ToneMatcher;
  reactions: ToneMatcher;
  emoji: ToneMatcher;
}

/** Greetings, goodbyes and thanks come in floods that are not highlights; their words win over reactions. */
const FLOODS: readonly WordTone[] = ['greeting', 'goodbye', 'thanks'];
const REACTIONS: readonly WordTone[] = ['laugh', 'surprise', 'hype'];

/** Spaces, punctuation, symbols, ー and emoji around a message do not change what it says. */
const AROUND = '(?:[\\s\\p{P}\\p{S}\\p{Extended_Pictographic}\\u30fc]|\\ufe0f|\\u200d)+';
export const AROUND_WORDS = new RegExp(`^${AROUND}|${AROUND}$`, 'gu');
/** A Latin word is not inside a longer one: no letter or digit on either side. */
const WORD_START = '(?<![a-z0-9])';
const WORD_END = '(?![a-z0-9])';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function trimAroundWords(folded: string): string {
  return folded.replace(AROUND_WORDS, '');
}

function alternativesOf(words: ToneWords): string[] {
  return [
    ...(words.anywhere ?? []).map((w) => escapeRegex(foldChatText(w))),
    ...(words.words ?? []).map((w) => `${WORD_START}${escapeRegex(foldChatText(w))}${WORD_END}`),
    ...(words.patterns ?? []).map((p) => `(?:${p})`),
  ];
}

/** One regex for several tones, `(?<laugh>…)|(?<hype>…)`; the earliest match in a text wins. */
function matcherOf(tones: readonly WordTone[], entries: (tone: WordTone) => string[]): ToneMatcher {
  const used = tones.filter((tone) => entries(tone).length > 0);
  if (used.length === 0) return { regex: undefined, tones: [] };
  const source = used.map((tone) => `(?<${tone}>${entries(tone).join('|')})`).join('|');
  return { regex: new RegExp(source, 'u'), tones: used };
}

/** Compiles chat-words.json once: every entry folded the way message texts are. */
export function compileToneMatchers(words: ChatWords): ToneMatchers {
  const whole = new Map<string, WordTone>();
  for (const tone of [...FLOODS, ...REACTIONS]) {
    for (const entry of words[tone].whole ?? []) whole.set(trimAroundWords(foldChatText(entry)), tone);
  }
  return {
    whole,
    wholeMaxLength: Math.max(0, ...[...whole.keys()].map((k) => k.length)),
    floods: matcherOf(FLOODS, (tone) => alternativesOf(words[tone])),
    reactions: matcherOf(REACTIONS, (tone) => alternativesOf(words[tone])),
    emoji: matcherOf([...FLOODS, ...REACTIONS], (tone) => (words[tone].emoji ?? []).map(escapeRegex)),
  };
}

/** The tone of the earliest match in the text, if any. */
export function firstTone(matcher: ToneMatcher, text: string): WordTone | undefined {
  const groups = matcher.regex?.exec(text)?.groups;
  if (!groups) return undefined;
  return matcher.tones.find((tone) => groups[tone] !== undefined);
}
