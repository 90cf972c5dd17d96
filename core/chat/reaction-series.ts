import { CHAT_KINDS, CHAT_TONES, type ChatLog, type ReactionTone } from './chat-log.js';

export const REACTION_TONES: readonly ReactionTone[] = ['laugh', 'surprise', 'hype'];

/**
 * An author counts once per this many seconds in a series: a viewer repeating 草 or a bot
 * posting every second is one voice, a hundred viewers typing 草 at once are a hundred.
 */
export const REPEAT_S = 10;

/** Per-second counts of a chat, in chat time (before the lag is taken off). */
export interface ChatSeries {
  seconds: number;
  /** Fresh reacting chatters per second, all reaction tones together. */
  reactors: Float64Array;
  /** The same per reaction tone. */
  byTone: Record<ReactionTone, Float64Array>;
  /** Fresh chatters greeting, saying goodbye or thanking, and paid / membership / gift items. */
  noise: Float64Array;
  /** Every message. */
  messages: Float64Array;
}

const TONE_INDEX = Object.fromEntries(CHAT_TONES.map((tone, i) => [tone, i])) as Record<(typeof CHAT_TONES)[number], number>;
const NOISE_TONES = new Set([TONE_INDEX.greeting, TONE_INDEX.goodbye, TONE_INDEX.thanks]);
const NOISE_KINDS = new Set(['paid', 'sticker', 'membership', 'gift'].map((kind) => CHAT_KINDS.indexOf(kind as (typeof CHAT_KINDS)[number])));
const REACTION_INDEX = new Map(REACTION_TONES.map((tone) => [TONE_INDEX[tone], tone]));

/** Counts an author at most once per REPEAT_S in one series. */
class FreshAuthors {
  private readonly last = new Map<number, number>();

  isFresh(author: number, t: number): boolean {
    if (author < 0) return true;
    const previous = this.last.get(author);
    if (previous !== undefined && t - previous < REPEAT_S) return false;
    this.last.set(author, t);
    return true;
  }
}

/** The per-second series of a chat read with readChatLog (its rows are in time order). */
export function chatSeries(log: ChatLog, durationS: number): ChatSeries {
  const seconds = Math.max(1, Math.ceil(Math.max(durationS, log.count > 0 ? log.timeMs[log.count - 1]! / 1000 + 1 : 0)));
  const series: ChatSeries = {
    seconds,
    reactors: new Float64Array(seconds),
    byTone: { laugh: new Float64Array(seconds), surprise: new Float64Array(seconds), hype: new Float64Array(seconds) },
    noise: new Float64Array(seconds),
    messages: new Float64Array(seconds),
  };
  const reacting = new FreshAuthors();
  const noisy = new FreshAuthors();
  for (let i = 0; i < log.count; i += 1) {
    const t = log.timeMs[i]! / 1000;
    const second = Math.min(seconds - 1, Math.max(0, Math.floor(t)));
    series.messages[second]! += 1;
    const author = log.author[i]!;
    const reaction = REACTION_INDEX.get(log.tone[i]!);
    if (NOISE_KINDS.has(log.kind[i]!) || NOISE_TONES.has(log.tone[i]!)) {
      if (noisy.isFresh(author, t)) series.noise[second]! += 1;
    } else if (reaction !== undefined && reacting.isFresh(author, t)) {
      series.reactors[second]! += 1;
      series.byTone[reaction][second]! += 1;
    }
  }
  return series;
}
