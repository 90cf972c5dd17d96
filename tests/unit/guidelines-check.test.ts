import { describe, expect, it } from 'vitest';
import { checkAvailability, checkCredit, checkWait } from '../../core/guidelines/check-source.js';
import { checkShare, coveredSeconds } from '../../core/guidelines/check-share.js';
import { checkTitleWords } from '../../core/guidelines/check-title-words.js';
import { guidelineClipCap } from '../../core/guidelines/clip-length-cap.js';
import type { GuidelinesProfile } from '../../core/guidelines/guidelines-profile.js';
import { commentSetFromInfoJson } from '../../core/youtube/read-info-json.js';
import type { VideoMeta } from '../../core/youtube/types.js';
import { errorOf } from '../helpers/caption-asserts.js';

const PROFILE: GuidelinesProfile = {
  name: 'strict',
  refuse: ['members_only', 'paid', 'private', 'unlisted', 'needs_auth'],
  maxClipS: 60,
  maxShare: 0.2,
  minHoursAfter: 12,
  credit: ['title', 'url', 'channel'],
  bannedTitleWords: ['公式', 'Official'],
};
const VIDEO: VideoMeta = { id: 'dQ4wT9xYz0A', title: '歌枠', durationS: 600, channelTitle: 'ch', availability: 'public', publishedAt: '2026-12-01T00:00:00Z' };
const NOW = new Date('2026-12-07T12:00:00Z');

