import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeVideoFromCommentsFile, startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedFixture } from '../helpers/shared-media.js';

const REPO = resolve(import.meta.dirname, '../..');
const MAIN_JS = join(REPO, 'dist/core/cli/main.js');
const fixture = fakeVideoFromCommentsFile(sharedFixture('youtube/commentThreads-dQ4wT9xYz0A.json'));
const PAGES = Math.ceil(fixture.threads.length / 100);

let api: FakeYoutubeApi;
let root: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Async on purpose: the fake server lives in this process and must keep answering. */
function kirinuki(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/kirinuki.js'), ...args], {
      cwd: REPO,
      env: { ...process.env, YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function distIsStale(): boolean {
  try {
    return statSync(MAIN_JS).mtimeMs < newestSourceMtime(join(REPO, 'core'));
  } catch {
    return true;
  }
}

beforeAll(async () => {
  if (distIsStale()) {
    await new Promise<void>((done, fail) => {
      const build = spawn('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
      build.on('error', fail);
      build.on('close', () => done());
    });
  }
  expect(statSync(MAIN_JS).isFile()).toBe(true);
  api = await startFakeYoutubeApi({
    videos: [fixture, { id: 'noComments1', title: 'comments off', duration: 'PT3M', threads: [], commentsDisabled: true }],
  });
  root = await mkdtemp(join(tmpdir(), 'kirinuki-yt-cli-'));
});

afterAll(async () => {
  await api?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('kirinuki moments against a loopback Data API', () => {
  it('fetches once (1 videos.list + 1 commentThreads.list per 100 threads), then answers from the cache', async () => {
    const url = `https://www.youtube.com/watch?v=${fixture.id}`;
    const first = await kirinuki(['moments', url, '--out', root, '--json']);
    expect(first.stderr).not.toContain('error');
    expect(first.status).toBe(0);
    const result = JSON.parse(first.stdout) as { video: { id: string; durationS: number }; commentsFetched: number; moments: { peak: number }[] };
    expect(result.video).toMatchObject({ id: fixture.id, durationS: 905 });
    expect(result.commentsFetched).toBe(505);
    expect(result.moments.length).toBeGreaterThanOrEqual(4);
    expect(api.countOf('videos')).toBe(1);
    expect(api.countOf('commentThreads')).toBe(PAGES);

    const second = await kirinuki(['moments', fixture.id, '--out', root, '--json'], { YOUTUBE_API_KEY: '' });
    expect(second.status).toBe(0);
    expect(api.requests).toHaveLength(1 + PAGES);
    expect(JSON.parse(second.stdout)).toEqual(result);
  });

  it('exits non-zero with one error line naming the code', async () => {
    const before = api.requests.length;
    const disabled = await kirinuki(['moments', 'https://youtu.be/noComments1', '--out', root]);
    expect(disabled.status).toBe(1);
    expect(disabled.stderr).toMatch(/^error COMMENTS_DISABLED: .*noComments1.*$/m);
    expect(api.requests.length - before).toBe(2);

    const badKey = await kirinuki(['moments', 'AAAAAAAAAAA', '--out', root, '--json'], { YOUTUBE_API_KEY: 'wrong' });
    expect(badKey.status).toBe(1);
    expect(badKey.stderr).toMatch(/^error API_KEY_INVALID: /m);
    expect(JSON.parse(badKey.stdout)).toMatchObject({ error: { code: 'API_KEY_INVALID' } });

    const invalid = await kirinuki(['moments', 'https://vimeo.com/123', '--out', root]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('error INVALID_URL: "https://vimeo.com/123"');
  });
});
