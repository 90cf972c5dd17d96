import { describe, expect, it } from 'vitest';
import { captionSettings } from '../../core/cli/caption-options.js';
import { captionMode, captionsRecord } from '../../core/export/clip-telops.js';
import { telopStyle } from '../../core/telops/telop-style.js';

describe('--captions, --caption, --caption-style, --music-tags', () => {
  it('--caption top-comment is the older spelling of --captions top-comment', () => {
    expect(captionSettings({ caption: 'top-comment' })).toEqual({ captions: 'top-comment' });
    expect(captionSettings({ captions: 'both', caption: 'both' })).toEqual({ captions: 'both' });
    expect(captionSettings({})).toEqual({});
  });

  it('takes a known style and music option, and names what is wrong otherwise', () => {
    expect(captionSettings({ captions: 'speech', captionStyle: 'boxed', musicTags: 'note' })).toEqual({ captions: 'speech', captionStyle: 'boxed', musicTags: 'note' });
    expect(() => captionSettings({ captions: 'subtitles' })).toThrow(/--captions "subtitles" is not one of speech, top-comment, both, none/);
    expect(() => captionSettings({ caption: 'speach' })).toThrow(/--caption "speach"/);
    expect(() => captionSettings({ captions: 'speech', caption: 'top-comment' })).toThrow(/disagree/);
    expect(() => captionSettings({ captionStyle: 'comic' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => captionSettings({ musicTags: 'keep' })).toThrow(/--music-tags "keep" is not one of drop, note/);
  });
});

describe('what a clip records of its captions', () => {
  it('--fast draws none; --caption still means top-comment', () => {
    expect(captionMode({ captions: 'speech', fast: true })).toBe('none');
    expect(captionMode({ caption: 'top-comment' })).toBe('top-comment');
    expect(captionMode({})).toBe('none');
  });

  it('counts the telops of every part; the style only when telops are drawn', () => {
    const style = telopStyle('outline');
    const telop = { start: 0, end: 1, lines: ['a'] };
    expect(captionsRecord('none', undefined)).toBeUndefined();
    expect(captionsRecord('top-comment', undefined)).toEqual({ mode: 'top-comment', telops: 0 });
    expect(captionsRecord('speech', undefined)).toEqual({ mode: 'speech', telops: 0 });
    expect(captionsRecord('both', { style, parts: [[telop], [telop, telop]] })).toEqual({ mode: 'both', style: 'outline', telops: 3 });
  });
});
