import { describe, expect, it } from 'vitest';
import { captionReactions } from '../../core/captions/caption-reactions.js';
import type { CaptionCue, CaptionTrack } from '../../core/captions/caption-track.js';

const track = (...texts: string[]): CaptionTrack => ({
  wordTimed: false,
  cues: texts.map((text, i): CaptionCue => ({ start: i * 10, end: i * 10 + 5, text })),
});
const tagsOf = (...texts: string[]) => captionReactions(track(...texts)).map(({ tag, kind }) => [tag, kind]);

describe('captionReactions', () => {
  it('finds the tags auto-captions and subtitles write, in ASCII and full-width brackets', () => {
    expect(tagsOf('[笑い]', '[拍手]', '[音楽]', '[Laughter]', '[Applause]', '[Music]')).toEqual([
      ['[笑い]', 'laugh'], ['[拍手]', 'applause'], ['[音楽]', 'music'], ['[Laughter]', 'laugh'], ['[Applause]', 'applause'], ['[Music]', 'music'],
    ]);
    expect(tagsOf('そうなんだ(笑)', 'そうなんだ（笑）', '［拍手］', '[ laughter ]', '[MUSIC]')).toEqual([
      ['(笑)', 'laugh'], ['（笑）', 'laugh'], ['［拍手］', 'applause'], ['[ laughter ]', 'laugh'], ['[MUSIC]', 'music'],
    ]);
  });

  it('counts ♪ without brackets, once per cue', () => {
    expect(tagsOf('♪ 君の名前を ♪', '♪♪～')).toEqual([['♪', 'music'], ['♪♪', 'music']]);
  });

  it("gives other square-bracketed labels kind 'other', but not YouTube's [ __ ] for a bleeped word", () => {
    expect(tagsOf('[歓声]', '［どよめき］', 'what the [ __ ]', '[]')).toEqual([['[歓声]', 'other'], ['［どよめき］', 'other']]);
  });

  it('ignores round brackets around anything but a known tag, and bracketed sentences', () => {
    expect(tagsOf('(田中) そうですね', '（ナレーション）', '[this is a whole sentence in brackets, not a sound tag]')).toEqual([]);
  });

  it("times a tag by its word in a word-timed track, else by its cue's start", () => {
    const timed: CaptionTrack = {
      wordTimed: true,
      cues: [{
        start: 34.4,
        end: 37.6,
        text: '最後にひとこと[拍手] [笑い]',
        words: [{ t: 34.4, text: '最後に' }, { t: 35.147, text: 'ひとこと' }, { t: 35.893, text: '[拍手]' }, { t: 36.5, text: '[笑い]' }],
      }],
    };
    expect(captionReactions(timed)).toEqual([
      { t: 35.893, tag: '[拍手]', kind: 'applause' },
      { t: 36.5, tag: '[笑い]', kind: 'laugh' },
    ]);
    expect(captionReactions(track('', 'a [拍手] b'))).toEqual([{ t: 10, tag: '[拍手]', kind: 'applause' }]);
  });

  it('returns the reactions in time order across cues', () => {
    const unsorted: CaptionTrack = { wordTimed: false, cues: [{ start: 9, end: 10, text: '[笑い]' }, { start: 2, end: 3, text: '[拍手]' }] };
    expect(captionReactions(unsorted).map((r) => r.t)).toEqual([2, 9]);
  });
});
