import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import { probeMedia } from '../../core/media/probe.js';
import { ensureBuilt, runCli, type CliRun } from '../helpers/built-cli.js';
import { sharedMedia } from '../helpers/shared-media.js';

function kirinuki(args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: scratch, timeout: 240_000 });
}

let scratch: string;

/** The error line: non-TTY progress lines may come before it. */
const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/reframe.js', { failOnBuildError: true });
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-reframe-cli-'));
}, 300_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('kirinuki reframe', () => {
  it('prints the reframe JSON and writes the video and the crop path in the project', async () => {
    const out = join(scratch, 'moving.mp4');
    const run = await kirinuki(['reframe', sharedMedia('video/moving_face.mp4'), '--out', out, '--to', '4', '--projects', join(scratch, 'p'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & { cropPath: Array<Record<string, number>>; planFile: string };
    expect(json).toMatchObject({ path: out, width: 1080, height: 1920, crop: 'follow' });
    expect(json.durationS as number).toBeCloseTo(4, 1);
    expect(json.cropPath.length).toBeGreaterThan(50);
    for (const sample of json.cropPath) {
      expect(Object.keys(sample).sort()).toEqual(['h', 't', 'w', 'x', 'y']);
      expect(sample.x).toBeGreaterThanOrEqual(0);
      expect(sample.x! + sample.w!).toBeLessThanOrEqual(1280);
    }
    expect(await probeMedia(out)).toMatchObject({ width: 1080, height: 1920, videoCodec: 'h264' });
    const saved = JSON.parse(await readFile(json.planFile, 'utf8')) as { cropPath: unknown[] };
    expect(saved.cropPath).toEqual(json.cropPath);
  }, 240_000);

  it('fails with one line naming the problem', async () => {
    const noOut = await kirinuki(['reframe', sharedMedia('video/moving_face.mp4')]);
    expect(noOut.code).toBe(1);
    expect(lastLine(noOut.stderr)).toBe('error INVALID_ARGUMENT: --out FILE is required: the reframed video to write.');
    const badCrop = await kirinuki(['reframe', sharedMedia('video/moving_face.mp4'), '--out', 'x.mp4', '--crop', 'zoom']);
    expect(lastLine(badCrop.stderr)).toMatch(/^error INVALID_ARGUMENT: --crop "zoom" is not one of follow, center, blur\./);
    const badLayout = await kirinuki(['reframe', sharedMedia('video/moving_face.mp4'), '--out', 'x.mp4', '--layout', 'grid']);
    expect(badLayout.code).toBe(1);
    expect(lastLine(badLayout.stderr)).toBe('error INVALID_ARGUMENT: --layout "grid" is not one of auto, single, split, facecam.');
    const audio = await kirinuki(['reframe', sharedMedia('codecs/speech_only.m4a'), '--out', 'x.mp4', '--json']);
    expect(audio.code).toBe(1);
    expect(lastLine(audio.stderr)).toMatch(/^error NO_VIDEO_STREAM: .*speech_only\.m4a/);
    expect(JSON.parse(audio.stdout)).toMatchObject({ error: { code: 'NO_VIDEO_STREAM' } });
    const missing = await kirinuki(['reframe', join(scratch, 'nope.mp4'), '--out', 'x.mp4']);
    expect(lastLine(missing.stderr)).toMatch(/^error FILE_NOT_FOUND: .*nope\.mp4/);
    const nobody = await kirinuki(['reframe', sharedMedia('video/faceapi_bbt_5frames.mp4'), '--out', 'x.mp4', '--person', 'person-99', '--projects', join(scratch, 'p')]);
    expect(lastLine(nobody.stderr)).toMatch(/^error PERSON_NOT_FOUND: --person person-99 is not among the people found in .*faceapi_bbt_5frames\.mp4/);
    const late = await kirinuki(['reframe', sharedMedia('video/moving_face.mp4'), '--out', 'x.mp4', '--from', '9']);
    expect(lastLine(late.stderr)).toMatch(/^error INVALID_ARGUMENT: --from 9 .*moving_face\.mp4/);
    expect(existsSync(join(scratch, 'x.mp4'))).toBe(false);
  }, 120_000);

  it('makes follow the default crop of `kirinuki clips` for portrait presets', async () => {
    const comments = join(scratch, 'moving.info.json');
    const texts = ['0:02-0:06 look at her go', '0:02~0:06 lol', '0:03 this'];
    await writeFile(comments, JSON.stringify({
      id: 'movingFace1', title: 'moving face', duration: 8,
      comments: texts.map((text, i) => ({ id: `c${i}`, parent: 'root', text, like_count: i, author: `a${i}`, author_id: `a${i}`, timestamp: 1700000000 + i })),
    }));
    const run = await kirinuki(['clips', sharedMedia('video/moving_face.mp4'), '--comments', comments, '--top', '1', '--out', join(scratch, 'clips'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { clips: Array<{ path: string }>; manifest: string };
    const manifest = JSON.parse(await readFile(json.manifest, 'utf8')) as { crop: string };
    expect(manifest.crop).toBe('follow');
    const seen = await analyzeFaces(json.clips[0]!.path, { fps: 4 });
    const faces = seen.tracks.flatMap((track) => track.samples);
    expect(faces.length).toBeGreaterThanOrEqual(0.8 * seen.analyzedFrames);
  }, 240_000);
});
