import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signalLaneSchema, type AppEvent, type KirinukiApi, type MethodName, type MethodResult, type Outcome } from '../../core/app/contract.js';
import { chatCurve, chatEvidence, heatmap, plantSignals, type PlantedSignals } from './app-signals-project.js';
import { fakeVideoFromCommentsFile, startFakeYoutubeApi, type FakeYoutubeApi } from './fake-youtube-api.js';
import { sharedFixture, sharedMedia } from './shared-media.js';

export interface HostUnderTest {
  api: KirinukiApi;
  close: () => Promise<void>;
}

/**
 * Starts one host (HTTP or IPC) over a fresh app service with these folders; `chooseVideoFile`
 * stands in for the desktop file dialog (the host passes it as its HostCapabilities chooser).
 */
export type HostFactory = (dirs: {
  configDir: string;
  root: string;
  apiRoot: string;
  chooseVideoFile: () => Promise<string | null>;
}) => Promise<HostUnderTest>;

export const FIXTURE_VIDEO_ID = 'dQ4wT9xYz0A';
const CHANNEL_ID = 'UCfixtureChannel00000000';
const BUSY_CHANNEL_ID = 'UCbusyChannel00000000000';
const BUSY_VIDEOS = ['busyVideo01', 'busyVideo02', 'busyVideo03', 'busyVideo04'];

/** What the signals stage would find for the fixture video: a chat with bursts at 5:01 and 10:10, its heatmap and captions. */
const FIXTURE_SIGNALS: PlantedSignals = {
  file: {
    chat: { lagS: 4.5, messages: 5120, candidates: [], curve: chatCurve(905, 5, [{ t: 301, height: 30, widthS: 8 }, { t: 610, height: 55, widthS: 6 }]) },
    heatmap: heatmap(905, [{ t: 301, widthS: 14 }]),
    captionTags: [{ t: 612, tag: '[拍手]', kind: 'applause' }, { t: 302.5, tag: '[笑い]', kind: 'laugh' }],
    notes: [],
  },
  summary: { chat: { messages: 5120, lagS: 4.5, bursts: 3 }, captions: { tags: 2 }, notes: [{ code: 'CHAT_TRUNCATED', message: 'fixture.live_chat.json ends in a cut-off line (an interrupted download?); the chat before it was used.' }] },
  moments: [
    { near: 610, signals: { chat: chatEvidence('laugh', [['草', 44], ['ｗｗｗｗ', 17]], 51), heatmap: { peak: 1 } } },
    { near: 301, signals: { chat: chatEvidence('surprise', [['えっ', 12]], 20) } },
  ],
};

export function ok<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

export function failure<T>(outcome: Outcome<T>): { code: string; message: string } {
  if (outcome.ok) throw new Error('expected a failure, got a value');
  return outcome.error;
}

/**
 * The contract tests every host must pass, run once per host (HTTP in tests/integration/
 * serve-http-host.test.ts, IPC in tests/integration/electron-ipc-host.test.ts) over the real app
 * service, the real comment loader and moments, and the fake Data API on 127.0.0.1.
 */
