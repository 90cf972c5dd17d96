import { describe, expect, it } from 'vitest';
import { chatRunsText } from '../../core/chat/chat-runs.js';
import { StringIndex } from '../../core/chat/string-index.js';
import { MAX_TEXT_LENGTH, TextPool } from '../../core/chat/text-pool.js';
import { clap, joy, kusa } from './chat-lines.js';

describe('a message text from its runs', () => {
  it('joins texts as they are, a standard emoji as its character and a custom one as its shortcut', () => {
    expect(chatRunsText([{ text: '草生える' }, joy])).toBe('草生える😂');
    expect(chatRunsText([kusa, kusa, { text: ' www' }])).toBe(':_kusa::_kusa: www');
    expect(chatRunsText([clap])).toBe('👏');
  });

  it('knows a custom emoji by its channel-path id when the flag is missing, and falls back to its search term', () => {
    expect(chatRunsText([{ emoji: { emojiId: 'UCabc/def', shortcuts: [':_oha:'] } }])).toBe(':_oha:');
    expect(chatRunsText([{ emoji: { emojiId: 'UCabc/def', searchTerms: ['_kusa'], isCustomEmoji: true } }])).toBe(':_kusa:');
  });

  it('gives an empty text for a message without runs', () => {
    expect(chatRunsText(undefined)).toBe('');
    expect(chatRunsText([{}, null])).toBe('');
  });
});

describe('the string index of message and channel ids', () => {
  it('gives back what it was given, across growth, and -1 for an unknown key', () => {
    const index = new StringIndex();
    for (let i = 0; i < 20_000; i += 1) expect(index.getOrSet(`ChwKGkNJ-message-${i}`, i)).toBe(-1);
    expect(index.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 997) expect(index.get(`ChwKGkNJ-message-${i}`)).toBe(i);
    expect(index.getOrSet('ChwKGkNJ-message-5', 99)).toBe(5);
    expect(index.get('ChwKGkNJ-message-20000')).toBe(-1);
  });
});

describe('the kept texts', () => {
  it('keeps each text once, cut to its maximum length, and stops taking new ones when full', () => {
    const pool = new TextPool(2);
    expect(pool.idOf('草')).toBe(0);
    expect(pool.idOf('www')).toBe(1);
    expect(pool.idOf('草')).toBe(0);
    expect(pool.idOf('8888')).toBe(-1);
    const long = new TextPool();
    long.idOf('あ'.repeat(MAX_TEXT_LENGTH - 1) + '😂');
    expect(long.texts[0]).toBe('あ'.repeat(MAX_TEXT_LENGTH - 1));
  });
});
