import { describe, expect, it } from 'vitest';
import { createApp } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';

/** A refused argument reaches the user as a sentence in their words, never a zod path (issue 15). */
describe('refused arguments in words', () => {
  const app = createApp({ configDir: '/nonexistent-kirinuki-config', host: { kind: 'browser' }, defaultOutputDir: '/nonexistent-kirinuki-projects', env: {} });
  const call = (name: 'exportClips' | 'editMoment' | 'openSource', args: unknown) => dispatchCall(app.service, app.jobs, name, args);
  const message = async (name: 'exportClips' | 'editMoment' | 'openSource', args: unknown) => {
    const outcome = await call(name, args);
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.error.code).toBe('INVALID_ARGUMENT');
    return outcome.error.message;
  };

  it('names the field as the UI does and says what is wrong', async () => {
    const exportArgs = { videoId: 'abc', preset: 'shorts', crop: 'center', perPerson: false, personIds: [], caption: 'none' };
    const tooShort = await message('exportClips', { ...exportArgs, maxLengthS: 0 });
    expect(tooShort).toBe('The longest clip length (seconds) must be at least 1.');
    expect(await message('editMoment', { videoId: 'abc', rank: 1, start: 9, end: 4 })).toBe('The in point must be before the out point.');
    expect(await message('openSource', { source: '   ' })).toBe('The link or path cannot be empty.');
    for (const text of [tooShort]) {
      expect(text).not.toMatch(/exportClips|maxLengthS|Too small|expected/);
    }
  });
});