describe('guidelines checks', () => {
  it('refuses each kind of source with its own code, a sentence naming the rule, the profile and the value', () => {
    const cases = [
      ['members_only', 'GUIDELINE_MEMBERS_ONLY', 'members-only'],
      ['paid', 'GUIDELINE_PAID', 'paid'],
      ['private', 'GUIDELINE_PRIVATE', 'private'],
      ['unlisted', 'GUIDELINE_UNLISTED', 'unlisted'],
      ['needs_auth', 'GUIDELINE_NEEDS_AUTH', 'sign-in only'],
    ] as const;
    for (const [availability, code, words] of cases) {
      const error = errorOf(() => checkAvailability(PROFILE, { ...VIDEO, availability }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(new RegExp(`^Guideline "refuse" of profile "strict" refuses ${words.replace(/[()]/g, '.')}`));
      expect(error.message).toContain('dQ4wT9xYz0A');
      expect(error.message.match(/\. /g)).toBeNull(); // one sentence
    }
    expect(checkAvailability(PROFILE, VIDEO)).toEqual([]);
    expect(checkAvailability({ name: 'open', refuse: ['members_only'] }, { ...VIDEO, availability: 'unlisted' })).toEqual([]);
    // the source did not say: a note, not a refusal
    const notes = checkAvailability(PROFILE, { ...VIDEO, availability: undefined });
    expect(notes[0]?.code).toBe('GUIDELINE_UNCHECKED');
  });

  it('GUIDELINE_TOO_SOON counts from the stream\'s end, else the publication; a bare date from its day\'s end', () => {
    const ended = { ...VIDEO, liveEndedAt: '2026-12-07T05:00:00Z' };
    const error = errorOf(() => checkWait(PROFILE, ended, NOW));
    expect(error.code).toBe('GUIDELINE_TOO_SOON');
    expect(error.message).toBe('Guideline "minHoursAfter" of profile "strict" asks to wait 12 h after the stream ended (2026-12-07T05:00:00Z) of video dQ4wT9xYz0A ("歌枠"), and only 7.0 h have passed: clip it after 2026-12-07T17:00:00.000Z.');
    expect(checkWait(PROFILE, { ...VIDEO, liveEndedAt: '2026-12-06T23:59:00Z' }, NOW)).toEqual([]);
    expect(errorOf(() => checkWait(PROFILE, { ...VIDEO, publishedAt: '2026-12-07' }, NOW)).code).toBe('GUIDELINE_TOO_SOON');
    expect(checkWait(PROFILE, { ...VIDEO, publishedAt: '2026-12-06' }, NOW)).toEqual([]);
    expect(checkWait(PROFILE, { ...VIDEO, publishedAt: undefined }, NOW)[0]?.code).toBe('GUIDELINE_UNCHECKED');
  });

  it('GUIDELINE_SHARE counts every export of the source, overlaps once', () => {
    expect(coveredSeconds([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 30, end: 31 }])).toBe(21);
    expect(() => checkShare(PROFILE, VIDEO, { planned: [{ start: 0, end: 60 }], exported: [{ start: 30, end: 120 }] })).not.toThrow();
    const error = errorOf(() => checkShare(PROFILE, VIDEO, { planned: [{ start: 0, end: 60 }], exported: [{ start: 100, end: 170 }] }));
    expect(error.code).toBe('GUIDELINE_SHARE');
    expect(error.message).toContain('allows 20 % of video dQ4wT9xYz0A to be clipped, and this export would bring it to 21.7 % (130.0 of 600.0 s, 70.0 s of it from earlier exports)');
  });

  it('GUIDELINE_BANNED_WORD in any width or case', () => {
    const error = errorOf(() => checkTitleWords(PROFILE, [{ clip: 'a.mp4', title: 'fine' }, { clip: 'b.mp4', title: 'ＯＦＦＩＣＩＡＬ clip' }]));
    expect(error.code).toBe('GUIDELINE_BANNED_WORD');
    expect(error.message).toContain('bans "Official", which the title of b.mp4 ("ＯＦＦＩＣＩＡＬ clip") holds');
    expect(() => checkTitleWords(PROFILE, [{ clip: 'a.mp4', title: '切り抜き' }])).not.toThrow();
  });

  it('GUIDELINE_CREDIT when the profile needs a field the source cannot give', () => {
    expect(() => checkCredit(PROFILE, VIDEO, true)).not.toThrow();
    expect(errorOf(() => checkCredit(PROFILE, VIDEO, false)).message).toContain('needs the url');
    expect(errorOf(() => checkCredit(PROFILE, { ...VIDEO, channelTitle: undefined }, true)).code).toBe('GUIDELINE_CREDIT');
  });

  it('maxClipS clamps the cap with a GUIDELINE_CLIP_TOO_LONG note instead of refusing', () => {
    expect(guidelineClipCap(PROFILE, { maxLength: 90, presetMaxS: 60 })).toEqual({
      maxLength: 60,
      note: { code: 'GUIDELINE_CLIP_TOO_LONG', message: 'Guideline "maxClipS" of profile "strict" allows clips of 60 s at most, so the 90 s cap was lowered to 60 s.' },
    });
    expect(guidelineClipCap({ ...PROFILE, maxClipS: 30 }, { presetMaxS: 60 }).maxLength).toBe(30);
    expect(guidelineClipCap(PROFILE, { maxLength: 20, presetMaxS: 60 })).toEqual({ maxLength: 20 });
  });

  it('reads availability and times from yt-dlp\'s info JSON', () => {
    const info = (extra: object) => commentSetFromInfoJson({ id: 'dQ4wT9xYz0A', title: 't', duration: 3600, comments: [], ...extra }, 'x.info.json').video;
    expect(info({ availability: 'subscriber_only' }).availability).toBe('members_only');
    expect(info({ availability: 'premium_only' }).availability).toBe('paid');
    expect(info({ availability: 'public' }).availability).toBe('public');
    expect(info({ availability: 'something_new' }).availability).toBeUndefined();
    const stream = info({ release_timestamp: 1_796_000_000, was_live: true, live_status: 'was_live' });
    expect(stream.publishedAt).toBe(new Date(1_796_000_000_000).toISOString());
    expect(stream.liveEndedAt).toBe(new Date((1_796_000_000 + 3600) * 1000).toISOString());
    expect(info({ timestamp: 1_796_000_000, upload_date: '20261208' }).liveEndedAt).toBeUndefined();
  });
});
