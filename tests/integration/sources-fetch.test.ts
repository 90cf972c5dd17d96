import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchViewerFiles, SOURCES_FOLDER, SOURCES_RECORD } from '../../core/acquire/fetch-viewer-files.js';
import type { Progress } from '../../core/progress.js';
import { fakeYtDlpCalls, fakeYtDlpEnv, isRunning, useFakeYtDlpEnv, type FakeYtDlpMode } from '../helpers/fake-ytdlp.js';

let root: string;
let restore: (() => void) | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-sources-fetch-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** A fresh projects root with the fake yt-dlp in `mode`; the fake reads its settings from this process's environment. */
async function setUp(name: string, mode: FakeYtDlpMode = 'ok') {
  const dir = join(root, name);
  const env = fakeYtDlpEnv(root, mode);
  env.FAKE_YTDLP_CALLS = join(root, `${name}-calls.jsonl`);
  env.FAKE_YTDLP_PIDFILE = join(root, `${name}.pid`);
  restore = useFakeYtDlpEnv(env);
  return { dir, env, ytdlp: env.KIRINUKI_YTDLP, calls: () => fakeYtDlpCalls(env.FAKE_YTDLP_CALLS) };
}

const all = { chat: true, captions: true, maxComments: 1000 };

describe('fetchViewerFiles through a yt-dlp that serves recorded output', () => {
  it('writes the info JSON with the comments, the chat replay and the captions into <root>/<id>/sources/, reporting progress', async () => {
    const { dir, ytdlp, calls } = await setUp('chat');
    const progress: Progress[] = [];
    const files = await fetchViewerFiles({ videoId: 'ChatDevFix1', root: dir, request: all, ytdlp, durationS: 1200, onProgress: (p) => progress.push(p) });
    const sources = join(dir, 'ChatDevFix1', SOURCES_FOLDER);
    expect(files).toMatchObject({ dir: sources, infoJson: join(sources, 'ChatDevFix1.info.json'), chat: join(sources, 'ChatDevFix1.live_chat.json'), fromCache: false, comments: 0 });
    expect(files.subs).toBeUndefined(); // this stream has no captions
    expect(readFileSync(files.chat ?? '', 'utf8').split('\n').filter(Boolean)).toHaveLength(16_127);
    expect(calls()).toHaveLength(1);
    expect(progress.every((p) => p.stage === 'sources')).toBe(true);
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.some((p) => /^live chat/.test(p.message ?? ''))).toBe(true);
    expect((await readdir(join(dir, 'ChatDevFix1'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a second call makes no yt-dlp call; a smaller request is served by the same files; --refresh calls again', async () => {
    const { dir, ytdlp, calls } = await setUp('cache');
    await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: all, ytdlp });
    const again = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: false, maxComments: 50 }, ytdlp });
    expect(again.fromCache).toBe(true);
    expect(again.subs).toBe(join(dir, 'dQ4wT9xYz0A', SOURCES_FOLDER, 'dQ4wT9xYz0A.ja.json3'));
    expect(calls()).toHaveLength(1);
    await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: all, ytdlp, refresh: true });
    expect(calls()).toHaveLength(2);
  });

  it("takes the uploader's subtitles in the video's language over the -orig auto-captions, and -orig when the uploader has none", async () => {
    const { dir, ytdlp, calls } = await setUp('uploader');
    const files = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true }, ytdlp });
    const sources = join(dir, 'dQ4wT9xYz0A', SOURCES_FOLDER);
    expect(calls()[0]?.[calls()[0]!.indexOf('--sub-langs') + 1]).toBe('live_chat,.+-orig,ja');
    // both were written (ja-orig from `.+-orig`, the uploader's ja from `ja`): the uploader's wins
    expect((await readdir(sources)).filter((n) => n.endsWith('.json3')).sort()).toEqual(['dQ4wT9xYz0A.ja-orig.json3', 'dQ4wT9xYz0A.ja.json3']);
    expect(files.subs).toBe(join(sources, 'dQ4wT9xYz0A.ja.json3'));
    expect(files.subsTrack).toEqual({ language: 'ja', uploader: true, spoken: 'ja' });

    const auto = await setUp('uploader-none', 'auto-captions-only');
    const autoFiles = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: auto.dir, request: { chat: false, captions: true }, ytdlp: auto.ytdlp });
    expect(autoFiles.subs).toBe(join(auto.dir, 'dQ4wT9xYz0A', SOURCES_FOLDER, 'dQ4wT9xYz0A.ja-orig.json3'));
    expect(autoFiles.subsTrack).toEqual({ language: 'ja-orig', uploader: false, translated: false, spoken: 'ja' });
  });

  it('--subs-lang picks another language (here a machine translation, and says which), cached per language', async () => {
    const { dir, ytdlp, calls } = await setUp('subs-lang');
    const sources = join(dir, 'dQ4wT9xYz0A', SOURCES_FOLDER);
    await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true }, ytdlp });
    const en = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true, subsLang: 'en' }, ytdlp });
    expect(calls(), 'captions fetched for the video\'s own language do not serve --subs-lang en').toHaveLength(2);
    expect(calls()[1]?.[calls()[1]!.indexOf('--sub-langs') + 1]).toBe('live_chat,en');
    expect(en).toMatchObject({ fromCache: false, subs: join(sources, 'dQ4wT9xYz0A.en.json3'), subsTrack: { language: 'en', uploader: false, translated: true, spoken: 'ja' } });

    const same = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true, subsLang: 'en' }, ytdlp });
    expect(same).toMatchObject({ fromCache: true, subs: join(sources, 'dQ4wT9xYz0A.en.json3'), subsTrack: { translated: true } });
    expect(calls(), 'the same language again makes no call').toHaveLength(2);

    const ja = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: false, captions: true, subsLang: 'ja' }, ytdlp });
    expect(calls()).toHaveLength(3);
    expect(ja).toMatchObject({ subs: join(sources, 'dQ4wT9xYz0A.ja.json3'), subsTrack: { language: 'ja', uploader: true } });
    await expect(fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: false, captions: true, subsLang: 'all' }, ytdlp })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(calls()).toHaveLength(3);
  });

  it('counts the comments it was asked for and passes --max-comments to yt-dlp', async () => {
    const { dir, ytdlp, calls } = await setUp('max');
    const progress: Progress[] = [];
    const files = await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true, maxComments: 120 }, ytdlp, onProgress: (p) => progress.push(p) });
    expect(files.comments).toBe(120);
    expect(calls()[0]).toContain('youtube:comment_sort=top;max_comments=120');
    expect(progress.some((p) => /^comments \d+\/120$/.test(p.message ?? ''))).toBe(true);
    // asking for more than the files hold calls again
    await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: { chat: true, captions: true, maxComments: 300 }, ytdlp });
    expect(calls()).toHaveLength(2);
  });

  it('a video without a chat replay is a result without a chat file, not a failure', async () => {
    const { dir, ytdlp } = await setUp('nochat', 'no-chat');
    const files = await fetchViewerFiles({ videoId: 'ChatDevFix1', root: dir, request: all, ytdlp });
    expect(files.chat).toBeUndefined();
    expect(existsSync(files.infoJson)).toBe(true);
  });

  it.each([
    ['members-only', 'ChatDevFix1', 'VIDEO_UNAVAILABLE', /members only.*\(yt-dlp: .*Join this channel/],
    ['private', 'ChatDevFix1', 'VIDEO_UNAVAILABLE', /is private/],
    ['network', 'ChatDevFix1', 'NETWORK', /internet connection.*Name or service not known/],
    ['ok', 'unknownVid1', 'VIDEO_UNAVAILABLE', /unknownVid1 is unavailable.*Video unavailable/],
    ['live', 'ChatDevFix1', 'VIDEO_UNAVAILABLE', /is live right now: .*run again/],
  ] as const)('%s (%s) is %s naming the URL, and leaves no folder behind', async (mode, videoId, code, words) => {
    const { dir, ytdlp } = await setUp(`fail-${mode}-${videoId}`, mode);
    const failure = fetchViewerFiles({ videoId, root: dir, request: all, ytdlp });
    await expect(failure).rejects.toMatchObject({ code, message: expect.stringMatching(words) });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(`https://www.youtube.com/watch?v=${videoId}`) });
    expect(await readdir(join(dir, videoId))).toEqual([]);
  });

  it('is YTDLP_MISSING when the executable is not there', async () => {
    const { dir } = await setUp('missing');
    await expect(fetchViewerFiles({ videoId: 'ChatDevFix1', root: dir, request: all, ytdlp: join(root, 'no-such-yt-dlp') })).rejects.toMatchObject({ code: 'YTDLP_MISSING' });
  });

  it('a cancel kills yt-dlp mid-chat and leaves no half-written folder', async () => {
    const { dir, ytdlp, env } = await setUp('cancel', 'hang');
    const controller = new AbortController();
    const progress: Progress[] = [];
    const pending = fetchViewerFiles({
      videoId: 'ChatDevFix1', root: dir, request: all, ytdlp, signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (/^live chat/.test(p.message ?? '') && p.fraction > 0.5) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    const pid = Number(readFileSync(env.FAKE_YTDLP_PIDFILE, 'utf8'));
    await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
    expect(await readdir(join(dir, 'ChatDevFix1'))).toEqual([]);
  });

  it('clears the work folder a killed run left, and keeps a complete result when a refresh fails', async () => {
    const { dir, ytdlp } = await setUp('recover');
    const { mkdir, writeFile } = await import('node:fs/promises');
    const abandoned = join(dir, 'dQ4wT9xYz0A', '.sources-999999-1.part');
    await mkdir(abandoned, { recursive: true });
    await writeFile(join(abandoned, 'dQ4wT9xYz0A.live_chat.json.part'), '{"half');
    await fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: all, ytdlp });
    expect(existsSync(abandoned)).toBe(false);
    restore?.();
    restore = useFakeYtDlpEnv({ FAKE_YTDLP_MODE: 'network' });
    await expect(fetchViewerFiles({ videoId: 'dQ4wT9xYz0A', root: dir, request: all, ytdlp, refresh: true })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(existsSync(join(dir, 'dQ4wT9xYz0A', SOURCES_FOLDER, SOURCES_RECORD))).toBe(true);
  });
});
