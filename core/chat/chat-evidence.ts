import { CHAT_KINDS, CHAT_TONES, type ChatLog, type ReactionTone } from './chat-log.js';

/** What the chat said during a moment (`moments[].signals.chat`). */
export interface ChatEvidence {
  messages: number;
  chatters: number;
  /** Messages that laugh, gasp or cheer. */
  reactions: number;
  kind: ReactionTone;
  /** The most repeated reaction and super-chat texts, most repeated first. */
  topMessages: { text: string; count: number }[];
}

const TOP_MESSAGES = 5;
const REACTION_TONE_INDEXES = new Set(['laugh', 'surprise', 'hype'].map((tone) => CHAT_TONES.indexOf(tone as ReactionTone)));
const PAID = CHAT_KINDS.indexOf('paid');

/** The first row at or after a time (rows are in time order). */
function firstRowAt(log: ChatLog, ms: number): number {
  let low = 0;
  let high = log.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (log.timeMs[middle]! < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

function topTexts(counts: Map<number, number>, texts: readonly string[]): ChatEvidence['topMessages'] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP_MESSAGES)
    .map(([id, count]) => ({ text: texts[id]!, count }));
}

/** The chat between two chat-time seconds, summed up as a moment's evidence. */
export function chatEvidence(log: ChatLog, fromS: number, toS: number, kind: ReactionTone): ChatEvidence {
  const chatters = new Set<number>();
  const textCounts = new Map<number, number>();
  let messages = 0;
  let reactions = 0;
  for (let i = firstRowAt(log, fromS * 1000); i < log.count && log.timeMs[i]! <= toS * 1000; i += 1) {
    messages += 1;
    if (log.author[i]! >= 0) chatters.add(log.author[i]!);
    const reacting = REACTION_TONE_INDEXES.has(log.tone[i]!);
    if (reacting) reactions += 1;
    const textId = log.textId[i]!;
    if (textId >= 0 && (reacting || log.kind[i] === PAID)) textCounts.set(textId, (textCounts.get(textId) ?? 0) + 1);
  }
  return { messages, chatters: chatters.size, reactions, kind, topMessages: topTexts(textCounts, log.texts) };
}
