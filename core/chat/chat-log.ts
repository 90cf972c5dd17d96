/** What a chat message is, by its renderer. */
export const CHAT_KINDS = ['text', 'paid', 'sticker', 'membership', 'gift', 'system'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/**
 * What a message's words or emoji mean. The first three are reactions (they can make a moment);
 * the others are floods that are not highlights (greetings, goodbyes, thanks for super chats
 * and gifts).
 */
export const CHAT_TONES = ['none', 'laugh', 'surprise', 'hype', 'greeting', 'goodbye', 'thanks'] as const;
export type ChatTone = (typeof CHAT_TONES)[number];
export type ReactionTone = 'laugh' | 'surprise' | 'hype';

/**
 * A live-chat replay, read once and kept as columns so a 3-hour chat (500 000 messages) stays a
 * few megabytes: row i is one message that was not deleted, in time order.
 */
export interface ChatLog {
  count: number;
  /** Video offset of each message, in milliseconds. */
  timeMs: Float64Array;
  /** Index of the message's author among the distinct chatters (-1 for system messages). */
  author: Int32Array;
  /** Index into CHAT_KINDS. */
  kind: Uint8Array;
  /** Index into CHAT_TONES. */
  tone: Uint8Array;
  /** Index into `texts` for messages whose text is kept (reactions and super chats), else -1. */
  textId: Int32Array;
  /** Distinct message texts kept (bounded: past the cap new texts get -1). */
  texts: string[];
  /** Distinct chatters. */
  authors: number;
  /** What the reader met besides kept messages. */
  totals: ChatTotals;
}

export interface ChatTotals {
  /** Lines read (every line of the file, including unreadable and blank ones). */
  lines: number;
  /**
   * Messages later removed by markChatItemAsDeletedAction, or by markChatItemsByAuthorAsDeletedAction
   * (a ban or time-out clears what the author wrote until then); not in the columns.
   */
  deleted: number;
  /** Ticker items skipped (they repeat a super chat already counted). */
  tickers: number;
  /** Lines that were not JSON or not a chat action (a truncated last line among them). */
  unreadable: number;
  /** True when the last line was cut off (a download that stopped). */
  truncated: boolean;
}