export function describeAppContract(label: string, factory: HostFactory): void {
  describe(`app contract over ${label}`, () => {
    let youtube: FakeYoutubeApi;
    let base: string;
    let dirs: Parameters<HostFactory>[0];
    /** What the stand-in file dialog returns next. */
    let dialogChoice: string | null = null;
    let host: HostUnderTest;
    const api = () => host.api;
    const callApi = <M extends MethodName>(name: M, args: unknown, jobId?: string) =>
      (api()[name] as (a: unknown, o?: { jobId?: string }) => Promise<Outcome<MethodResult<M>>>)(args, jobId ? { jobId } : undefined);

    beforeAll(async () => {
      const fixture = fakeVideoFromCommentsFile(sharedFixture(`youtube/commentThreads-${FIXTURE_VIDEO_ID}.json`));
      youtube = await startFakeYoutubeApi({
        videos: [
          { ...fixture, channelId: CHANNEL_ID },
          ...BUSY_VIDEOS.map((id, i) => ({ ...fixture, id, title: `Busy video ${i + 1}`, channelId: BUSY_CHANNEL_ID })),
        ],
        channels: [
          { id: CHANNEL_ID, title: 'Fixture Channel', handle: '@fixturechannel', uploads: [FIXTURE_VIDEO_ID] },
          { id: BUSY_CHANNEL_ID, title: 'Busy Channel', handle: '@busychannel', uploads: BUSY_VIDEOS },
        ],
      });
      base = await mkdtemp(join(tmpdir(), 'kirinuki-app-'));
      dirs = { configDir: join(base, 'config'), root: join(base, 'projects'), apiRoot: youtube.url, chooseVideoFile: async () => dialogChoice };
      host = await factory(dirs);
    });
    afterAll(async () => {
      await host?.close();
      await youtube?.close();
      await rm(base, { recursive: true, force: true });
    });

    it('starts with no API key and reports where a key would be kept', async () => {
      const settings = ok(await api().getSettings({}));
      expect(settings.apiKey).toMatchObject({ set: false, hint: null, source: null });
      expect(settings.outputDir).toBe(dirs.root);
    });

    it('detects ffmpeg, ffprobe and yt-dlp with their versions', async () => {
      const tools = ok(await api().detectTools({}));
      expect(tools.map((t) => t.name)).toEqual(['ffmpeg', 'ffprobe', 'yt-dlp']);
      for (const tool of tools) {
        expect(tool.problem, tool.name).toBeNull();
        expect(tool.version, tool.name).toMatch(/\S/);
        expect(tool.path, tool.name).toMatch(/^\//);
      }
    });

    it('refuses a video id without a key when there is no yt-dlp to read it either, naming both ways out', async () => {
      const saved = process.env.KIRINUKI_YTDLP;
      process.env.KIRINUKI_YTDLP = join(base, 'no-yt-dlp');
      try {
        const error = failure(await api().openSource({ source: FIXTURE_VIDEO_ID }));
        expect(error.code).toBe('YTDLP_MISSING');
        expect(error.message).toContain('YOUTUBE_API_KEY');
      } finally {
        if (saved === undefined) delete process.env.KIRINUKI_YTDLP;
        else process.env.KIRINUKI_YTDLP = saved;
      }
    });

    it('rejects arguments that break the schema, naming the field', async () => {
      const empty = failure(await callApi('openSource', { source: '' }));
      expect(empty.code).toBe('INVALID_ARGUMENT');
      expect(empty.message).toBe('The link or path cannot be empty.');
      const extra = failure(await callApi('getPeople', { videoId: '../../etc' }));
      expect(extra.code).toBe('INVALID_ARGUMENT');
      expect(extra.message).toBe('The project is not valid.');
      const nonsense = failure(await api().openSource({ source: 'definitely not a video' }));
      expect(nonsense.code).toBe('INVALID_URL');
    });

    it('stores the API key only as a 0600 file and never returns it', async () => {
      const saved = ok(await api().saveSettings({ apiKey: youtube.apiKey.padEnd(12, 'x') }));
      expect(saved.apiKey).toMatchObject({ set: true, source: 'settings', hint: `…${youtube.apiKey.padEnd(12, 'x').slice(-4)}` });
      expect(JSON.stringify(saved)).not.toContain(youtube.apiKey.padEnd(12, 'x'));
      ok(await api().saveSettings({ apiKey: null }));
      expect(ok(await api().getSettings({})).apiKey.set).toBe(false);
    });

    it('opens a video id through the Data API: moments, comments and density, with progress events', async () => {
      ok(await api().saveSettings({ apiKey: 'test-key-0123456789' }));
      youtube.apiKey = 'test-key-0123456789';
      const events: AppEvent[] = [];
      const off = api().onEvent((event) => events.push(event));
      const opened = ok(await callApi('openSource', { source: FIXTURE_VIDEO_ID }, 'open-1'));
      // events travel on their own stream (SSE / IPC events): they may land just after the result
      await vi.waitFor(() => expect(events.some((e) => e.jobId === 'open-1' && e.type === 'job' && e.state === 'done')).toBe(true));
      off();
      expect(opened.kind).toBe('video');
      if (opened.kind !== 'video') return;
      const project = opened.project;
      expect(project.videoId).toBe(FIXTURE_VIDEO_ID);
      expect(project.durationS).toBe(905);
      const peaks = project.moments.slice(0, 4).map((m) => m.peak);
      for (const truth of [301, 610, 95, 840]) expect(peaks.some((p) => Math.abs(p - truth) <= 6)).toBe(true);
      expect(project.moments[0]?.comments.length).toBeGreaterThan(3);
      expect(project.density.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
      expect(events.some((e) => e.jobId === 'open-1' && e.type === 'job' && e.state === 'done')).toBe(true);
      expect(events.some((e) => e.jobId === 'open-1' && e.type === 'progress')).toBe(true);
      const requests = youtube.requests.length;
      ok(await api().openSource({ source: FIXTURE_VIDEO_ID }));
      expect(youtube.requests.length).toBe(requests);
    });

    it('draws one lane per signal: comment density, then chat, "most replayed" and captions from signals.json', async () => {
      const before = ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID }));
      expect(before.lanes[0]?.signal).toBe('comments');
      expect(before.lanes[0]?.values).toEqual(before.density.counts);
      expect(before.lanes.map((l) => l.signal)).not.toContain('chat');
      const projectJson = join(dirs.root, FIXTURE_VIDEO_ID, 'project.json');
      const signalsJson = join(dirs.root, FIXTURE_VIDEO_ID, 'signals.json');
      const kept = await readFile(projectJson, 'utf8');
      const keptSignals = await readFile(signalsJson, 'utf8').catch(() => null);
      try {
        await plantSignals(dirs.root, FIXTURE_VIDEO_ID, FIXTURE_SIGNALS);
        const view = ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID }));
        expect(view.lanes.map((l) => l.signal)).toEqual(['comments', 'chat', 'heatmap', 'captions']);
        for (const lane of view.lanes) expect(signalLaneSchema.safeParse(lane).error).toBeUndefined();
        const [, chat, heat, captions] = view.lanes;
        expect(chat?.binS).toBe(5);
        expect(chat?.values.reduce((a, b) => a + b, 0)).toBe(FIXTURE_SIGNALS.file.chat?.curve.values.reduce((a, b) => a + b, 0));
        expect(Math.abs((chat?.values.indexOf(chat.max) ?? 0) * 5 + 2.5 - 610)).toBeLessThanOrEqual(5);
        expect(heat?.max).toBe(1);
        const hottest = heat?.values.indexOf(Math.max(...(heat?.values ?? []))) ?? -1;
        expect(Math.abs((hottest + 0.5) * (heat?.binS ?? 0) - 301)).toBeLessThan(10);
        expect(captions?.marks?.map((m) => m.label)).toEqual(['[笑い]', '[拍手]']);
        expect(view.signals.chat).toEqual({ messages: 5120, lagS: 4.5, bursts: 3 });
        expect(view.signals.notes).toEqual(FIXTURE_SIGNALS.summary.notes);
        const at610 = view.moments.find((m) => Math.abs(m.peak - 610) <= 6);
        expect(at610?.signals.chat?.topMessages[0]).toEqual({ text: '草', count: 44 });
        expect(at610?.signals.chat?.kind).toBe('laugh');
        // a signals.json cut short leaves the lanes it held out and says so; the comments lane stays
        await writeFile(signalsJson, '{"chat": {"curve": ');
        const cut = ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID }));
        expect(cut.lanes[0]?.signal).toBe('comments');
        expect(cut.lanes.map((l) => l.signal)).not.toContain('chat');
        expect(cut.lanes.map((l) => l.signal)).not.toContain('captions');
        expect(cut.signals.notes.map((n) => n.code)).toContain('PROJECT_CORRUPT');
      } finally {
        if (keptSignals === null) await rm(signalsJson, { force: true });
        else await writeFile(signalsJson, keptSignals);
        await writeFile(projectJson, kept);
      }
    });

    it('edits a moment window and toggle, and keeps the edit', async () => {
      const before = ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID }));
      const first = before.moments[0]!;
      const edited = ok(await api().editMoment({ videoId: FIXTURE_VIDEO_ID, rank: first.rank, start: first.start - 2, enabled: false }));
      const moment = edited.moments.find((m) => m.rank === first.rank)!;
      expect(moment).toMatchObject({ start: first.start - 2, end: first.end, enabled: false, edited: true });
      const again = ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID }));
      expect(again.moments.find((m) => m.rank === first.rank)?.enabled).toBe(false);
      const bad = failure(await api().editMoment({ videoId: FIXTURE_VIDEO_ID, rank: first.rank, start: 50, end: 40 }));
      expect(bad.code).toBe('INVALID_ARGUMENT');
      const reset = ok(await api().editMoment({ videoId: FIXTURE_VIDEO_ID, rank: first.rank, reset: true }));
      expect(reset.moments.find((m) => m.rank === first.rank)).toMatchObject({ start: first.start, enabled: true, edited: false });
    });

    it('attaches only a file chosen in the file dialog, never a typed path', async () => {
      const typed = failure(await api().attachVideo({ videoId: FIXTURE_VIDEO_ID, path: sharedMedia('video/panel.mp4') }));
      expect(typed.code).toBe('INVALID_ARGUMENT');
      expect(typed.message).toContain('only a file you chose');
      dialogChoice = null;
      expect(ok(await api().chooseVideoFile({}))).toEqual({ path: null });
    });

    it('attaches a local video into the project folder and lists the project', async () => {
      dialogChoice = sharedMedia('video/panel.mp4');
      expect(ok(await api().chooseVideoFile({}))).toEqual({ path: dialogChoice });
      // the fixture video is 15:05 long, panel.mp4 0:38: attaching asks first, naming both
      const mismatch = failure(await api().attachVideo({ videoId: FIXTURE_VIDEO_ID, path: sharedMedia('video/panel.mp4') }));
      expect(mismatch.code).toBe('VIDEO_MISMATCH');
      expect(mismatch.message).toContain('0:38');
      expect(mismatch.message).toContain('15:05');
      expect(ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID })).video).toBeNull();
      const view = ok(await api().attachVideo({ videoId: FIXTURE_VIDEO_ID, path: sharedMedia('video/panel.mp4'), confirmMismatch: true }));
      expect(view.video).toEqual({ videoId: FIXTURE_VIDEO_ID, rel: 'video/panel.mp4' });
      const size = (await stat(join(dirs.root, FIXTURE_VIDEO_ID, 'video', 'panel.mp4'))).size;
      expect(size).toBe((await stat(sharedMedia('video/panel.mp4'))).size);
      const recent = ok(await api().listProjects({}));
      expect(recent[0]).toMatchObject({ videoId: FIXTURE_VIDEO_ID, hasVideo: true });
      dialogChoice = sharedMedia('codecs/speech_only.m4a');
      ok(await api().chooseVideoFile({}));
      const notVideo = failure(await api().attachVideo({ videoId: FIXTURE_VIDEO_ID, path: sharedMedia('codecs/speech_only.m4a'), confirmMismatch: true }));
      expect(notVideo.code).toBe('NO_VIDEO_STREAM');
    });

    it('shows a comments-disabled video as COMMENTS_DISABLED', async () => {
      const video = fakeVideoFromCommentsFile(sharedFixture(`youtube/commentThreads-${FIXTURE_VIDEO_ID}.json`));
      youtube.videos.set('noComments1', { ...video, id: 'noComments1', title: 'quiet', commentsDisabled: true });
      const error = failure(await api().openSource({ source: 'noComments1' }));
      expect(error.code).toBe('COMMENTS_DISABLED');
    });

    it('recognises a channel and keeps external links to https YouTube', async () => {
      expect(ok(await api().openSource({ source: '@somechannel' }))).toEqual({ kind: 'channel', channel: '@somechannel' });
      expect(failure(await api().openExternal({ url: 'https://evil.example/' })).code).toBe('FORBIDDEN');
      expect(failure(await api().openExternal({ url: 'http://www.youtube.com/watch?v=x' })).code).toBe('FORBIDDEN');
      expect(ok(await api().cancelJob({ jobId: 'nothing-running' }))).toEqual({ cancelled: false });
    });

    it('runs a channel batch with progress snapshots and the quota spent', async () => {
      const events: AppEvent[] = [];
      const off = api().onEvent((event) => events.push(event));
      const view = ok(await callApi('runChannel', { channel: '@fixturechannel', limit: 5, momentsOnly: true }, 'channel-1'));
      await vi.waitFor(() => expect(events.some((e) => e.jobId === 'channel-1' && e.type === 'job' && e.state === 'done')).toBe(true));
      off();
      expect(view).toMatchObject({ channel: { id: CHANNEL_ID, title: 'Fixture Channel' }, state: 'done', stopped: null });
      expect(view.videos).toEqual([expect.objectContaining({ id: FIXTURE_VIDEO_ID, status: 'done' })]);
      expect(view.videos[0]?.moments).toBeGreaterThanOrEqual(4);
      expect(view.quotaSpent).toBeGreaterThan(0);
      expect(events.some((e) => e.type === 'progress' && e.jobId === 'channel-1' && e.channel?.videos.length === 1)).toBe(true);
    });

    it('pauses a channel batch and resumes it without paying again for finished videos', async () => {
      // a second channel needs its own projects root (one channel.json per root)
      ok(await api().saveSettings({ outputDir: join(dirs.root, 'busy') }));
      let paused = false;
      const off = api().onEvent((event) => {
        if (!paused && event.type === 'progress' && event.jobId === 'busy-1' && event.channel?.videos.some((v) => v.status === 'done')) {
          paused = true;
          void api().pauseJob({ jobId: 'busy-1' });
        }
      });
      const first = ok(await callApi('runChannel', { channel: '@busychannel', limit: null, momentsOnly: true }, 'busy-1'));
      off();
      expect(first.state).toBe('paused');
      expect(first.stopped).toBeNull();
      const done = first.videos.filter((v) => v.status === 'done').map((v) => v.id);
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done.length).toBeLessThan(BUSY_VIDEOS.length);
      const before = youtube.requests.filter((r) => done.includes(r.query.videoId ?? r.query.id ?? '')).length;
      const resumed = ok(await callApi('runChannel', { channel: '@busychannel', limit: null, momentsOnly: true }, 'busy-2'));
      expect(resumed.state).toBe('done');
      expect(resumed.videos.map((v) => v.status)).toEqual(BUSY_VIDEOS.map(() => 'done'));
      expect(youtube.requests.filter((r) => done.includes(r.query.videoId ?? r.query.id ?? '')).length).toBe(before);
      ok(await api().saveSettings({ outputDir: dirs.root }));
    });

    it('keeps the API key across a restart of the host', async () => {
      await host.close();
      host = await factory(dirs);
      const settings = ok(await api().getSettings({}));
      expect(settings.apiKey).toMatchObject({ set: true, source: 'settings' });
      expect(ok(await api().openProject({ videoId: FIXTURE_VIDEO_ID })).video).not.toBeNull();
    });
  });
}
