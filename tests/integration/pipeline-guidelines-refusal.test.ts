import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runClips } from '../../core/pipeline/run-clips.js';
import { makeThreads, startFakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { fakeYtDlpCalls, fakeYtDlpEnv, useFakeYtDlpEnv, type FakeYtDlpMode } from '../helpers/fake-ytdlp.js';

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

describe('a guidelines profile through the Data API', () => {
  it('a stream that ended 2 h ago is refused with GUIDELINE_TOO_SOON after videos.list alone: no comment page, no yt-dlp call', async () => {
    const LIVE = 'recentLive2';
    const ended = new Date(Date.now() - 2 * 3600_000).toISOString();
    const api = await startFakeYoutubeApi({ videos: [{ id: LIVE, title: 'Live stream', duration: 'PT38S', threads: makeThreads(LIVE, [{ text: '0:04 草', likes: 3 }]), channelTitle: 'Live Channel', actualEndTime: ended }] });
    try {
      const env = fakeYtDlpEnv(join(dir, 'api'), 'ok');
      restore = useFakeYtDlpEnv({ ...env, YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey });
      const root = join(dir, 'api-root');
      const wait = { name: 'wait rules', minHoursAfter: 12 };
      await expect(runClips(LIVE, { root, signals: ['comments', 'chat'], clips: { preset: 'shorts', guidelines: wait } })).rejects.toMatchObject({
        code: 'GUIDELINE_TOO_SOON',
        message: expect.stringContaining(`Guideline "minHoursAfter" of profile "wait rules" asks to wait 12 h after the stream ended (${ended})`),
      });
      expect(api.countOf('videos')).toBe(1);
      expect(api.countOf('commentThreads')).toBe(0);
      expect(fakeYtDlpCalls(env.FAKE_YTDLP_CALLS)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
