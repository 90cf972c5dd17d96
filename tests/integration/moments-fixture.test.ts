import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMoments } from '../../core/moments/find-moments.js';
import { momentsForSource } from '../../core/moments/moments-for-source.js';
import { parseTimestamps } from '../../core/moments/parse-timestamps.js';
import type { Moment } from '../../core/moments/types.js';
import { loadCommentSet } from '../../core/youtube/load-comment-set.js';
import type { CommentSet } from '../../core/youtube/types.js';
import { ensureBuilt, runCli, type CliRun } from '../helpers/built-cli.js';
import { sharedFixture } from '../helpers/shared-media.js';

const THREADS = sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json');
const INFO_JSON = sharedFixture('youtube/コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].info.json');
const TRUE_MOMENTS = [301, 610, 95, 840];
const CHAPTER_TEXT = '0:00 part 1\n1:30 part 2';
const DURATION_S = 905;

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-moments-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function truthOf(moment: Moment): number | undefined {
  return TRUE_MOMENTS.find((t) => moment.start <= t && t <= moment.end);
}

function expectTrueTopFour(moments: Moment[]): void {
  const top = moments.slice(0, 4);
  expect(top.map(truthOf).sort((a, b) => a! - b!)).toEqual([95, 301, 610, 840]);
  expect(truthOf(top[0]!)).toBe(301);
  expect(truthOf(top[3]!)).toBe(840);
  for (const moment of top) {
    expect(Math.abs(moment.peak - truthOf(moment)!)).toBeLessThanOrEqual(3);
    expect(moment.peak - moment.start).toBeGreaterThanOrEqual(1);
    expect(moment.end - moment.start).toBeGreaterThanOrEqual(8);
    expect(moment.end - moment.start).toBeLessThanOrEqual(60);
  }
}

describe.each([
  ['the {video, threads} comments file', THREADS],
  ['the yt-dlp .info.json (with its heatmap)', INFO_JSON],
])('moments of %s', (_, path) => {
  let commentSet: CommentSet;
  beforeAll(async () => {
    commentSet = (await loadCommentSet(path)).commentSet;
  });

  it('ranks the four true moments first, each window holding its moment', () => {
    expectTrueTopFour(findMoments(commentSet).moments);
  });

  it('keeps the uploader’s chapter list from creating or heading a moment', () => {
    const chapterList = commentSet.comments.find((c) => c.text.startsWith(CHAPTER_TEXT));
    expect(chapterList?.likes).toBe(900);
    const all = findMoments(commentSet, { top: 1000 }).moments;
    for (const moment of all) {
      expect(moment.comments.some((c) => c.id !== chapterList!.id)).toBe(true);
      expect(moment.comments[0]!.id).not.toBe(chapterList!.id);
    }
    const without = { ...commentSet, comments: commentSet.comments.filter((c) => c !== chapterList) };
    const peaks = (s: CommentSet): number[] => findMoments(s, { top: 4 }).moments.map((m) => truthOf(m)!);
    expect(peaks(without)).toEqual(peaks(commentSet));
  });

  it('ignores spam and timestamps past the end of the video', () => {
    const result = findMoments(commentSet, { top: 1000 });
    const inRange = commentSet.comments.reduce((sum, c) => {
      const distinct = new Set(parseTimestamps(c.text, { maxS: DURATION_S }).map((t) => t.t));
      return sum + distinct.size;
    }, 0);
    expect(result.mentions).toBe(inRange);
    const backing = result.moments.flatMap((m) => m.comments.map((c) => c.text));
    for (const spam of ['30:00 this is the best', '1:01:40 this is the best', '5:255:25 lol', '88:88 lol']) {
      expect(commentSet.comments.some((c) => c.text === spam)).toBe(true);
      expect(backing).not.toContain(spam);
    }
    for (const moment of result.moments) expect(moment.end).toBeLessThanOrEqual(DURATION_S);
  });
});

describe('momentsForSource', () => {
  it('returns exactly the moments JSON shape and saves it in the project folder', async () => {
    const result = await momentsForSource(THREADS, { root: scratch, top: 5 });
    expect(Object.keys(result)).toEqual(['video', 'commentsFetched', 'mentions', 'moments']);
    expect(result.video).toEqual({ id: 'dQ4wT9xYz0A', title: 'コラボ配信 ハイライト候補テスト', durationS: 905 });
    expect(result.commentsFetched).toBe(505);
    expect(result.moments).toHaveLength(5);
    expectTrueTopFour(result.moments);
    const saved = JSON.parse(readFileSync(join(scratch, 'dQ4wT9xYz0A', 'moments.json'), 'utf8')) as unknown;
    expect(saved).toEqual(result);
  });
});

function cli(args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: scratch, env: { YOUTUBE_API_KEY: '' } });
}

describe('kirinuki moments (CLI)', () => {
  beforeAll(async () => {
    const built = await ensureBuilt('dist/core/cli/commands/moments.js');
    expect(existsSync(built)).toBe(true);
  });

  it('prints the moments JSON with --json and exits 0', async () => {
    const { code, stdout } = await cli(['moments', THREADS, '--json', '--top', '4', '--out', scratch]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { video: object; moments: Moment[] };
    expect(Object.keys(result)).toEqual(['video', 'commentsFetched', 'mentions', 'moments']);
    expect(Object.keys(result.video)).toEqual(['id', 'title', 'durationS']);
    for (const moment of result.moments) {
      expect(Object.keys(moment)).toEqual(['rank', 'start', 'end', 'peak', 'score', 'mentions', 'comments', 'signals']);
      expect(moment.signals?.comments?.mentions).toBe(moment.mentions);
      expect(moment.signals?.heatmap, 'a threads file has no heatmap').toBeUndefined();
      for (const c of moment.comments) expect(Object.keys(c)).toEqual(['id', 'text', 'likes', 't']);
    }
    expect(result.moments.map((m) => m.rank)).toEqual([1, 2, 3, 4]);
    expectTrueTopFour(result.moments);
  });

  it('prints a ranked table without --json', async () => {
    const { code, stdout } = await cli(['moments', INFO_JSON, '--top', '3', '--out', scratch]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^\s*#\s+window\s+peak\s+mentions\s+score\s+found by\s+top comment or chat/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^\s*1\s+4:57–5:\d\d\s+5:0[01]\s+\d+\s+[\d.]+\s+\S/);
  });

  it('fails with exit 1 and one error line for a bad URL or a bad option', async () => {
    const badUrl = await cli(['moments', 'https://example.com/watch?v=nope', '--json']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^error INVALID_URL: .*example\.com/m);
    const badTop = await cli(['moments', THREADS, '--top', '0']);
    expect(badTop.code).toBe(1);
    expect(badTop.stderr).toMatch(/^error INVALID_ARGUMENT: --top/m);
  });
});
