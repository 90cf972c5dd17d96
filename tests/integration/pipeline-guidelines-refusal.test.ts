import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runClips } from '../../core/pipeline/run-clips.js';
import { fakeYtDlpEnv, useFakeYtDlpEnv, type FakeYtDlpMode } from '../helpers/fake-ytdlp.js';

const VIDEO = 'dQ4wT9xYz0A';
const profile = { name: 'test rules', refuse: ['members_only' as const, 'private' as const] };

let dir: string;
let restore: (() => void) | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-guidelines-refusal-'));
});
afterEach(() => {
  restore?.();
  restore = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a guidelines profile when yt-dlp cannot read the video at all (no Data API key)', () => {
  it.each([
    ['members-only', 'GUIDELINE_MEMBERS_ONLY', 'refuses members-only videos'],
    ['private', 'GUIDELINE_PRIVATE', 'refuses private videos'],
  ] as const)('yt-dlp refusing a %s video is the profile\'s %s', async (mode: FakeYtDlpMode, code, words) => {
    restore = useFakeYtDlpEnv({ ...fakeYtDlpEnv(dir, mode), YOUTUBE_API_KEY: undefined });
    const root = join(dir, mode);
    await expect(runClips(VIDEO, { root, clips: { preset: 'shorts', guidelines: profile } })).rejects.toMatchObject({
      code,
      message: expect.stringContaining(`Guideline "refuse" of profile "test rules" ${words}, and video ${VIDEO}`),
    });
    expect(existsSync(join(root, VIDEO, 'clips'))).toBe(false);
  });

  it('without a profile the same failure stays VIDEO_UNAVAILABLE', async () => {
    restore = useFakeYtDlpEnv({ ...fakeYtDlpEnv(dir, 'members-only'), YOUTUBE_API_KEY: undefined });
    await expect(runClips(VIDEO, { root: join(dir, 'plain'), clips: { preset: 'shorts' } })).rejects.toMatchObject({ code: 'VIDEO_UNAVAILABLE' });
  });
});
