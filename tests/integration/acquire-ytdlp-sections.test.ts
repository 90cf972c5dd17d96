import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireVideo } from '../../core/acquire/acquire-video.js';
import { locateWindow } from '../../core/acquire/video-sections.js';
import { runClips } from '../../core/pipeline/run-clips.js';
import { exportClips } from '../../core/export/export-clips.js';
import { probeMedia } from '../../core/media/probe.js';
import { readFrames } from '../../core/media/read-frames.js';
import type { Progress } from '../../core/progress.js';
import { moment } from '../helpers/clips-media-checks.js';
import { serveFileWithRanges, type RangeFileServer } from '../helpers/range-file-server.js';
import { sharedMedia } from '../helpers/shared-media.js';

// SMPTE bars with a burned-in frame number: every frame looks different from its neighbours.
const SOURCE = sharedMedia('codecs/smpte-2997.mp4');
const DURATION = 10.05;

let server: RangeFileServer;
let root: string;

beforeAll(async () => {
  server = await serveFileWithRanges(SOURCE, 'smpte.mp4');
  root = await mkdtemp(join(tmpdir(), 'kirinuki-ytdlp-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function frameAt(path: string, t: number): Promise<Buffer> {
  for await (const frame of readFrames(path, { from: t, to: t + 0.2, fps: 25, maxWidth: 320 })) return frame.data;
  throw new Error(`no frame at ${t} s in ${path}`);
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('yt-dlp section download from a 127.0.0.1 server honouring Range', () => {
  const projectDir = (): string => join(root, 'smpte');

  it('downloads only the margin-widened section, shifts clip times, and reports progress', async () => {
    const progress: Progress[] = [];
    const video = await acquireVideo({
      downloadUrl: server.url,
      windows: [{ start: 6.2, end: 7.6 }],
      durationS: DURATION,
      projectDir: projectDir(),
      marginS: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(video.origin).toBe('download-sections');
    expect(video.sections).toHaveLength(1);
    const section = video.sections[0];
    expect(section?.start).toBeCloseTo(5.2, 3);
    expect(section?.end).toBeCloseTo(8.6, 3);
    expect(server.ranges.some((r) => /^bytes=[1-9]\d*-/.test(r))).toBe(true); // ffmpeg seeked with Range

    const info = await probeMedia(section?.path ?? '');
    expect(info.durationS).toBeGreaterThan(3.2);
    expect(info.durationS).toBeLessThan(3.9);
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.every((p, i) => i === 0 || p.fraction >= (progress[i - 1]?.fraction ?? 0))).toBe(true);

    // the frame at source 7.0 s is at 7.0 - 5.2 s in the section file
    const inFile = locateWindow(video, { start: 7.0, end: 7.4 });
    expect(inFile.start).toBeCloseTo(1.8, 3);
    const original = await frameAt(SOURCE, 7.0);
    const same = await frameAt(inFile.path, inFile.start);
    const nextFrame = await frameAt(SOURCE, 7.04);
    // within one frame: the shifted frame matches far better than the very next frame does
    expect(meanAbsDiff(original, same)).toBeLessThan(meanAbsDiff(original, nextFrame) / 3);
  });

  it('a re-run reuses the section already downloaded (no new request) and clears work a killed run left', async () => {
    const abandoned = join(projectDir(), 'downloads', '.download-999999-1.part');
    await mkdir(abandoned, { recursive: true });
    await writeFile(join(abandoned, 'section-1.0-2.0.mp4.part'), 'half');
    const before = server.ranges.length;
    const video = await acquireVideo({ downloadUrl: server.url, windows: [{ start: 6.5, end: 7.5 }], durationS: DURATION, projectDir: projectDir(), marginS: 1 });
    expect(video.sections).toHaveLength(1);
    expect(server.ranges.length).toBe(before);
    expect(existsSync(abandoned)).toBe(false);
  });

  it('a cancelled download leaves no file behind', async () => {
    const dir = join(root, 'cancelled');
    const controller = new AbortController();
    const pending = acquireVideo({
      downloadUrl: server.url,
      windows: [{ start: 1, end: 3 }],
      durationS: DURATION,
      projectDir: dir,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    setTimeout(() => controller.abort(), 400);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(join(dir, 'downloads'))).toBe(true);
    expect(await readdir(join(dir, 'downloads'))).toEqual([]);
  });

  it('--full-download fetches the whole video once', async () => {
    const video = await acquireVideo({ downloadUrl: server.url, windows: [{ start: 1, end: 2 }], durationS: DURATION, projectDir: join(root, 'full'), fullDownload: true });
    expect(video.origin).toBe('download');
    expect(video.sections).toEqual([{ path: join(root, 'full', 'downloads', 'source.mp4'), start: 0, end: Number.POSITIVE_INFINITY }]);
    expect(Math.abs((await probeMedia(video.sections[0]?.path ?? '')).durationS - DURATION)).toBeLessThan(0.05);
  });

  it('a URL that is not there is DOWNLOAD_FAILED naming it', async () => {
    await expect(
      acquireVideo({ downloadUrl: server.url.replace('smpte.mp4', 'missing.mp4'), windows: [{ start: 1, end: 2 }], durationS: DURATION, projectDir: join(root, 'missing') }),
    ).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED', message: expect.stringContaining('missing.mp4') });
  });
});

describe('exporting from downloaded sections', () => {
  it('cuts the moment at its source time although the file holds only a section', async () => {
    const projectDir = join(root, 'export');
    const video = await acquireVideo({ downloadUrl: server.url, windows: [{ start: 6.2, end: 7.2 }], durationS: DURATION, projectDir, marginS: 1 });
    const result = await exportClips({
      video,
      videoMeta: { id: 'smpte', title: 'smpte', durationS: DURATION },
      moments: [moment(1, 6.2, 7.2)],
      projectDir,
      preset: 'landscape',
      summary: false,
    });
    const clip = result.clips[0];
    expect([clip?.start, clip?.end]).toEqual([6.2, 7.2]);
    expect(Math.abs((clip?.durationS ?? 0) - 1)).toBeLessThanOrEqual(0.04);
    const first = await frameAt(clip?.path ?? '', 0);
    const truth = await frameAt(SOURCE, 6.2);
    const neighbour = await frameAt(SOURCE, 6.24);
    expect(meanAbsDiff(first, truth)).toBeLessThan(meanAbsDiff(first, neighbour));
  });
});

describe('runClips from an info.json whose video is only on the server', () => {
  it('downloads the sections it needs and cuts at the right source time', async () => {
    const dir = join(root, 'info-json');
    await mkdir(dir, { recursive: true });
    const info = join(dir, 'SMPTE bars [smpteBars01].info.json');
    const comments = ['0:06 here', '0:06 草', '0:06 yes', '0:07 lol'].map((text, i) => ({ id: `c${i}`, parent: 'root', text, like_count: i, author_id: `UC${i}`, author: `a${i}` }));
    await writeFile(info, JSON.stringify({ id: 'smpteBars01', title: 'SMPTE bars', duration: DURATION, webpage_url: server.url, comments }));
    const result = await runClips(info, { root: join(dir, 'projects'), clips: { preset: 'landscape', maxLength: 2, top: 1 } });
    expect(result.projectDir).toBe(join(dir, 'projects', 'smpteBars01'));
    const downloads = await readdir(join(result.projectDir, 'downloads'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(/^section-[\d.]+-[\d.]+\.mp4$/);
    const clip = result.clips[0];
    expect(clip).toBeDefined();
    const first = await frameAt(clip?.path ?? '', 0);
    const truth = await frameAt(SOURCE, clip?.start ?? 0);
    const neighbour = await frameAt(SOURCE, (clip?.start ?? 0) + 0.04);
    expect(meanAbsDiff(first, truth)).toBeLessThan(meanAbsDiff(first, neighbour));
  });
});
