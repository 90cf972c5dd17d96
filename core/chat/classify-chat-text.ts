import type { ChatTone } from './chat-log.js';
import chatWords from './chat-words.json' with { type: 'json' };
import { foldChatText } from './fold-chat-text.js';
import { compileToneMatchers, firstTone, trimAroundWords, type ChatWords } from './tone-matchers.js';

const MATCHERS = compileToneMatchers(chatWords as ChatWords);
/** Trimming what is around a message is only worth it when what is left can be a `whole` entry. */
const WHOLE_SLACK = 8;

/**
 * What a message's text means, from the word lists in chat-words.json. A greeting, goodbye or
 * thanks wins over a reaction: "おつかれww" at the end of a stream is part of the goodbye flood,
 * not a laugh at something. Among the rest the first word decides, and emoji only when no word
 * says anything ("えっ😂" is a surprise: the fixture's surprise burst is full of them).
 */
export function classifyChatText(text: string): ChatTone {
  const folded = foldChatText(text);
  if (folded.length <= MATCHERS.wholeMaxLength + WHOLE_SLACK) {
    const whole = MATCHERS.whole.get(trimAroundWords(folded));
    if (whole) return whole;
  }
  return firstTone(MATCHERS.floods, folded) ?? firstTone(MATCHERS.reactions, folded) ?? firstTone(MATCHERS.emoji, folded) ?? 'none';
}
