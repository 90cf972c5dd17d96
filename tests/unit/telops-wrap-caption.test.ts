import { describe, expect, it } from 'vitest';
import { breakTokens, wrapCaption } from '../../core/telops/wrap-caption.js';

// A monospace measure: every grapheme is 1 wide, CJK and emoji 2 wide, as in a terminal.
const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Extended_Pictographic}、。！？]/u;
const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const measure = (s: string): number => Array.from(seg.segment(s), (g) => (wide.test(g.segment) ? 2 : 1)).reduce((a, b) => a + b, 0);

describe('wrapCaption', () => {
  it('breaks Latin text at spaces', () => {
    expect(wrapCaption('the quick brown fox jumps over', 10, measure)).toEqual(['the quick', 'brown fox', 'jumps over']);
  });

  it('breaks Japanese between any two characters', () => {
    expect(wrapCaption('ここ草すぎて腹筋崩壊', 8, measure)).toEqual(['ここ草す', 'ぎて腹筋', '崩壊']);
  });

  it('never starts a line with closing punctuation (kinsoku)', () => {
    const lines = wrapCaption('神回確定。最高です', 8, measure);
    for (const line of lines) expect(line.startsWith('。')).toBe(false);
    expect(lines.join('')).toBe('神回確定。最高です');
  });

  it('keeps emoji ZWJ sequences whole', () => {
    const family = '👨‍👩‍👧';
    expect(breakTokens(`a${family}b`)).toEqual(['a', family, 'b']);
    const lines = wrapCaption(`${family}${family}${family}`, 4, measure);
    expect(lines.every((line) => line.length === 0 || line.includes(family))).toBe(true);
  });

  it('splits a word longer than the line', () => {
    expect(wrapCaption('aaaaaaaaaaaaaaa', 6, measure)).toEqual(['aaaaaa', 'aaaaaa', 'aaa']);
  });

  it('ends an overflow with an ellipsis', () => {
    const lines = wrapCaption('one two three four five six seven eight', 9, measure, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(measure(lines[1] ?? '')).toBeLessThanOrEqual(9);
  });

  it('mixes scripts: Latin words stay whole next to Japanese', () => {
    const lines = wrapCaption('草 perfect timing 草', 10, measure);
    expect(lines).toEqual(['草 perfect', 'timing 草']);
  });
});
