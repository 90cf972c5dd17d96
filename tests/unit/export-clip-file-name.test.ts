import { describe, expect, it } from 'vitest';
import { clipFileName } from '../../core/export/clip-file-name.js';
import { sanitizeFileName, truncateUtf8 } from '../../core/fs/sanitize-file-name.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('sanitizeFileName', () => {
  it.each([
    ['a/b\\c', 'a b c'],
    ['what? <really> "yes" | no: *', 'what really yes no'],
    ['tab\there\nnew\u0000line\u007f', 'tab here new line'],
    ['trailing dots...', 'trailing dots'],
    ['  spaces and dots . . ', 'spaces and dots'],
    ['.hidden', 'hidden'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1', '_com1'],
    ['LPT9', '_LPT9'],
    ['console', 'console'],
    ['', 'video'],
    ['///', 'video'],
    ['コラボ配信 ハイライト', 'コラボ配信 ハイライト'],
    ['草😂🔥', '草😂🔥'],
    ['evil\u202eexe.mp4', 'evilexe.mp4'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('composes decomposed kana (NFC) so the same title gives the same name everywhere', () => {
    expect(sanitizeFileName('か\u3099')).toBe('が');
  });
});

describe('truncateUtf8', () => {
  it('never splits a multi-byte character or an emoji', () => {
    expect(truncateUtf8('あいう', 7)).toBe('あい');
    expect(truncateUtf8('a😂b', 4)).toBe('a');
    expect(truncateUtf8('a😂b', 5)).toBe('a😂');
  });
});

describe('clipFileName', () => {
  it('is title, rank and preset', () => {
    expect(clipFileName({ title: 'My stream: part 2/3', rank: 1, preset: 'shorts' })).toBe('My stream part 2 3 - 01 (shorts).mp4');
  });

  it('adds the person when given', () => {
    expect(clipFileName({ title: 'Show', rank: 12, person: 'person-2', preset: 'reels' })).toBe('Show - person-2 - 12 (reels).mp4');
  });

  it('bounds a very long Japanese title in bytes and keeps rank and extension', () => {
    const name = clipFileName({ title: '長い配信タイトル'.repeat(40), rank: 3, preset: 'shorts' });
    expect(bytes(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith(' - 03 (shorts).mp4')).toBe(true);
    expect(name.startsWith('長い配信タイトル')).toBe(true);
  });

  it('a reserved title still gives a usable name', () => {
    expect(clipFileName({ title: 'aux', rank: 1 })).toBe('_aux - 01.mp4');
  });
});
