import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, snapshotBuiltCli } from '../helpers/built-cli.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';

/**
 * Issue 12, "Hostile ids": a video id from a comments file, a yt-dlp .info.json or the uploads
 * playlist names a project folder, so `../../x` would write outside --out. The built CLI refuses
 * each with INVALID_ARGUMENT naming the file (or playlist) and the field, and writes nothing outside.
 */
const HOSTILE = ['../../x', '/abs', '..', 'a\u0000b/../../x', '../../xxxxx'];

let scratch: string;
let cliDir: string;

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-hostile-ids-'));
  cliDir = await snapshotBuiltCli(join(scratch, 'cli'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every path under `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  return ((await readdir(dir, { recursive: true })) as string[]).sort();
}

/** `<scratch>/<name>/` holding only `in/` (the input) and `out/` (the projects root), two levels deep. */
async function caseDir(name: string): Promise<{ base: string; input: string; out: string }> {
  const base = join(scratch, 'cases', name);
  await mkdir(join(base, 'in'), { recursive: true });
  return { base, input: join(base, 'in'), out: join(base, 'out') };
}

describe('a hostile video id is refused where it enters (built CLI)', () => {
  const absBefore = existsSync('/abs');

  it.each(HOSTILE.map((id, i) => [i, id] as const))('id #%i %j in a comments file and in an .info.json', async (i, id) => {
    const comments = await caseDir(`comments-${i}`);
    const commentsFile = join(comments.input, 'comments.json');
    await writeFile(commentsFile, JSON.stringify({ video: { id, title: 'pwned', durationS: 600 }, threads: [] }));
    const info = await caseDir(`info-${i}`);
    const infoFile = join(info.input, 'pwned.info.json');
    await writeFile(infoFile, JSON.stringify({ id, title: 'pwned', duration: 600, comments: [{ id: 'c1', text: '1:00 wow', parent: 'root' }] }));

    const [fromComments, fromInfo] = await Promise.all([
      runCli(['moments', commentsFile, '--out', comments.out, '--json'], { cliDir, env: { YOUTUBE_API_KEY: undefined } }),
      runCli(['moments', infoFile, '--out', info.out, '--json'], { cliDir, env: { YOUTUBE_API_KEY: undefined } }),
    ]);
    for (const [run, file, field] of [
      [fromComments, commentsFile, 'video.id'],
      [fromInfo, infoFile, 'id'],
    ] as const) {
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toMatch(/^error INVALID_ARGUMENT: /m);
      const line = run.stderr.split('\n').find((l) => l.startsWith('error INVALID_ARGUMENT: '))!;
      expect(line).toContain(`${file}: ${field} ${JSON.stringify(id)} is not a YouTube video id`);
      expect(line).not.toContain('\u0000');
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    }
    // nothing outside --out (and nothing in it either: the id was refused before any write)
    expect(await tree(comments.base)).toEqual(['in', 'in/comments.json']);
    expect(await tree(info.base)).toEqual(['in', 'in/pwned.info.json']);
    expect(await tree(join(scratch, 'cases'))).not.toContain('x');
    expect(existsSync(join(scratch, 'x'))).toBe(false);
    expect(existsSync('/abs')).toBe(absBefore);
  });
});

describe('a hostile id in the uploads playlist (built CLI, fake Data API)', () => {
  let api: FakeYoutubeApi;
  const videos = fakeChannelVideos([
    { id: 'hostileOk01', title: 'fine video', mentions: 12 },
    { id: 'hostileOk02', title: 'another', mentions: 12 },
  ]);

  beforeAll(async () => {
    const channel = fakeChannel(videos);
    channel.uploads = ['hostileOk01', '../../x', 'hostileOk02'];
    api = await startFakeYoutubeApi({ videos, channels: [channel] });
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses the listing with INVALID_ARGUMENT naming the playlist and the id; nothing lands outside --out', async () => {
    const { base, out } = await caseDir('playlist');
    const run = await runCli(['channel', CHANNEL_HANDLE, '--out', out, '--moments-only', '--json'], {
      cliDir,
      env: { YOUTUBE_API_KEY: api.apiKey, YOUTUBE_API_ROOT: api.url },
    });
    expect(run.code, run.stderr).not.toBe(0);
    const line = run.stderr.split('\n').find((l) => l.startsWith('error '));
    expect(line).toMatch(/^error INVALID_ARGUMENT: uploads playlist "UU[^"]+": videoId "\.\.\/\.\.\/x" is not a YouTube video id/);
    // no video was processed: the listing failed before any project folder was made
    expect(api.countOf('commentThreads')).toBe(0);
    expect(api.countOf('videos')).toBe(0);
    const inside = await tree(base);
    expect(inside.every((p) => p === 'in' || p === 'out' || p.startsWith('out/'))).toBe(true);
    expect(inside.some((p) => p.includes('hostileOk'))).toBe(false);
    expect(existsSync(join(scratch, 'cases', 'x'))).toBe(false);
    expect(existsSync(join(scratch, 'x'))).toBe(false);
    // the manifest, if any, holds no hostile id
    if (existsSync(join(out, 'channel.json'))) expect(await readFile(join(out, 'channel.json'), 'utf8')).not.toContain('../../x');
  });
});
