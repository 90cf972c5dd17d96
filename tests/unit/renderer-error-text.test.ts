import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import { errorText } from '../../renderer/src/api/error-text.js';

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
});
