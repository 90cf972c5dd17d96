import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaces } from '../../core/faces/analyze-faces.js';
import type { TrackSample } from '../../core/faces/types.js';
import { readFrames, type VideoFrame } from '../../core/media/read-frames.js';
import { renderClip } from '../../core/media/render-clip.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { reframeVideo, type ReframeResult } from '../../core/pipeline/reframe-video.js';
import { cellMeans, laplacianVariance } from '../helpers/frame-sharpness.js';
import { composeBusyStream, composeCutStream, composeFacecamStream, composeTwoFaces, FACECAM_BOX, GAMEPLAY_SHOTS, PLAIN_FACECAM, type BusyFacecam } from '../helpers/layout-media.js';
import { planReframe } from '../../core/reframe/plan-reframe.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kirinuki-facecam-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function framesOf(path: string, fps: number): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of readFrames(path, { fps, maxWidth: 1920 })) frames.push(frame);
  return frames;
}

/** The faces of a video per analysed frame (2 a second), as the face stage tracks them. */
async function facesPerFrame(path: string): Promise<{ frames: number; byTime: Map<number, TrackSample[]> }> {
  const seen = await analyzeFaces(path, { fps: 2 });
  const byTime = new Map<number, TrackSample[]>();
  for (const sample of seen.tracks.flatMap((track) => track.samples)) {
    const key = Math.round(sample.t * 100);
    byTime.set(key, [...(byTime.get(key) ?? []), sample]);
  }
  return { frames: seen.analyzedFrames, byTime };
}

describe('reframe (layout auto): a face-cam in a corner over moving gameplay', () => {
  let source: string;
  let result: ReframeResult;

  beforeAll(async () => {
    source = join(work, 'stream.mp4');
    await composeFacecamStream(source);
    result = await reframeVideo(source, { output: join(work, 'stream-portrait.mp4'), projectsRoot: join(work, 'projects') });
  }, 300_000);

  it('records the face-cam layout for the shot, with the face-cam\'s rectangle found to a few pixels', () => {
    expect(result.shots.map((s) => s.mode)).toEqual(['facecam']);
    const shot = result.shots[0]!;
    expect(shot.reason).toMatch(/^a face-cam at /);
    const { cam, content, camHeight } = shot.facecam!;
    // the whole face-cam, border included, scaled to the output's width: about a third of its height
    expect(Math.abs(cam.x - FACECAM_BOX.x)).toBeLessThanOrEqual(8);
    expect(Math.abs(cam.y - FACECAM_BOX.y)).toBeLessThanOrEqual(8);
    expect(Math.abs(cam.x + cam.w - (FACECAM_BOX.x + FACECAM_BOX.w))).toBeLessThanOrEqual(8);
    expect(Math.abs(cam.y + cam.h - (FACECAM_BOX.y + FACECAM_BOX.h))).toBeLessThanOrEqual(8);
    expect(camHeight / 1920).toBeGreaterThan(0.28);
    expect(camHeight / 1920).toBeLessThan(0.36);
    // the content: the full height of the frame, beside the face-cam rather than under it
    expect(content.h).toBeGreaterThanOrEqual(1076);
    expect(content.x + content.w).toBeLessThanOrEqual(FACECAM_BOX.x + 4);
  });

  it('shows the face in the top third of every analysed output frame, and nowhere else', async () => {
    const { frames, byTime } = await facesPerFrame(result.path);
    expect(frames).toBeGreaterThanOrEqual(10);
    // the face detector may miss the face in a frame now and then
    expect(byTime.size).toBeGreaterThanOrEqual(0.9 * frames);
    for (const faces of byTime.values()) {
      for (const face of faces) {
        expect(face.box.y + face.box.h / 2).toBeLessThan(1920 / 3);
        // scaled up from the 480x270 picture: a big face, not a blown-up one
        expect(face.box.h).toBeGreaterThan(200);
      }
    }
  }, 240_000);

  it('shows the gameplay below it: the source region\'s picture, as detailed, not a blurred fill', async () => {
    const camHeight = result.shots[0]!.facecam!.camHeight;
    const { content } = result.shots[0]!.facecam!;
    const blurred = join(work, 'stream-blur.mp4');
    await renderClip({ input: source, start: 0, end: 6, output: blurred, width: 1080, height: 1920, crop: { mode: 'blur' } });
    const [out, blur, src] = await Promise.all([framesOf(result.path, 1), framesOf(blurred, 1), framesOf(source, 1)]);
    expect(out.length).toBeGreaterThanOrEqual(5);
    const below = { x: 0, y: camHeight, w: 1080, h: 1920 - camHeight };
    for (let i = 0; i < out.length; i += 1) {
      const sharp = laplacianVariance(out[i]!, below);
      // the blurred fit's fill above and below the fitted frame
      const fill = laplacianVariance(blur[i]!, { x: 0, y: 0, w: 1080, h: 600 });
      expect(sharp).toBeGreaterThan(20 * fill);
      // the same picture as the source's content region, cell by cell
      const shown = cellMeans(out[i]!, below, 12);
      const region = cellMeans(src[i]!, content, 12);
      const difference = shown.reduce((sum, v, k) => sum + Math.abs(v - region[k]!), 0) / shown.length;
      expect(difference).toBeLessThan(6);
    }
  }, 240_000);
});

