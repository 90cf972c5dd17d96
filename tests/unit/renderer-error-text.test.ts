import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import { appWords, errorText } from '../../renderer/src/api/error-text.js';

/** What renderer/src/api/call.ts throws for a failed outcome. */
class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('errors in the UI', () => {
  it('gives every code the core can raise its own next step', () => {
    const internal = errorText(new CallError('INTERNAL', 'x')).next;
    for (const code of ERROR_CODES) {
      const text = errorText(new CallError(code, 'The file /tmp/a.mp4 has no video stream'));
      expect(text.code).toBe(code);
      expect(text.sentence).toBe('The file /tmp/a.mp4 has no video stream.');
      if (code !== 'INTERNAL') expect(text.next, code).not.toBe(internal);
      expect(text.next.length, code).toBeGreaterThan(20);
    }
  });

  it('never shows a stack, only the message', () => {
    const error = new Error('boom');
    expect(errorText(error)).toEqual({ code: 'INTERNAL', sentence: 'boom.', next: errorText(new CallError('INTERNAL', 'x')).next });
  });

  it('says a scheduled time that has passed on the user\'s clock, without --at (issue 17)', () => {
    const at = '2026-12-01T09:00:00+09:00';
    const past = errorText(new CallError('INVALID_ARGUMENT', `--at ${at} is in the past; give a time in the future to schedule the clip.`));
    const shown = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(past.sentence).toBe(`The scheduled time ${shown} has already passed; pick a later time, or clear Schedule to publish now.`);
  });

  it('speaks the app\'s words: no yt-dlp output, no CLI flags (issue 15)', () => {
    const network = errorText(new CallError('NETWORK', 'https://www.youtube.com/watch?v=x could not be reached: check the internet connection and run again. (yt-dlp: ERROR: [youtube] x: Unable to download webpage: <urlopen error [Errno -3] Temporary failure in name resolution> (caused by TransportError(gaierror(-3)))'));
    expect(network.sentence).toBe('https://www.youtube.com/watch?v=x could not be reached: check the internet connection and run again.');
    const key = errorText(new CallError('API_KEY_MISSING', 'No YouTube Data API key: set YOUTUBE_API_KEY, or pass an offline source (.info.json or --comments FILE).'));
    expect(key.sentence).toBe('No YouTube Data API key: add one in Settings, or open a yt-dlp .info.json or a saved comments file.');
    expect(appWords('--max-length 90 is longer than shorts allows (60 s).')).toBe('A longest clip length of 90 s is longer than shorts allows (60 s).');
    expect(appWords('No live-chat replay beside /v/a.mp4 (yt-dlp names it "<name>.live_chat.json"; or pass --chat FILE): moments come from the other signals.')).not.toContain('--');
    for (const code of ['SUBTITLES_UNREADABLE', 'CHAT_UNREADABLE', 'VIDEO_MISMATCH']) expect(errorText(new CallError(code, 'x')).next, code).not.toMatch(/--[a-z]/);
  });
});

