import { expect } from 'vitest';
import type { CaptionTrack } from '../../core/captions/caption-track.js';

/** The error `run` throws; fails the test when it throws none. */
export function errorOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

/**
 * Asserts that `run` refuses its captions as SUBTITLES_UNREADABLE with a message that matches
 * `message` (a pattern, or a part of it) and never quotes the file (no `secret` in it).
 * `label` names the input in a failure.
 */
export function expectUnreadable(run: () => unknown, message: RegExp | string, label?: string): void {
  const error = errorOf(run);
  expect(error.code, label).toBe('SUBTITLES_UNREADABLE');
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain('secret');
}

/** Each cue as [start, end, text]. */
export const cueSpans = (track: CaptionTrack): [number, number, string][] => track.cues.map((c) => [c.start, c.end, c.text]);