describe('reframe (layout auto): a face-cam over gameplay with cuts, a short shot and a nearly static one', () => {
  let source: string;
  let result: ReframeResult;

  beforeAll(async () => {
    source = join(work, 'cut-stream.mp4');
    await composeCutStream(source);
    result = await reframeVideo(source, { output: join(work, 'cut-portrait.mp4'), projectsRoot: join(work, 'projects') });
  }, 300_000);

  it('keeps the face-cam layout, at the same rectangle, in every shot across the cuts', () => {
    expect(result.shots.length).toBeGreaterThanOrEqual(3);
    expect(result.shots.map((s) => s.mode)).toEqual(result.shots.map(() => 'facecam'));
    for (const shot of result.shots) {
      const { cam } = shot.facecam!;
      expect(Math.abs(cam.x - FACECAM_BOX.x)).toBeLessThanOrEqual(8);
      expect(Math.abs(cam.y + cam.h - (FACECAM_BOX.y + FACECAM_BOX.h))).toBeLessThanOrEqual(8);
    }
  });

  it('shows the face in the top third of every analysed output frame, and the gameplay below it, not a blurred fill', async () => {
    // over busy gameplay the detector misses the face in whole output frames now and then: the top
    // third alone must show it in every analysed frame, and the whole frame nowhere else
    const top = join(work, 'cut-top.mp4');
    await runFfmpeg({
      inputs: [{ path: result.path }],
      outputOptions: ['-vf', 'crop=1080:640:0:0', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p'],
      output: top,
      format: 'mp4',
      expectedDurationS: 9,
    });
    const inTop = await facesPerFrame(top);
    expect(inTop.frames).toBeGreaterThanOrEqual(16);
    expect(inTop.byTime.size).toBe(inTop.frames);
    for (const faces of inTop.byTime.values()) expect(Math.max(...faces.map((f) => f.box.h))).toBeGreaterThan(200);
    const whole = await facesPerFrame(result.path);
    for (const faces of whole.byTime.values()) {
      for (const face of faces) expect(face.box.y + face.box.h / 2).toBeLessThan(1920 / 3);
    }
    // one output frame in the middle of each gameplay shot: below the face-cam, the source's content
    // region itself, cell by cell (the blurred fit shows a blurred fill and a small fitted frame there)
    const [out, src] = await Promise.all([framesOf(result.path, 4), framesOf(source, 4)]);
    let start = 0;
    for (const gameplay of GAMEPLAY_SHOTS) {
      const t = start + gameplay.durationS / 2;
      start += gameplay.durationS;
      const i = Math.floor(t * 4);
      const { camHeight, content } = result.shots.find((s) => s.start <= t && t < s.end)!.facecam!;
      const below = { x: 0, y: camHeight, w: 1080, h: 1920 - camHeight };
      const shown = cellMeans(out[i]!, below, 12);
      const region = cellMeans(src[i]!, content, 12);
      const difference = shown.reduce((sum, v, k) => sum + Math.abs(v - region[k]!), 0) / shown.length;
      expect(difference).toBeLessThan(6);
    }
  }, 240_000);

  it('keeps the face-cam in every shot with --layout facecam too', async () => {
    const plan = await planReframe(source, { output: { width: 1080, height: 1920 }, layout: 'facecam' });
    expect(plan.shots.map((s) => s.mode)).toEqual(plan.shots.map(() => 'facecam'));
  }, 240_000);
});

describe('the camera plan of a face-cam without a border, bottom left, with a smaller face', () => {
  it('finds its rectangle from its picture differing from the moving content around it', async () => {
    const source = join(work, 'plain-cam.mp4');
    await composeFacecamStream(source, PLAIN_FACECAM);
    const plan = await planReframe(source, { output: { width: 1080, height: 1920 } });
    expect(plan.shots.map((s) => s.mode)).toEqual(['facecam']);
    const { cam } = plan.shots[0]!.facecam!;
    const box = PLAIN_FACECAM.box;
    expect(Math.abs(cam.x - box.x)).toBeLessThanOrEqual(8);
    expect(Math.abs(cam.x + cam.w - (box.x + box.w))).toBeLessThanOrEqual(8);
    // 400x300 is taller than 40 % of the output at its width: cropped around the face, inside the face-cam
    expect(cam.y).toBeGreaterThanOrEqual(box.y - 8);
    expect(cam.y + cam.h).toBeLessThanOrEqual(box.y + box.h + 8);
    expect(plan.shots[0]!.facecam!.camHeight).toBe(768);
  }, 240_000);
});

describe('a face-cam over gameplay that changes like a cut on nearly every frame', () => {
  const CASES: Array<{ gameplay: 'scrolling' | 'flashing'; cam: BusyFacecam }> = [
    { gameplay: 'scrolling', cam: { x: 1400, y: 36, w: 480, h: 270, face: 'video/liveportrait_d11.mp4' } },
    { gameplay: 'flashing', cam: { x: 40, y: 860, w: 320, h: 180, face: 'video/liveportrait_d12.mp4' } },
  ];

  for (const { gameplay, cam } of CASES) {
    it(`${gameplay}: tracks the face through it as one face and finds the face-cam's rectangle to a few pixels`, async () => {
      const source = join(work, `busy-${gameplay}.mp4`);
      await composeBusyStream(source, gameplay, cam);
      // the face stage: not a new shot on every frame (which left no track long enough to count)
      const seen = await analyzeFaces(source, { fps: 5 });
      expect(seen.cuts).toEqual([]);
      const inCam = seen.tracks.filter((track) => track.samples.every((s) => s.box.x >= cam.x && s.box.x + s.box.w <= cam.x + cam.w + 12));
      const longest = Math.max(...inCam.map((track) => track.samples.at(-1)!.t - track.samples[0]!.t));
      expect(longest).toBeGreaterThan(0.8 * 8);
      // the camera: the face-cam layout at the bordered picture's rectangle
      const plan = await planReframe(source, { output: { width: 1080, height: 1920 } });
      expect(plan.shots.map((s) => s.mode)).toEqual(['facecam']);
      const found = plan.shots[0]!.facecam!.cam;
      expect(Math.abs(found.x - cam.x)).toBeLessThanOrEqual(8);
      expect(Math.abs(found.y - cam.y)).toBeLessThanOrEqual(8);
      expect(Math.abs(found.x + found.w - (cam.x + cam.w + 12))).toBeLessThanOrEqual(8);
      expect(Math.abs(found.y + found.h - (cam.y + cam.h + 12))).toBeLessThanOrEqual(8);
    }, 300_000);
  }
});

describe('reframe (layout auto): two people far apart', () => {
  let result: ReframeResult;

  beforeAll(async () => {
    const source = join(work, 'two.mp4');
    await composeTwoFaces(source);
    result = await reframeVideo(source, { output: join(work, 'two-portrait.mp4'), projectsRoot: join(work, 'projects') });
  }, 300_000);

  it('stacks them, one per half, instead of the blurred fit', () => {
    expect(result.shots.map((s) => s.mode)).toEqual(['split']);
    expect(result.shots[0]!.subjects).toHaveLength(2);
  });

  it('shows each face large in its half in every analysed output frame', async () => {
    const { frames, byTime } = await facesPerFrame(result.path);
    expect(frames).toBeGreaterThanOrEqual(10);
    // the face detector may miss a frame of one of the two now and then
    let both = 0;
    for (const faces of byTime.values()) {
      const top = faces.filter((f) => f.box.y + f.box.h / 2 < 960);
      const bottom = faces.filter((f) => f.box.y + f.box.h / 2 >= 960);
      if (top.length === 1 && bottom.length === 1) both += 1;
      // the blurred fit would show them about 110 px tall (480 px sources at 0.56)
      for (const face of faces) expect(face.box.h).toBeGreaterThan(0.2 * 960);
    }
    expect(both).toBeGreaterThanOrEqual(0.9 * frames);
  }, 240_000);

  it('never stacks them with --layout single', async () => {
    const single = await reframeVideo(join(work, 'two.mp4'), { output: join(work, 'two-single.mp4'), projectsRoot: join(work, 'projects'), layout: 'single' });
    expect(single.shots.map((s) => s.mode)).not.toContain('split');
  }, 240_000);
});
