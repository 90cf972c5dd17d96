import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedMedia } from '../helpers/shared-media.js';

const videos = fakeChannelVideos([
  { id: 'panelVid001', title: 'パネル トーク【第1回】', mentions: 20, peaks: [11, 3], durationS: 38 },
  { id: 'unlisted002', title: 'Unlisted talk', mentions: 10, peakS: 5, durationS: 38 },
]);
videos[1]!.privacyStatus = 'unlisted';

let api: FakeYoutubeApi;
let scratch: string;

beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/channel.js');
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-channel-guidelines-'));
  await mkdir(join(scratch, 'videos'));
  await symlink(sharedMedia('video/panel.mp4'), join(scratch, 'videos', 'panelVid001.mp4'));
  await symlink(sharedMedia('video/panel.mp4'), join(scratch, 'videos', 'unlisted002.mp4'));
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
});
afterAll(async () => {
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface ChannelJson {
  videos: { id: string; status: string; error?: { code: string; message: string } }[];
}
interface Manifest {
  clips: { path: string; start: number; durationS: number; upload: { title: string; description: string; tags: string[] } }[];
}

describe('kirinuki channel --guidelines', () => {
  it('refuses the unlisted video with GUIDELINE_UNLISTED (from the Data API\'s status) and clips the other within maxClipS, credited', async () => {
    const profile = join(scratch, 'channel-rules.json');
    await writeFile(profile, JSON.stringify({ name: 'test rules', refuse: ['unlisted'], maxClipS: 3, credit: ['title', 'url', 'channel'] }));
    const out = join(scratch, 'out');
    const run = await runCli(['channel', CHANNEL_HANDLE, '--out', out, '--video-dir', join(scratch, 'videos'), '--no-faces', '--preset', 'landscape', '--clips-per-video', '1', '--guidelines', profile, '--json'], {
      cwd: scratch,
      env: { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url },
    });
    expect(run.stderr).toContain('Guideline "maxClipS" of profile "test rules" allows clips of 3 s at most, so the 600 s cap was lowered to 3 s.');
    const result = JSON.parse(run.stdout) as ChannelJson;
    const refused = result.videos.find((v) => v.id === 'unlisted002');
    expect(refused?.status).toBe('failed');
    expect(refused?.error?.code).toBe('GUIDELINE_UNLISTED');
    expect(refused?.error?.message).toBe('Guideline "refuse" of profile "test rules" refuses unlisted videos, and video unlisted002 ("Unlisted talk") is unlisted: it is not clipped.');
    expect(existsSync(join(out, 'unlisted002', 'clips'))).toBe(false);

    expect(result.videos.find((v) => v.id === 'panelVid001')?.status).toBe('done');
    const manifest = JSON.parse(await readFile(join(out, 'panelVid001', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.clips).toHaveLength(1);
    const [clip] = manifest.clips;
    expect((await probeMedia(join(out, 'panelVid001', clip!.path))).durationS).toBeLessThanOrEqual(3.05);
    expect(clip!.upload.description.split('\n').slice(0, 3)).toEqual([
      '元動画: パネル トーク【第1回】',
      `https://www.youtube.com/watch?v=panelVid001&t=${Math.floor(clip!.start)}s`,
      'チャンネル: Kirinuki Test ＜Channel＞',
    ]);
    expect(clip!.upload.title).not.toMatch(/[<>]/);
  }, 300_000);
});
