/**
 * QA simulation of the issue-2 acceptance check: the BUILT `kirinuki moments` CLI against a
 * loopback Data API server serving comment corpora the product was never tuned on (seeded,
 * deterministic): a 1h47m English gaming stream, a 1h10m Japanese stream and a 3-minute video.
 * It asserts the top moments against the truth, the window rules, the exact JSON shape, the
 * request counts of a first, second and --refresh run, the error codes / exit status / stderr
 * line, the quota-exhaustion resume, --top and stdout purity under --json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MomentsResult as MomentsJson } from '../../core/moments/types.js';
import { countComments, startFakeYoutubeApi, type FakeVideo, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import {
  englishGamingStream,
  japaneseStream,
  likesVersusViewers,
  neighbours,
  shortVideo,
  spreadMoments,
  SPREAD_TRUTHS,
  type Corpus,
} from '../helpers/unseen-corpora.js';
import { ensureBuilt, MAIN_JS, REPO, runCli, snapshotBuiltCli, type CliRun } from '../helpers/built-cli.js';

// ---------------------------------------------------------------- running the built CLI

let home: string;
/** A private copy of bin/ + dist/ (node_modules linked): other engineers rebuilding dist/ mid-run cannot break it. */
let cliDir = REPO;

/** Async on purpose: the fake servers live in this process and must keep answering. */
function kirinuki(api: FakeYoutubeApi, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runCli(['moments', ...args], {
    cliDir,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), KIRINUKI_DEBUG: undefined, YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, ...env },
  });
}

// ---------------------------------------------------------------- assertions

const sortedKeys = (o: object): string[] => Object.keys(o).sort();

/** stdout must be one JSON document and nothing else; the shape exactly the README's. */
function parseMoments(run: CliRun): MomentsJson {
  expect(run.code, `exit status; stderr: ${run.stderr}`).toBe(0);
  const out = run.stdout.trim();
  expect(out.startsWith('{') && out.endsWith('}'), 'stdout is pure JSON').toBe(true);
  const json = JSON.parse(out) as MomentsJson;
  expect(sortedKeys(json)).toEqual(['commentsFetched', 'mentions', 'moments', 'video']);
  expect(sortedKeys(json.video)).toEqual(['durationS', 'id', 'title']);
  expect(typeof json.video.id).toBe('string');
  expect(typeof json.video.title).toBe('string');
  expect(typeof json.video.durationS).toBe('number');
  expect(Number.isInteger(json.commentsFetched)).toBe(true);
  expect(Number.isInteger(json.mentions)).toBe(true);
  expect(Array.isArray(json.moments)).toBe(true);
  json.moments.forEach((m, i) => {
    expect(sortedKeys(m)).toEqual(['comments', 'end', 'mentions', 'peak', 'rank', 'score', 'signals', 'start']);
    expect(m.signals?.comments?.mentions, 'the comments found it').toBe(m.mentions);
    expect(m.rank).toBe(i + 1);
    for (const k of ['start', 'end', 'peak', 'score', 'mentions'] as const) {
      expect(typeof m[k], `${k} is a number`).toBe('number');
      expect(Number.isFinite(m[k])).toBe(true);
    }
    expect(m.comments.length).toBeGreaterThan(0);
    for (const c of m.comments) {
      expect(sortedKeys(c)).toEqual(['id', 'likes', 't', 'text']);
      expect(typeof c.id).toBe('string');
      expect(typeof c.text).toBe('string');
      expect(typeof c.likes).toBe('number');
      expect(typeof c.t).toBe('number');
    }
  });
  return json;
}

/** Window rules: ≥ 1 s lead before the peak, 8–60 s long (or the given limits), inside [0, duration], no overlaps. */
function checkWindows(json: MomentsJson, min = 8, max = 60): void {
  const d = json.video.durationS;
  for (const m of json.moments) {
    const where = `moment #${m.rank} [${m.start}, ${m.end}] peak ${m.peak}`;
    expect(m.start, where).toBeGreaterThanOrEqual(0);
    expect(m.end, where).toBeLessThanOrEqual(d);
    expect(m.peak - m.start, `${where}: starts ≥ 1 s before the peak`).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(m.peak, where).toBeLessThanOrEqual(m.end);
    expect(m.end - m.start, `${where}: length`).toBeGreaterThanOrEqual(min - 1e-9);
    expect(m.end - m.start, `${where}: length`).toBeLessThanOrEqual(max + 1e-9);
    for (const c of m.comments) {
      expect(c.t, `${where}: backing comment ${c.id} at ${c.t} s inside the video`).toBeGreaterThanOrEqual(0);
      expect(c.t, `${where}: backing comment ${c.id} at ${c.t} s`).toBeLessThanOrEqual(d);
    }
  }
  const byStart = [...json.moments].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byStart.length; i++) {
    expect(byStart[i]!.start, `windows #${byStart[i - 1]!.rank} and #${byStart[i]!.rank} overlap`).toBeGreaterThanOrEqual(byStart[i - 1]!.end);
  }
}

