import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadViewerSources } from '../../core/pipeline/load-viewer-sources.js';
import type { Progress } from '../../core/progress.js';
import { fakeVideoFromCommentsFile, startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { fakeYtDlpCalls, fakeYtDlpEnv, useFakeYtDlpEnv, type FakeYtDlpMode } from '../helpers/fake-ytdlp.js';
import { sharedFixture } from '../helpers/shared-media.js';

const CHAT_BASE = '【ゲーム実況】深夜の耐久 dev fixture [ChatDevFix1]';
const COMMENTS_URL = 'https://www.youtube.com/watch?v=dQ4wT9xYz0A';
const CHAT_URL = 'https://youtu.be/ChatDevFix1';

let root: string;
let api: FakeYoutubeApi;
let restore: (() => void) | undefined;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-viewer-sources-'));
  api = await startFakeYoutubeApi({ videos: [fakeVideoFromCommentsFile(sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json'))] });
});
afterAll(async () => {
  await api.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** A fresh projects root, the fake yt-dlp in `mode`, and no YOUTUBE_API_KEY in the environment. */
function setUp(mode: FakeYtDlpMode = 'ok') {
  counter += 1;
  const dir = join(root, `run-${counter}`);
  const env = { ...fakeYtDlpEnv(root, mode), FAKE_YTDLP_CALLS: join(root, `calls-${counter}.jsonl`), YOUTUBE_API_KEY: undefined };
  restore = useFakeYtDlpEnv(env);
  const lines: string[] = [];
  return { dir, calls: () => fakeYtDlpCalls(env.FAKE_YTDLP_CALLS), lines, log: (line: string) => lines.push(line) };
}

const codes = (notes: { code: string }[]): string[] => notes.map((n) => n.code);

describe('a URL without a Data API key: yt-dlp reads the comments in the same call as the chat and heatmap', () => {
  it('loads the comments, heatmap and captions from one yt-dlp call, and says so', async () => {
    const { dir, calls, lines, log } = setUp();
    const progress: Progress[] = [];
    const { comments, sources } = await loadViewerSources(COMMENTS_URL, { root: dir, log, onProgress: (p) => progress.push(p) });
    expect(comments.commentsFetched).toBe(505);
    expect(comments.via).toBe('yt-dlp');
    expect(comments.commentSet.video).toMatchObject({ id: 'dQ4wT9xYz0A', durationS: 905 });
    expect(comments.commentSet.heatmap).toHaveLength(100);
    expect(codes(sources.notes)).toEqual(['COMMENTS_FROM_YTDLP', 'NO_CHAT_REPLAY']);
    expect(sources.subs).toBe(join(dir, 'dQ4wT9xYz0A', 'sources', 'dQ4wT9xYz0A.ja.json3'));
    expect(sources.chat).toBeUndefined();
    expect(calls()).toHaveLength(1);
    expect(calls()[0]).toContain('--write-comments');
    expect(lines.join('\n')).toMatch(/^No YOUTUBE_API_KEY: 505 comments of https:\/\/www\.youtube\.com\/watch\?v=dQ4wT9xYz0A read by yt-dlp/m);
    expect(progress.some((p) => p.stage === 'sources')).toBe(true);
    expect(progress.some((p) => p.stage === 'comments' && /no YOUTUBE_API_KEY: yt-dlp reads them/.test(p.message ?? ''))).toBe(true);
    expect(progress.some((p) => p.stage === 'comments' && /505 comments from yt-dlp/.test(p.message ?? ''))).toBe(true);

    const again = await loadViewerSources(COMMENTS_URL, { root: dir });
    expect(again.comments).toMatchObject({ commentsFetched: 505, fromCache: true });
    expect(calls()).toHaveLength(1);
  });

  it('--subs-lang fetches that language, says when it is a machine translation, and a run with another language fetches again', async () => {
    const { dir, calls, lines, log } = setUp();
    const en = await loadViewerSources(COMMENTS_URL, { root: dir, subsLang: 'en', log });
    expect(en.sources.subs).toBe(join(dir, 'dQ4wT9xYz0A', 'sources', 'dQ4wT9xYz0A.en.json3'));
    expect(codes(en.sources.notes)).toEqual(['COMMENTS_FROM_YTDLP', 'NO_CHAT_REPLAY', 'SUBTITLES_TRANSLATED']);
    expect(lines.join('\n')).toMatch(/^--subs-lang en: https:\/\/www\.youtube\.com\/watch\?v=dQ4wT9xYz0A has no subtitles in en from its uploader, so its captions are YouTube's auto-captions in en, machine-translated from ja\.$/m);
    const again = await loadViewerSources(COMMENTS_URL, { root: dir, subsLang: 'en' });
    expect(again.sources.subs).toBe(en.sources.subs);
    expect(calls()).toHaveLength(1);
    const ja = await loadViewerSources(COMMENTS_URL, { root: dir, subsLang: 'ja' });
    expect(calls()).toHaveLength(2);
    expect(ja.sources.subs).toBe(join(dir, 'dQ4wT9xYz0A', 'sources', 'dQ4wT9xYz0A.ja.json3'));
    expect(codes(ja.sources.notes)).not.toContain('SUBTITLES_TRANSLATED');
    await expect(loadViewerSources(COMMENTS_URL, { root: dir, subsLang: 'en.*' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^--subs-lang takes a language tag.*"en\.\*"/) });
    expect(calls()).toHaveLength(2);
  });

  it('respects --max-comments', async () => {
    const { dir, calls } = setUp();
    const { comments } = await loadViewerSources('dQ4wT9xYz0A', { root: dir, maxComments: 50 });
    expect(comments.commentsFetched).toBe(50);
    expect(calls()[0]).toContain('youtube:comment_sort=top;max_comments=50');
  });

  it('reads a live stream: the chat replay is a source, the stream has no comments and no captions', async () => {
    const { dir } = setUp();
    const { comments, sources } = await loadViewerSources(CHAT_URL, { root: dir });
    expect(comments.commentsFetched).toBe(0);
    expect(sources.chat).toBe(join(dir, 'ChatDevFix1', 'sources', 'ChatDevFix1.live_chat.json'));
    expect(codes(sources.notes)).toEqual(['COMMENTS_FROM_YTDLP', 'NO_SUBTITLES']);
  });

  it('asks yt-dlp for no comments and no chat when --signals leaves them out', async () => {
    const { dir, calls } = setUp();
    const { comments, sources } = await loadViewerSources(CHAT_URL, { root: dir, signals: ['heatmap', 'captions'] });
    expect(comments.commentsFetched).toBe(0);
    expect(sources).toMatchObject({ signals: ['heatmap', 'captions'], notes: [{ code: 'NO_SUBTITLES' }] });
    expect(calls()[0]).not.toContain('--write-comments');
    // --write-subs stays: the uploader's subtitles are `subtitles` too; the chat is not asked for
    expect(calls()[0]?.[calls()[0]!.indexOf('--sub-langs') + 1]).toBe('.+-orig,ja');
  });

  it('a stream with its comments turned off still gives its chat, with a note', async () => {
    const { dir } = setUp('comments-disabled');
    const { comments, sources } = await loadViewerSources(CHAT_URL, { root: dir });
    expect(comments.commentsFetched).toBe(0);
    expect(sources.chat).toBeDefined();
    expect(codes(sources.notes)).toEqual(['COMMENTS_DISABLED', 'NO_SUBTITLES']);
  });

  it.each([
    ['members-only', 'VIDEO_UNAVAILABLE'],
    ['network', 'NETWORK'],
  ] as const)('%s is %s: without a key there is nothing else to read', async (mode, code) => {
    const { dir } = setUp(mode);
    await expect(loadViewerSources(CHAT_URL, { root: dir })).rejects.toMatchObject({ code, message: expect.stringContaining('https://www.youtube.com/watch?v=ChatDevFix1') });
  });

  it('without yt-dlp it is YTDLP_MISSING saying both ways out', async () => {
    const { dir } = setUp();
    const back = useFakeYtDlpEnv({ KIRINUKI_YTDLP: join(root, 'no-such-yt-dlp') });
    try {
      await expect(loadViewerSources(COMMENTS_URL, { root: dir })).rejects.toMatchObject({
        code: 'YTDLP_MISSING',
        message: expect.stringMatching(/without a YouTube Data API key needs yt-dlp.*YOUTUBE_API_KEY/),
      });
    } finally {
      back();
    }
  });
});

describe('a URL with a Data API key: comments from the API, chat and heatmap from yt-dlp', () => {
  it('merges the heatmap and chapters of yt-dlp into the API comments, with one yt-dlp call without comments', async () => {
    const { dir, calls } = setUp();
    const { comments, sources } = await loadViewerSources(COMMENTS_URL, { root: dir, apiKey: api.apiKey, apiRoot: api.url });
    expect(comments.apiRequests).toBeGreaterThan(0);
    expect(comments.via).toBeUndefined();
    expect(comments.commentSet.heatmap).toHaveLength(100);
    expect(comments.commentSet.chapters).toHaveLength(7);
    expect(calls()).toHaveLength(1);
    expect(calls()[0]).not.toContain('--write-comments');
    expect(codes(sources.notes)).toEqual(['NO_CHAT_REPLAY']);
  });

  it('a later run without the key reads the comments the API left in the project, not yt-dlp', async () => {
    const { dir, calls } = setUp();
    await loadViewerSources(COMMENTS_URL, { root: dir, apiKey: api.apiKey, apiRoot: api.url });
    const requests = api.requests.length;
    const { comments } = await loadViewerSources(COMMENTS_URL, { root: dir, apiRoot: api.url });
    expect(comments).toMatchObject({ commentsFetched: 505, apiRequests: 0, fromCache: true });
    expect(comments.via).toBeUndefined();
    expect(api.requests.length).toBe(requests);
    expect(calls()).toHaveLength(1);
  });

  it('makes no yt-dlp call when --signals wants only the comments', async () => {
    const { dir, calls } = setUp();
    const { sources } = await loadViewerSources(COMMENTS_URL, { root: dir, apiKey: api.apiKey, apiRoot: api.url, signals: ['comments'] });
    expect(calls()).toHaveLength(0);
    expect(sources.notes).toEqual([]);
  });

  it.each([
    ['network', 'NETWORK', 'public'],
    // the API calls a members-only video public: yt-dlp's refusal is what a guidelines profile sees
    ['members-only', 'VIDEO_UNAVAILABLE', 'members_only'],
    ['private', 'VIDEO_UNAVAILABLE', 'private'],
  ] as const)('a yt-dlp failure (%s) is a note %s and the comments still count, the video %s', async (mode, code, availability) => {
    const { dir } = setUp(mode);
    const { comments, sources } = await loadViewerSources(COMMENTS_URL, { root: dir, apiKey: api.apiKey, apiRoot: api.url });
    expect(comments.commentsFetched).toBe(505);
    expect(comments.commentSet.video.availability).toBe(availability);
    expect(codes(sources.notes)).toEqual([code]);
    expect(sources.notes[0]?.message).toMatch(/moments come from the comments alone/);
  });
});

describe('a batch of videos (the channel run) shares one yt-dlp latch', () => {
  it('once yt-dlp cannot reach YouTube, the later videos do not call it again and say why', async () => {
    const { dir, calls } = setUp('network');
    const ytdlpLatch = {};
    const first = await loadViewerSources(COMMENTS_URL, { root: dir, apiKey: api.apiKey, apiRoot: api.url, ytdlpLatch });
    const second = await loadViewerSources(COMMENTS_URL, { root: join(dir, 'again'), apiKey: api.apiKey, apiRoot: api.url, ytdlpLatch });
    expect(calls()).toHaveLength(1);
    expect(codes(first.sources.notes)).toEqual(['NETWORK']);
    expect(second.sources.notes).toEqual([{ code: 'NETWORK', message: expect.stringMatching(/yt-dlp failed earlier in this run/) }]);
    expect(second.comments.commentsFetched).toBe(505);
  });
});

describe('files beside an .info.json, and --chat / --subs', () => {
  let folder: string;
  let info: string;
  beforeAll(() => {
    folder = join(root, 'beside');
    mkdirSync(folder, { recursive: true });
    info = join(folder, `${CHAT_BASE}.info.json`);
    for (const ext of ['.info.json', '.live_chat.json']) copyFileSync(sharedFixture(`youtube/${CHAT_BASE}${ext}`), join(folder, `${CHAT_BASE}${ext}`));
  });

  it('picks up the chat replay yt-dlp left beside the .info.json, and calls no yt-dlp', async () => {
    const { dir, calls } = setUp();
    const { comments, sources } = await loadViewerSources(info, { root: dir });
    expect(comments.commentSet.video.id).toBe('ChatDevFix1');
    expect(sources.chat).toBe(join(folder, `${CHAT_BASE}.live_chat.json`));
    expect(codes(sources.notes)).toEqual(['NO_SUBTITLES']);
    expect(calls()).toHaveLength(0);
  });

  it('picks them up beside a local video named by yt-dlp', async () => {
    const { dir, calls } = setUp();
    const video = join(folder, `${CHAT_BASE}.mp4`);
    await writeFile(video, 'not really a video');
    const { sources } = await loadViewerSources(video, { root: dir });
    expect(sources.chat).toBe(join(folder, `${CHAT_BASE}.live_chat.json`));
    expect(calls()).toHaveLength(0);
  });

  it('--chat and --subs win over the sidecars and over the fetch', async () => {
    const { dir, calls } = setUp();
    const chat = join(folder, `${CHAT_BASE}.live_chat.json`);
    const subs = sharedFixture('captions/panel.ja.vtt');
    const beside = await loadViewerSources(info, { root: dir, chatFile: chat, subsFile: subs });
    expect(beside.sources).toMatchObject({ chat, subs, notes: [] });
    const fetched = await loadViewerSources(COMMENTS_URL, { root: dir, chatFile: chat, subsFile: subs });
    expect(fetched.sources).toMatchObject({ chat, subs });
    expect(calls()[0]).not.toContain('--sub-langs'); // only the info JSON and the comments were left to fetch
  });

  it("--subs-lang picks `Title [id].LANG.*` beside an .info.json, the uploader's first, and names the language when there is none", async () => {
    const { dir, calls } = setUp();
    const langs = join(root, 'beside-langs');
    mkdirSync(langs, { recursive: true });
    const base = join(langs, 'コラボ配信 [dQ4wT9xYz0A]');
    const tables = { subtitles: { ja: [], en: [] }, automatic_captions: { 'ja-orig': [], ja: [], en: [], ko: [] } };
    const infoValue = { ...JSON.parse(readFileSync(sharedFixture('youtube/コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].info.json'), 'utf8')), ...tables };
    await writeFile(`${base}.info.json`, JSON.stringify(infoValue));
    for (const lang of ['ja-orig.json3', 'ja.vtt', 'en.srt', 'ko.json3']) copyFileSync(sharedFixture('captions/panel.ja.json3'), `${base}.${lang}`);
    const own = await loadViewerSources(`${base}.info.json`, { root: dir, signals: ['comments', 'captions'] });
    expect(own.sources.subs).toBe(`${base}.ja.vtt`);
    const en = await loadViewerSources(`${base}.info.json`, { root: dir, signals: ['comments', 'captions'], subsLang: 'en' });
    expect(en.sources).toMatchObject({ subs: `${base}.en.srt`, notes: [] });
    const ko = await loadViewerSources(`${base}.info.json`, { root: dir, signals: ['comments', 'captions'], subsLang: 'ko' });
    expect(ko.sources.subs).toBe(`${base}.ko.json3`);
    expect(codes(ko.sources.notes)).toEqual(['SUBTITLES_TRANSLATED']);
    const fr = await loadViewerSources(`${base}.info.json`, { root: dir, signals: ['comments', 'captions'], subsLang: 'fr' });
    expect(fr.sources.subs).toBeUndefined();
    expect(fr.sources.notes).toEqual([{ code: 'NO_SUBTITLES', message: expect.stringMatching(/^No subtitles in fr \(--subs-lang\) beside .*"<name>\.fr\.json3\|vtt\|srt"/) }]);
    expect(calls()).toHaveLength(0);
  });

  it('names the flag and the file when --chat or --subs is wrong', async () => {
    const { dir } = setUp();
    await expect(loadViewerSources(info, { root: dir, chatFile: join(folder, 'nope.live_chat.json') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringMatching(/^--chat .*nope\.live_chat\.json/) });
    await expect(loadViewerSources(info, { root: dir, subsFile: info })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^--subs .*\.json3, \.vtt or \.srt/) });
    await expect(loadViewerSources(info, { root: dir, chatFile: info, signals: ['comments'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/--signals leaves out chat/) });
  });
});
