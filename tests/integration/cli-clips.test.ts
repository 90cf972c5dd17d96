import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { ensureBuilt, runCli, type CliRun } from '../helpers/built-cli.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4'); // 1280x720, 25 fps, 38.16 s

/** yt-dlp's info.json shape with viewers pointing at 0:04, 0:17 and 0:28 of the panel video (with ranges, so the moments stay apart). */
function infoJson(): object {
  const comments = [
    ...['0:04-0:09 lol', '0:04~0:09 草', '0:05 this', '0:04-0:09 ww', '0:04 haha'].map((text, i) => ({ text, like_count: 3 + i, author_id: `UCa${i}` })),
    ...['0:17-0:22 神', '0:17~0:22 yes', '0:18 最高😂', '0:17 omg'].map((text, i) => ({ text, like_count: i === 2 ? 900 : 2, author_id: `UCb${i}` })),
    ...['0:28-0:33 two of them', '0:28~0:33 lmao', '0:29 草'].map((text, i) => ({ text, like_count: 1, author_id: `UCc${i}` })),
  ].map((c, i) => ({ id: `c${i}`, parent: 'root', author: c.author_id, timestamp: 1700000000 + i, ...c }));
  return { id: 'panelVideo1', title: 'Panel トーク: 3 people', duration: 38.16, comments };
}

let scratch: string;
let comments: string;

beforeAll(async () => {
  const built = await ensureBuilt('dist/core/cli/commands/clips.js');
  expect(existsSync(built)).toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-clips-cli-'));
  comments = join(scratch, 'comments.info.json');
  await writeFile(comments, JSON.stringify(infoJson()));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function cli(args: string[], onStart?: (pid: number) => void): Promise<CliRun> {
  return runCli(['clips', ...args], { cwd: scratch, detached: true, onStart });
}

const ARGS = (root: string): string[] => [PANEL, '--comments', comments, '--out', root, '--max-length', '3', '--top', '3', '--caption', 'top-comment', '--json'];

describe('kirinuki clips (CLI)', () => {
  it('a SIGKILL half-way leaves no complete-looking file; the re-run finishes and keeps what was done', async () => {
    const root = join(scratch, 'killed');
    let killedAt: string[] = [];
    const killed = await cli(ARGS(root), (pid) => {
      void (async () => {
        // wait until the second clip is being encoded, then kill node and its ffmpeg at once
        for (let i = 0; i < 600; i += 1) {
          await sleep(50);
          const dirs = existsSync(root) ? await readdir(root) : [];
          const clips = dirs[0] ? join(root, dirs[0], 'clips') : '';
          const names = clips && existsSync(clips) ? await readdir(clips) : [];
          if (names.some((n) => n.endsWith('.part')) && names.some((n) => n.endsWith('.mp4'))) {
            killedAt = names;
            process.kill(-pid, 'SIGKILL');
            return;
          }
        }
      })();
    });
    expect(killed.stderr).not.toMatch(/^error /m);
    expect(killed.code).toBeNull(); // killed, not exited
    expect(killedAt.some((n) => n.endsWith('.part'))).toBe(true);
    const [projectId] = await readdir(root);
    expect(projectId).toMatch(/^panel-[0-9a-f]{12}$/); // a local file without a YouTube id
    const clipsDir = join(root, projectId ?? '', 'clips');
    for (const name of (await readdir(clipsDir)).filter((n) => n.endsWith('.mp4'))) {
      const info = await probeMedia(join(clipsDir, name)); // every file that looks complete is complete
      expect(Math.abs(info.durationS - 3)).toBeLessThanOrEqual(0.04);
    }
    expect(existsSync(join(root, projectId ?? '', 'summary.mp4'))).toBe(false);

    const rerun = await cli(ARGS(root));
    expect(rerun.code).toBe(0);
    const result = JSON.parse(rerun.stdout) as { clips: { path: string; moment: number; start: number; end: number; width: number; height: number; durationS: number; person: null }[]; summary: { durationS: number }; skipped: number };
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    expect(result.clips).toHaveLength(3);
    for (const clip of result.clips) {
      expect(Object.keys(clip).sort()).toEqual(['captions', 'durationS', 'end', 'height', 'moment', 'path', 'person', 'start', 'upload', 'width']);
      expect((clip as { captions?: unknown }).captions).toEqual({ mode: 'top-comment', telops: 0 }); // --caption: the older spelling
      expect([clip.width, clip.height]).toEqual([1080, 1920]);
      expect(Math.abs(clip.durationS - 3)).toBeLessThanOrEqual(0.04);
      expect(clip.end - clip.start).toBeCloseTo(3, 3);
    }
    expect(Math.abs(result.summary.durationS - 9)).toBeLessThan(0.15);
    expect((await readdir(clipsDir)).filter((n) => n.includes('.part'))).toEqual([]);
  });

  it("--fast says it cuts at keyframes", async () => {
    const run = await cli([PANEL, '--comments', comments, '--out', join(scratch, 'fast'), '--top', '1', '--fast', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('stream copy at keyframes');
  });

  it.each([
    [['/nowhere/video.mp4'], 'FILE_NOT_FOUND', 'video.mp4'],
    [[PANEL, '--comments', 'COMMENTS', '--preset', 'vine'], 'INVALID_ARGUMENT', '--preset "vine"'],
    [[PANEL, '--comments', 'COMMENTS', '--crop', 'zoom'], 'INVALID_ARGUMENT', '--crop "zoom"'],
    [[PANEL, '--comments', 'COMMENTS', '--layout', 'grid'], 'INVALID_ARGUMENT', '--layout "grid" is not one of auto, single, split, facecam.'],
    [[PANEL, '--comments', 'COMMENTS', '--max-length', '500'], 'INVALID_ARGUMENT', '--max-length 500'],
    [['COMMENTS', '--video', sharedMedia('codecs/speech_only.m4a')], 'NO_VIDEO_STREAM', 'speech_only.m4a'],
  ])('%j → exit 1 with error %s', async (args, code, detail) => {
    const run = await cli([...args.map((a) => (a === 'COMMENTS' ? comments : a)), '--out', join(scratch, 'errors')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error ${code}: .*${detail.replace(/[.*"[\]-]/g, '\\$&')}`, 'm'));
  });
});