/** The top |truths| moments are the truths in mention-count order, each inside its window. */
function checkTruth(json: MomentsJson, corpus: Corpus): void {
  const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] peak ${m.peak} n=${m.mentions} s=${m.score}`).join('; ');
  const ordered = [...corpus.truths].sort((a, b) => b.n - a.n);
  ordered.forEach((truth, i) => {
    const m = json.moments[i];
    expect(m, `a moment ranked #${i + 1} for ${truth.t} s; got ${summary}`).toBeDefined();
    expect(m!.start <= truth.t && truth.t <= m!.end, `moment #${i + 1} contains ${truth.t} s (n=${truth.n}); got ${summary}`).toBe(true);
    expect(m!.mentions, `moment #${i + 1} mentions ≈ ${truth.n}`).toBeGreaterThanOrEqual(truth.n);
    expect(m!.mentions, `moment #${i + 1} mentions ≈ ${truth.n}`).toBeLessThanOrEqual(truth.n + 2);
    if (truth.rangeEnd !== undefined) expect(Math.abs(m!.end - truth.rangeEnd), `moment #${i + 1} ends at the range end ${truth.rangeEnd}`).toBeLessThanOrEqual(3);
  });
  for (const m of json.moments) {
    for (const c of m.comments) expect(corpus.spamIds.has(c.id), `spam/out-of-range comment ${c.id} "${c.text}" backs moment #${m.rank}`).toBe(false);
  }
}

function expectError(run: CliRun, code: string, json: boolean): string {
  expect(run.code, `exit status for ${code}; stderr: ${run.stderr}`).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  const errorLines = lines.filter((l) => l.startsWith('error '));
  expect(errorLines, `one error line on stderr: ${run.stderr}`).toHaveLength(1);
  expect(errorLines[0]).toMatch(new RegExp(`^error ${code}: \\S.*$`));
  if (json) {
    expect(lines, `--json: stderr holds just the error line: ${run.stderr}`).toHaveLength(1);
    const out = run.stdout.trim();
    if (out !== '') {
      const payload = JSON.parse(out) as { error: { code: string; message: string } };
      expect(payload.error.code).toBe(code);
    }
  }
  return errorLines[0]!;
}

function requestsSince(api: FakeYoutubeApi, from: number, path: string): number {
  return api.requests.slice(from).filter((r) => r.path === `/youtube/v3/${path}`).length;
}

// ---------------------------------------------------------------- the check

const A = englishGamingStream();
const B = japaneseStream();
const C = shortVideo();
const D = neighbours();
const E = likesVersusViewers();
const F = spreadMoments();
const DISABLED: FakeVideo = { id: 'cOmMeNtSoFf', title: 'comments off', duration: 'PT10M', threads: [], commentsDisabled: true };
const pages = (c: Corpus): number => Math.ceil(c.threadsCount / 100);

/** `QA_DUMP=DIR` writes the corpora as `{video, threads}` files, for trying them by hand. */
if (process.env.QA_DUMP) {
  for (const c of [A, B, C, D, E, F]) {
    const { id, title, duration, channelId, channelTitle } = c.video;
    writeFileSync(
      join(process.env.QA_DUMP, `${id}.json`),
      JSON.stringify({ video: { id, title, duration, durationS: c.durationS, channelId, channelTitle }, threads: c.video.threads }, null, 1),
    );
  }
}

let api: FakeYoutubeApi;
let quotaApi: FakeYoutubeApi;
let root: string;

beforeAll(async () => {
  await ensureBuilt();
  expect(existsSync(MAIN_JS)).toBe(true);
  root = await mkdtemp(join(tmpdir(), 'kirinuki-qa-unseen-'));
  cliDir = await snapshotBuiltCli(join(root, 'cli'), ['moments', '--help']);
  api = await startFakeYoutubeApi({ videos: [A.video, B.video, C.video, D.video, E.video, F.video, DISABLED] });
  quotaApi = await startFakeYoutubeApi({ videos: [A.video], faults: { quotaExceededAfterPages: 2 } });
  home = join(root, 'home');
}, 180_000);

