import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, snapshotBuiltCli, type CliRun } from '../helpers/built-cli.js';
import { fakeYtDlpCalls, fakeYtDlpEnv, isRunning, type FakeYtDlpMode } from '../helpers/fake-ytdlp.js';
import { sharedFixture } from '../helpers/shared-media.js';

const URL = 'https://www.youtube.com/watch?v=dQ4wT9xYz0A';
const CHAT_INFO = sharedFixture('youtube/【ゲーム実況】深夜の耐久 dev fixture [ChatDevFix1].info.json');
const CHAT_FILE = sharedFixture('youtube/【ゲーム実況】深夜の耐久 dev fixture [ChatDevFix1].live_chat.json');

let scratch: string;
let cliDir: string;
let counter = 0;

beforeAll(async () => {
  const built = await ensureBuilt('dist/core/pipeline/load-viewer-sources.js');
  expect(existsSync(built)).toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-sources-cli-'));
  // a private copy: other work rebuilding dist/ mid-run cannot break these runs
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** `kirinuki …` with no Data API key and the fake yt-dlp in `mode`. */
function setUp(mode: FakeYtDlpMode = 'ok') {
  counter += 1;
  const out = join(scratch, `out-${counter}`);
  const env = { ...fakeYtDlpEnv(scratch, mode), FAKE_YTDLP_CALLS: join(scratch, `calls-${counter}.jsonl`), FAKE_YTDLP_PIDFILE: join(scratch, `pid-${counter}`) };
  const cli = (args: string[], onStart?: (pid: number) => void): Promise<CliRun> =>
    runCli([...args, '--out', out], { cwd: scratch, cliDir, env: { ...env, YOUTUBE_API_KEY: undefined, YOUTUBE_API_ROOT: undefined }, detached: true, onStart });
  return { out, env, cli, calls: () => fakeYtDlpCalls(env.FAKE_YTDLP_CALLS) };
}

interface MomentsJson {
  video: { id: string };
  commentsFetched: number;
  moments: { peak: number; start: number; end: number }[];
}

describe('kirinuki moments <URL> with no API key (yt-dlp serving recorded output)', () => {
  it('finds the moments from the comments yt-dlp read, says so, and a second run calls no yt-dlp', async () => {
    const { out, cli, calls } = setUp();
    const first = await cli(['moments', URL, '--json', '--top', '4']);
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout) as MomentsJson;
    expect(json.video.id).toBe('dQ4wT9xYz0A');
    expect(json.commentsFetched).toBe(505);
    // the planted moments: 301 s (45 mentions) first, then 610 s and 95 s
    expect(Math.abs((json.moments[0]?.peak ?? 0) - 301)).toBeLessThan(6);
    expect(json.moments.some((m) => Math.abs(m.peak - 610) < 6)).toBe(true);
    expect(first.stderr).toMatch(/^No YOUTUBE_API_KEY: 505 comments of https:\/\/www\.youtube\.com\/watch\?v=dQ4wT9xYz0A read by yt-dlp/m);
    expect(calls()).toHaveLength(1);
    expect(existsSync(join(out, 'dQ4wT9xYz0A', 'sources', 'fetch.json'))).toBe(true);

    const second = await cli(['moments', URL, '--json', '--top', '4']);
    expect(second.code, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as MomentsJson).moments).toEqual(json.moments);
    expect(calls(), 'the second run reads the project, not yt-dlp').toHaveLength(1);
  });

  it("--subs-lang fetches that language (a machine translation here, said on stderr); the same language again makes no call, another fetches", async () => {
    const { out, cli, calls } = setUp();
    const subsLangOf = (call: string[] | undefined): string | undefined => call?.[call.indexOf('--sub-langs') + 1];
    const first = await cli(['moments', URL, '--json', '--subs-lang', 'en']);
    expect(first.code, first.stderr).toBe(0);
    expect(subsLangOf(calls()[0])).toBe('live_chat,en');
    expect(existsSync(join(out, 'dQ4wT9xYz0A', 'sources', 'dQ4wT9xYz0A.en.json3'))).toBe(true);
    expect(first.stderr).toMatch(/^--subs-lang en: https:\/\/www\.youtube\.com\/watch\?v=dQ4wT9xYz0A has no subtitles in en from its uploader, so its captions are YouTube's auto-captions in en, machine-translated from ja\.$/m);
    const same = await cli(['moments', URL, '--json', '--subs-lang', 'en']);
    expect(same.code, same.stderr).toBe(0);
    expect(calls(), 'the same language is read from the project').toHaveLength(1);
    const own = await cli(['moments', URL, '--json']);
    expect(own.code, own.stderr).toBe(0);
    expect(calls(), "the video's own language is another fetch").toHaveLength(2);
    expect(subsLangOf(calls()[1])).toBe('live_chat,.+-orig,ja');
    expect(own.stderr).not.toMatch(/SUBTITLES_TRANSLATED|machine-translated/);
    const record = JSON.parse(readFileSync(join(out, 'dQ4wT9xYz0A', 'sources', 'fetch.json'), 'utf8')) as { files: { subs?: string } };
    expect(record.files.subs, "the uploader's Japanese track, not the -orig auto-captions").toBe('dQ4wT9xYz0A.ja.json3');
  });

  it('--subs-lang takes a language tag only, on moments, clips, channel and reframe', async () => {
    const { cli, calls } = setUp();
    for (const command of [['moments', URL], ['clips', URL], ['channel', '@somechannel'], ['reframe', join(scratch, 'any.mp4'), '--out', join(scratch, 'any-out.mp4')]]) {
      const run = await cli([...command, '--subs-lang', 'en.*']);
      expect(run.code, command[0]).toBe(1);
      expect(run.stderr, command[0]).toMatch(/^error INVALID_ARGUMENT: --subs-lang takes a language tag such as ja, en or pt-BR .*got "en\.\*"/m);
      const help = await cli([command[0]!, '--help']);
      expect(help.stdout, command[0]).toContain('--subs-lang <lang>');
    }
    expect(calls()).toHaveLength(0);
  });

  it('--max-comments bounds what yt-dlp reads', async () => {
    const { cli, calls } = setUp();
    const run = await cli(['moments', URL, '--json', '--max-comments', '100']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as MomentsJson).commentsFetched).toBe(100);
    expect(calls()[0]).toContain('youtube:comment_sort=top;max_comments=100');
  });

  it('a members-only video is one line `error VIDEO_UNAVAILABLE:` naming the URL', async () => {
    const { cli } = setUp('members-only');
    const run = await cli(['moments', URL, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error VIDEO_UNAVAILABLE: https:\/\/www\.youtube\.com\/watch\?v=dQ4wT9xYz0A is for channel members only: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('Ctrl-C while yt-dlp reads the chat kills it and leaves no half-written folder', async () => {
    const { out, env, cli } = setUp('hang');
    let cliPid = 0;
    const pending = cli(['moments', 'https://youtu.be/ChatDevFix1', '--json'], (pid) => (cliPid = pid));
    const project = join(out, 'ChatDevFix1');
    for (let i = 0; i < 400; i += 1) {
      const part = existsSync(project) ? (await readdir(project)).find((n) => n.startsWith('.sources-')) : undefined;
      if (part && existsSync(env.FAKE_YTDLP_PIDFILE) && existsSync(join(project, part, 'ChatDevFix1.live_chat.json.part'))) break;
      await sleep(25);
    }
    const fakePid = Number(readFileSync(env.FAKE_YTDLP_PIDFILE, 'utf8'));
    expect(isRunning(fakePid)).toBe(true);
    process.kill(cliPid, 'SIGINT');
    const run = await pending;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^error CANCELLED: /m);
    await expect.poll(() => isRunning(fakePid), { timeout: 5000 }).toBe(false);
    expect((await readdir(project)).filter((n) => n.startsWith('.sources-') || n === 'sources')).toEqual([]);
  });
});

describe('--chat, --subs and --signals', () => {
  it('takes a chat replay given with --chat beside an .info.json, and names a missing one', async () => {
    const { cli, calls } = setUp();
    const ok = await cli(['moments', CHAT_INFO, '--chat', CHAT_FILE, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(calls()).toHaveLength(0);
    const missing = await cli(['moments', CHAT_INFO, '--chat', join(scratch, 'nope.live_chat.json'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error FILE_NOT_FOUND: --chat .*nope\.live_chat\.json/m);
    const badSubs = await cli(['moments', CHAT_INFO, '--subs', CHAT_FILE]);
    expect(badSubs.stderr).toMatch(/^error INVALID_ARGUMENT: --subs .*\.json3, \.vtt or \.srt/m);
  });

  it('--signals takes only known names, on moments, clips and channel', async () => {
    const { cli } = setUp();
    for (const command of [['moments', CHAT_INFO], ['clips', CHAT_INFO], ['channel', '@somechannel']]) {
      const run = await cli([...command, '--signals', 'comments,smell']);
      expect(run.code, command[0]).toBe(1);
      expect(run.stderr, command[0]).toMatch(/^error INVALID_ARGUMENT: --signals takes a comma-separated list of comments, chat, heatmap, captions; got "comments,smell"/m);
    }
  });

  it('--signals comments on a URL asks yt-dlp for the comments only (no chat, no captions)', async () => {
    const { cli, calls } = setUp();
    const run = await cli(['moments', URL, '--signals', 'comments', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(calls()[0]).toContain('--write-comments');
    expect(calls()[0]).not.toContain('--sub-langs');
  });

  it('the help of moments, clips and channel lists the new flags', async () => {
    const { cli } = setUp();
    for (const command of ['moments', 'clips']) {
      const help = await cli([command, '--help']);
      for (const flag of ['--chat <file>', '--subs <file>', '--signals <list>']) expect(help.stdout, `${command} ${flag}`).toContain(flag);
    }
    const channel = await cli(['channel', '--help']);
    expect(channel.stdout).toContain('--signals <list>');
    expect(channel.stdout).not.toContain('--chat <file>');
  });
});
