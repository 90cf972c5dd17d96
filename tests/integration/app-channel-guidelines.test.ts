import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import type { ChannelView } from '../../core/app/views.js';
import { readManifest } from '../../core/export/manifest.js';
import { probeMedia } from '../../core/media/probe.js';
import { readChannelManifest } from '../../core/project/channel-manifest.js';
import { projectDir } from '../../core/project/project-dir.js';
import { CHANNEL_HANDLE, CHANNEL_ID, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');
const FRESH = 'freshVid001';
const UNLISTED = 'unlisted002';
const PANEL_ID = 'panelVid003';

// panel.mp4 (38 s) stands for every upload: one moment each, at 0:11
const videos = fakeChannelVideos([
  { id: FRESH, title: 'Just streamed', mentions: 12, peakS: 11, durationS: 38 },
  { id: UNLISTED, title: 'Unlisted talk', mentions: 12, peakS: 11, durationS: 38 },
  { id: PANEL_ID, title: 'パネル トーク【第1回】', mentions: 20, peakS: 11, durationS: 38 },
]);
videos[0]!.publishedAt = new Date(Date.now() - 3600_000).toISOString(); // an hour ago
videos[1]!.privacyStatus = 'unlisted';

describe('app service: the Channel screen batch applies the guidelines profile Settings chose for the channel', () => {
  let youtube: FakeYoutubeApi;
  let base: string;
  let app: App;
  const call = (name: string, args: unknown, jobId?: string) => dispatchCall(app.service, app.jobs, name, args, { jobId });
  async function runChannel(root: string, jobId: string, limit: number | null = null): Promise<ChannelView> {
    const settings = await call('saveSettings', { outputDir: root });
    if (!settings.ok) throw new Error(`saveSettings: ${JSON.stringify(settings.error)}`);
    const outcome = await call('runChannel', { channel: CHANNEL_HANDLE, limit, momentsOnly: false }, jobId);
    if (!outcome.ok) throw new Error(`runChannel: ${JSON.stringify(outcome.error)}`);
    return outcome.value as ChannelView;
  }
  /** Each upload "downloaded before" (the project's downloads/source.mp4), so the clips need no network. */
  async function downloadedRoot(name: string): Promise<string> {
    const root = projectsRoot(name);
    for (const { id } of videos) {
      await mkdir(join(projectDir(root, id), 'downloads'), { recursive: true });
      await symlink(PANEL, join(projectDir(root, id), 'downloads', 'source.mp4'));
    }
    return root;
  }
  async function clipDurations(root: string, videoId: string): Promise<number[]> {
    const manifest = await readManifest(projectDir(root, videoId));
    return Promise.all((manifest?.clips ?? []).map(async (clip) => (await probeMedia(resolve(projectDir(root, videoId), clip.path))).durationS));
  }
  /** One projects root per test (one channel.json each), inside the default one as Settings ask. */
  const projectsRoot = (name: string): string => join(base, 'projects', name);
  const saveProfiles = async (byChannel: Record<string, string>) => {
    const saved = await call('saveSettings', { guidelinesByChannel: byChannel });
    if (!saved.ok) throw new Error(`saveSettings: ${JSON.stringify(saved.error)}`);
  };

  beforeAll(async () => {
    youtube = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
    base = await mkdtemp(join(tmpdir(), 'kirinuki-app-channel-guidelines-'));
    app = createApp({
      configDir: join(base, 'config'),
      host: { kind: 'browser' },
      defaultOutputDir: join(base, 'projects'),
      apiRoot: youtube.url,
      env: { YOUTUBE_API_KEY: youtube.apiKey },
    });
  });
  afterAll(async () => {
    await youtube?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('refuses the too-recent and the unlisted upload with their GUIDELINE_* codes and caps the other clips at maxClipS', async () => {
    const profile = join(base, 'channel-rules.json');
    await writeFile(profile, JSON.stringify({ name: 'test rules', refuse: ['unlisted'], minHoursAfter: 48, maxClipS: 3 }));
    await saveProfiles({ [CHANNEL_ID]: profile });
    const root = await downloadedRoot('with-profile');

    const view = await runChannel(root, 'channel-rules');
    expect(view).toMatchObject({ channel: { id: CHANNEL_ID }, state: 'done', stopped: null });
    const byId = new Map(view.videos.map((v) => [v.id, v]));
    expect(byId.get(FRESH)).toMatchObject({ status: 'failed', error: { code: 'GUIDELINE_TOO_SOON' } });
    expect(byId.get(FRESH)?.error?.message).toMatch(/^Guideline "minHoursAfter" of profile "test rules" asks to wait 48 h after it was published .* of video freshVid001 \("Just streamed"\), and only 1\.\d h have passed: clip it after /);
    expect(byId.get(UNLISTED)).toMatchObject({ status: 'failed', error: { code: 'GUIDELINE_UNLISTED' } });
    expect(existsSync(join(projectDir(root, FRESH), 'clips'))).toBe(false);
    expect(existsSync(join(projectDir(root, UNLISTED), 'clips'))).toBe(false);

    expect(byId.get(PANEL_ID)).toMatchObject({ status: 'done', clips: 1 });
    const durations = await clipDurations(root, PANEL_ID);
    expect(durations).toHaveLength(1);
    for (const d of durations) expect(d).toBeLessThanOrEqual(3.05);

    // channel.json and the report name the refusals as a CLI run's do
    const manifest = await readChannelManifest(root);
    expect(manifest?.videos.find((v) => v.id === UNLISTED)?.error?.code).toBe('GUIDELINE_UNLISTED');
    const report = await readFile(join(root, 'report.html'), 'utf8');
    expect(report).toContain('GUIDELINE_TOO_SOON');
    expect(report).toContain('GUIDELINE_UNLISTED');
  }, 300_000);

  it('with a profile chosen only for another channel, the newest upload is neither refused nor capped', async () => {
    await saveProfiles({ 'Another Channel': 'example-strict' });
    const root = await downloadedRoot('without-profile');

    // the newest upload only (an hour old): each clip costs an encode
    const view = await runChannel(root, 'channel-plain', 1);
    expect(view).toMatchObject({ state: 'done', stopped: null });
    expect(view.videos).toEqual([expect.objectContaining({ id: FRESH, status: 'done', error: null, clips: 1 })]);
    const durations = await clipDurations(root, FRESH);
    expect(durations).toHaveLength(1);
    expect(durations[0]).toBeGreaterThan(5);
  }, 300_000);

  it('a profile file gone bad since it was chosen stops the batch before any video, with its own error', async () => {
    const profile = join(base, 'broken-rules.json');
    await writeFile(profile, JSON.stringify({ name: 'soon broken', maxClipS: 3 }));
    await saveProfiles({ 'Kirinuki Test <Channel>': profile });

    await writeFile(profile, '{"name": "soon broken", ');
    const corrupt = await runChannel(projectsRoot('corrupt-profile'), 'channel-corrupt');
    expect(corrupt.state).toBe('stopped');
    expect(corrupt.stopped?.code).toBe('GUIDELINES_INVALID');
    expect(corrupt.stopped?.message).toContain(profile);
    expect(corrupt.videos.map((v) => v.status)).toEqual(['pending', 'pending', 'pending']);
    for (const { id } of videos) expect(existsSync(projectDir(projectsRoot('corrupt-profile'), id))).toBe(false);

    await rm(profile);
    const missing = await runChannel(projectsRoot('missing-profile'), 'channel-missing');
    expect(missing.stopped).toEqual({
      code: 'FILE_NOT_FOUND',
      message: `Guidelines profile ${profile} does not exist: restore it, or choose another profile file or a shipped one.`,
    });
    expect(missing.videos.every((v) => v.status === 'pending')).toBe(true);
  });
});