afterAll(async () => {
  await api?.close();
  await quotaApi?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('kirinuki moments on unseen corpora (built CLI, loopback Data API)', () => {
  it('corpora are what the check needs', () => {
    expect(A.threadsCount).toBeGreaterThan(500);
    expect(A.durationS).toBeGreaterThan(3600);
    expect(pages(A)).toBeGreaterThanOrEqual(5);
    expect(pages(B)).toBeGreaterThanOrEqual(2);
    expect(pages(C)).toBe(1);
  });

  let firstA: MomentsJson;

  it('(a) 1h47m English stream: first run = 1 videos.list + ceil(threads/100) commentThreads.list, top moments = truth', async () => {
    const from = api.requests.length;
    const run = await kirinuki(api, [`https://youtu.be/${A.video.id}?t=754`, '--json', '--out', join(root, 'p'), '--top', '10']);
    firstA = parseMoments(run);
    expect(requestsSince(api, from, 'videos')).toBe(1);
    expect(requestsSince(api, from, 'commentThreads')).toBe(pages(A));
    expect(api.requests.length - from).toBe(1 + pages(A));
    for (const r of api.requests.slice(from).filter((q) => q.path.endsWith('commentThreads'))) {
      expect(r.query.part?.split(',').sort()).toEqual(['replies', 'snippet']);
      expect(r.query.maxResults).toBe('100');
      expect(r.query.textFormat).toBe('plainText');
      expect(r.query.videoId).toBe(A.video.id);
    }
    expect(firstA.video).toEqual({ id: A.video.id, title: A.video.title, durationS: 6420 });
    expect(firstA.commentsFetched).toBe(A.commentsTotal);
    expect(firstA.mentions, 'timestamps inside the video (spam, 1:1:1, 99:99, past-the-end excluded)').toBe(A.mentions[0]);
    expect(firstA.moments.length).toBe(10);
    checkWindows(firstA);
    checkTruth(firstA, A);
    const saved = JSON.parse(readFileSync(join(root, 'p', A.video.id, 'moments.json'), 'utf8')) as MomentsJson;
    expect(saved).toEqual(firstA);
  });

  it('(a) second run (bare id, --top 4): zero API requests, same moments; --refresh fetches everything again', async () => {
    const from = api.requests.length;
    const second = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', join(root, 'p'), '--top', '4']));
    expect(api.requests.length - from, 'second run makes no request').toBe(0);
    expect(second.moments).toHaveLength(4);
    expect(second.moments).toEqual(firstA.moments.slice(0, 4));
    expect(second.commentsFetched).toBe(firstA.commentsFetched);
    // the cache needs no key either
    const noKey = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', join(root, 'p'), '--top', '4'], { YOUTUBE_API_KEY: undefined }));
    expect(noKey.moments).toEqual(second.moments);
    expect(api.requests.length - from).toBe(0);

    const before = api.requests.length;
    const refreshed = parseMoments(
      await kirinuki(api, [`https://m.youtube.com/watch?v=${A.video.id}&t=1m30s&list=PLqa`, '--json', '--out', join(root, 'p'), '--refresh']),
    );
    expect(requestsSince(api, before, 'videos')).toBe(1);
    expect(requestsSince(api, before, 'commentThreads')).toBe(pages(A));
    expect(refreshed.moments).toEqual(firstA.moments);
  });

  it('(b) Japanese notations (１２：０３, 12分3秒, 1時間2分3秒, 3:12〜3:40): truth, range end, cache', async () => {
    const from = api.requests.length;
    const json = parseMoments(await kirinuki(api, [`https://www.youtube.com/live/${B.video.id}?si=abc`, '--json', '--out', join(root, 'p'), '--top', '8']));
    expect(requestsSince(api, from, 'videos')).toBe(1);
    expect(requestsSince(api, from, 'commentThreads')).toBe(pages(B));
    expect(json.video).toEqual({ id: B.video.id, title: B.video.title, durationS: 4200 });
    expect(json.commentsFetched).toBe(B.commentsTotal);
    expect(json.mentions).toBeGreaterThanOrEqual(B.mentions[0]);
    expect(json.mentions).toBeLessThanOrEqual(B.mentions[1]);
    checkWindows(json);
    checkTruth(json, B);
    const again = await kirinuki(api, [B.video.id, '--json', '--out', join(root, 'p'), '--top', '8']);
    expect(api.requests.length - from).toBe(1 + pages(B));
    expect(parseMoments(again)).toEqual(json);
  });

  it('(c) 3-minute video: windows near 0 s and near the end stay inside [0, 180]; --top honoured', async () => {
    const from = api.requests.length;
    const json = parseMoments(await kirinuki(api, [`https://www.youtube.com/shorts/${C.video.id}`, '--json', '--out', join(root, 'p'), '--top', '3']));
    expect(api.requests.length - from).toBe(2);
    expect(json.moments).toHaveLength(3);
    expect(json.mentions).toBe(C.mentions[0]);
    checkWindows(json);
    checkTruth(json, C);
    const top2 = parseMoments(await kirinuki(api, [C.video.id, '--json', '--out', join(root, 'p'), '--top', '2']));
    expect(top2.moments).toHaveLength(2);
    expect(top2.moments).toEqual(json.moments.slice(0, 2));
    expect(api.requests.length - from).toBe(2);
  });

  it('errors: exit 1 and one `error CODE: message` line (comments disabled, invalid key, unknown video, invalid URL, missing key)', async () => {
    const out = (name: string): string[] => ['--out', join(root, name)];
    const before = api.requests.length;
    const [disabled, badKey, unknown, badUrl, badUrl2, noKey, disabledTable] = await Promise.all([
      kirinuki(api, [DISABLED.id, '--json', ...out('e1')]),
      kirinuki(api, [C.video.id, '--json', ...out('e2')], { YOUTUBE_API_KEY: 'not-the-key' }),
      kirinuki(api, ['nOsUcHvIdEo', '--json', ...out('e3')]),
      kirinuki(api, ['https://example.com/watch?v=dQw4w9WgXcQ', '--json', ...out('e4')]),
      kirinuki(api, ['https://www.youtube.com/watch?v=short', '--json', ...out('e4')]),
      kirinuki(api, [C.video.id, '--json', ...out('e5')], { YOUTUBE_API_KEY: undefined, KIRINUKI_YTDLP: join(root, 'no-yt-dlp') }),
      kirinuki(api, [`https://youtu.be/${DISABLED.id}`, ...out('e6')]),
    ]);
    expect(expectError(disabled, 'COMMENTS_DISABLED', true)).toContain(DISABLED.id);
    expectError(badKey, 'API_KEY_INVALID', true);
    expect(expectError(unknown, 'VIDEO_NOT_FOUND', true)).toContain('nOsUcHvIdEo');
    expect(expectError(badUrl, 'INVALID_URL', true)).toContain('https://example.com/watch?v=dQw4w9WgXcQ');
    expect(expectError(badUrl2, 'INVALID_URL', true)).toContain('https://www.youtube.com/watch?v=short');
    // without a key yt-dlp reads the comments; without yt-dlp either, the error names both ways out
    expect(expectError(noKey, 'YTDLP_MISSING', true)).toContain('YOUTUBE_API_KEY');
    expectError(disabledTable, 'COMMENTS_DISABLED', false);
    // no retries of 4xx: disabled ×2 ≤ 2 each, bad key 1, unknown ≤ 2, invalid URL and missing key 0
    expect(api.requests.length - before).toBeLessThanOrEqual(2 + 2 + 1 + 2);
    for (const r of api.requests.slice(before)) expect([DISABLED.id, C.video.id, 'nOsUcHvIdEo']).toContain(r.query.id ?? r.query.videoId);
    expect(api.requests.slice(before).filter((r) => r.query.key === undefined)).toHaveLength(0);
  });

  it('quota exceeded after 2 pages: QUOTA_EXCEEDED with the saved count, then the next run resumes from the saved page', async () => {
    const rootQ = join(root, 'q');
    const run = await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ]);
    const line = expectError(run, 'QUOTA_EXCEEDED', true);
    const savedComments = countComments(A.video.threads.slice(0, 200));
    expect(line, `the error says ${savedComments} comments were saved`).toContain(String(savedComments));
    expect(quotaApi.countOf('videos')).toBe(1);
    expect(quotaApi.countOf('commentThreads')).toBe(3); // 2 served + the one refused (403 is not retried)

    quotaApi.setFaults({});
    const from = quotaApi.requests.length;
    const resumed = parseMoments(await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ, '--top', '10']));
    expect(requestsSince(quotaApi, from, 'videos'), 'no second videos.list').toBe(0);
    expect(requestsSince(quotaApi, from, 'commentThreads'), 'only the missing pages').toBe(pages(A) - 2);
    expect(quotaApi.requests[from]!.query.pageToken, 'resumes from the saved page token').toBeTruthy();
    expect(resumed.commentsFetched).toBe(A.commentsTotal);
    expect(resumed.moments).toEqual(firstA.moments);
    const third = quotaApi.requests.length;
    parseMoments(await kirinuki(quotaApi, [A.video.id, '--json', '--out', rootQ]));
    expect(quotaApi.requests.length - third).toBe(0);
  });
  it('--max-comments stops early; a later run without it fetches the rest, not the first pages again', async () => {
    const rootM = join(root, 'm');
    const from = api.requests.length;
    const partial = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', rootM, '--max-comments', '150']));
    expect(requestsSince(api, from, 'commentThreads')).toBe(2);
    expect(partial.commentsFetched).toBeGreaterThanOrEqual(150);
    expect(partial.commentsFetched).toBeLessThan(A.commentsTotal);
    const mid = api.requests.length;
    const full = parseMoments(await kirinuki(api, [A.video.id, '--json', '--out', rootM, '--top', '10']));
    expect(requestsSince(api, mid, 'videos')).toBe(0);
    expect(requestsSince(api, mid, 'commentThreads')).toBeLessThanOrEqual(pages(A) - 1);
    expect(full.commentsFetched).toBe(A.commentsTotal);
    expect(full.moments).toEqual(firstA.moments);
  });

  it('(d) a moment whose lead-in touches a stronger neighbour is kept (merged into it or listed), not dropped', async () => {
    const json = parseMoments(await kirinuki(api, [D.video.id, '--json', '--out', join(root, 'p')]));
    checkWindows(json);
    const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] n=${m.mentions}`).join('; ');
    const rageQuit = json.moments.find((m) => m.start <= 619 && 619 <= m.end);
    expect(rageQuit, `10 viewers point at 10:19: some window holds it; got ${summary}`).toBeDefined();
    expect(rageQuit!.comments.filter((c) => c.t >= 618 && c.t <= 621).length, 'its 10 comments back it').toBeGreaterThanOrEqual(10);
    const cute = json.moments.find((m) => m.start <= 900 && 900 <= m.end);
    expect(cute, summary).toBeDefined();
    expect(rageQuit!.rank, `10:19 (10 viewers) ranks above 15:00 (4 viewers); got ${summary}`).toBeLessThan(cute!.rank);
  });

  it('(e) likes are a bonus: one 5000-like comment does not outrank 12 distinct viewers', async () => {
    const json = parseMoments(await kirinuki(api, [E.video.id, '--json', '--out', join(root, 'p'), '--top', '2']));
    checkWindows(json);
    checkTruth(json, E);
  });

  it('(f) viewers who disagree by −5…+10 s: each of five moments lies in one top window with ≥ 27 of its 30 mentions', async () => {
    const json = parseMoments(await kirinuki(api, [F.video.id, '--json', '--out', join(root, 'p'), '--top', '5']));
    checkWindows(json);
    const summary = json.moments.map((m) => `#${m.rank} [${m.start}-${m.end}] n=${m.mentions}`).join('; ');
    const problems: string[] = [];
    for (const truth of SPREAD_TRUTHS) {
      const m = json.moments.find((x) => x.start <= truth && truth <= x.end);
      const near = json.moments.find((x) => Math.abs(x.peak - truth) < 15);
      if (!m) problems.push(`${truth} s in no window (nearest: ${near ? `[${near.start}-${near.end}] n=${near.mentions}` : 'none'})`);
      else if (m.mentions < 27) problems.push(`${truth} s: [${m.start}-${m.end}] only ${m.mentions}/30 mentions`);
    }
    expect(problems, summary).toEqual([]);
  });

  it('503 on a page is retried (the run succeeds); a dead server is NETWORK after bounded retries', async () => {
    const flaky = await startFakeYoutubeApi({ videos: [C.video], faults: { fail503On: [2], resetOn: [4] } });
    const dead = await startFakeYoutubeApi({ videos: [C.video], faults: { resetAll: true } });
    try {
      const ok = parseMoments(await kirinuki(flaky, [C.video.id, '--json', '--out', join(root, 'flaky')]));
      expect(ok.commentsFetched).toBe(C.commentsTotal);
      expect(flaky.requests.filter((r) => r.status === 200)).toHaveLength(2);
      const started = Date.now();
      const down = await kirinuki(dead, [C.video.id, '--json', '--out', join(root, 'dead')]);
      expectError(down, 'NETWORK', true);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(dead.requests.length).toBeGreaterThan(1);
      expect(dead.requests.length).toBeLessThanOrEqual(10);
    } finally {
      await flaky.close();
      await dead.close();
    }
  });
});
