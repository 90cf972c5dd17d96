import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../core/app/app-context.js';
import type { CallContext } from '../../core/app/contract.js';
import { framingHandlers } from '../../core/app/handlers/framing-handlers.js';
import type { ClipLayout } from '../../core/media/clip-layout.js';
import type { MediaInfo } from '../../core/media/probe.js';
import { KirinukiError } from '../../core/errors.js';
import { updateProject } from '../../core/project/project-store.js';
import type { CropRequest } from '../../core/reframe/crop-planner.js';
import { createFramedCropPlanner } from '../../core/reframe/framed-crop-planner.js';
import { readFraming } from '../../core/reframe/framing.js';
import type { ReframeLayout } from '../../core/reframe/reframe-layouts.js';

const VIDEO_ID = 'framingTest';
const SOURCE = { width: 1920, height: 1080 };
/** The largest 9:16 crop of 1920 × 1080 (even sides), as core/media renders `center`. */
const CROP_W = 606;

let base: string;
let root: string;
let videoFile: string;
const calls: { layout: string; request: CropRequest }[] = [];

/** A stand-in camera: pans from the left edge to the right one over the clip. */
const follow = (layout: ReframeLayout) => async (request: CropRequest): Promise<ClipLayout> => {
  calls.push({ layout, request });
  const d = request.input.end - request.input.start;
  if (layout === 'split') {
    return { mode: 'split', top: [{ t: 0, x: 0, y: 0, w: 1920, h: 540 }], bottom: [{ t: 0, x: 900, y: 300, w: 1920, h: 540 }] };
  }
  if (layout === 'facecam') {
    return { mode: 'facecam', camHeight: 608, cam: [{ t: 0, x: 1400, y: 36, w: 492, h: 280 }], content: [{ t: 0, x: 300, y: 0, w: 880, h: 1080 }] };
  }
  return { mode: 'path', path: [{ t: 0, x: -50, y: 0, w: 600, h: 1066 }, { t: d, x: 1500, y: 0, w: 600, h: 1066 }] };
};

const probe = async (path: string): Promise<MediaInfo> => ({
  path, durationS: 60, durationSource: 'header', ...SOURCE, videoStreamIndex: 0, sampleAspectRatio: 1,
  codedWidth: SOURCE.width, codedHeight: SOURCE.height, rotation: 0, fps: 25,
}) as MediaInfo;

const context = (): AppContext => ({
  root: async () => root,
  settings: { view: async () => ({ defaultPreset: 'shorts' }) },
} as unknown as AppContext);

const call: CallContext = { jobId: null, signal: new AbortController().signal, onProgress: () => undefined, paused: () => false };

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-framing-'));
  root = join(base, 'projects');
  videoFile = join(base, 'video.mp4');
  await writeFile(videoFile, 'not really a video');
  await updateProject(root, VIDEO_ID, videoFile, {
    video: { id: VIDEO_ID, title: 'Framing', durationS: 60 },
    moments: [
      { rank: 1, start: 10, end: 20, peak: 12, score: 1, mentions: 5, comments: [] },
      { rank: 2, start: 30, end: 40, peak: 31, score: 0.5, mentions: 3, comments: [] },
    ],
    videoFile,
  });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('previewFraming', () => {
  it('plans the moment with the follow camera, as crop boxes the export renders, and caches the plan in the project', async () => {
    const handlers = framingHandlers(context(), { follow, probe });
    const view = await handlers.previewFraming({ videoId: VIDEO_ID, moment: 1 }, call);
    expect(view.window).toEqual({ start: 10, end: 20 });
    expect(view.output).toEqual({ width: 1080, height: 1920 });
    expect(view.crop).toBe('follow');
    expect(view.override).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.moment).toBe(1);
    expect(calls[0]!.request.input).toEqual({ path: videoFile, start: 10, end: 20 });
    const [run] = view.runs;
    expect(run?.mode).toBe('crop');
    if (run?.mode !== 'crop') throw new Error('not a crop');
    // the path's constant size (even, 9:16 of the widest sample) and the corner clamped into the frame
    expect(run.path.map((b) => [b.t, b.x, b.w, b.h])).toEqual([[0, 0, 600, 1066], [10, 1920 - 600, 600, 1066]]);
    expect(await readdir(join(root, VIDEO_ID, 'framing-plans'))).toHaveLength(1);
    // a new service (another session) reads the cached plan: no second analysis
    await framingHandlers(context(), { follow, probe }).previewFraming({ videoId: VIDEO_ID, moment: 1 }, call);
    expect(calls).toHaveLength(1);
  });

  it('shows the centre crop and the blurred fit of the export', async () => {
    const handlers = framingHandlers(context(), { follow, probe });
    const center = await handlers.previewFraming({ videoId: VIDEO_ID, moment: 2, crop: 'center' }, call);
    expect(center.runs).toEqual([{ start: 0, end: 10, mode: 'crop', path: [{ t: 0, x: 656, y: 0, w: CROP_W, h: 1080 }] }]);
    const blur = await handlers.previewFraming({ videoId: VIDEO_ID, moment: 2, crop: 'blur' }, call);
    expect(blur.runs).toEqual([{ start: 0, end: 10, mode: 'blur', fit: { x: 0, y: 656, width: 1080, height: 606 } }]);
  });

  it('saves an override in framing.json and previews it; auto clears it', async () => {
    const handlers = framingHandlers(context(), { follow, probe });
    const blur = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'blur' } }, call);
    expect(blur.override).toEqual({ mode: 'blur' });
    expect(blur.runs[0]?.mode).toBe('blur');
    expect(JSON.parse(await readFile(join(root, VIDEO_ID, 'framing.json'), 'utf8'))).toEqual({ version: 1, moments: { 2: { mode: 'blur' } } });

    const left = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'fixed', x: 0, person: 'ignored' } }, call);
    expect(left.override).toEqual({ mode: 'fixed', x: 0 });
    expect(left.runs[0]).toMatchObject({ mode: 'crop', path: [{ x: 0, w: CROP_W }] });
    const right = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'fixed', x: 1 } }, call);
    expect(right.runs[0]).toMatchObject({ mode: 'crop', path: [{ x: 1920 - CROP_W }] });

    const split = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'split' } }, call);
    expect(calls.at(-1)?.layout).toBe('split');
    expect(split.runs[0]).toMatchObject({ mode: 'split', half: 960 });

    const facecam = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'facecam' } }, call);
    expect(calls.at(-1)?.layout).toBe('facecam');
    expect(facecam.override).toEqual({ mode: 'facecam' });
    const run = facecam.runs[0]!;
    expect(run).toMatchObject({ mode: 'facecam', camHeight: 608 });
    // the boxes the export crops: the face-cam at the top's aspect, the content at the rest's
    if (run.mode === 'facecam') {
      expect(Math.abs(run.cam[0]!.x - 1400)).toBeLessThanOrEqual(2);
      expect(run.cam[0]!.w / run.cam[0]!.h).toBeCloseTo(1080 / 608, 1);
      expect(run.content[0]!.w / run.content[0]!.h).toBeCloseTo(1080 / 1312, 2);
    }

    const auto = await handlers.saveFraming({ videoId: VIDEO_ID, moment: 2, override: { mode: 'auto' } }, call);
    expect(auto.override).toBeNull();
    expect((await readFraming(join(root, VIDEO_ID))).moments).toEqual({});
  });

  it('stops the plan of a project\'s last preview when another moment is previewed, and only that project\'s', async () => {
    // a camera that analyses until it is stopped, as the face analysis of a long moment does
    const stopped: number[] = [];
    const slow = () => (request: CropRequest): Promise<ClipLayout> => new Promise((_resolve, reject) => {
      request.signal?.addEventListener('abort', () => {
        stopped.push(request.moment ?? -1);
        reject(new KirinukiError('CANCELLED', 'The operation was cancelled.'));
      });
    });
    const handlers = framingHandlers(context(), { follow: slow, probe });
    // windows of 7 and 8 s: no earlier test planned them, so they are not in the plan cache
    const first = handlers.previewFraming({ videoId: VIDEO_ID, moment: 1, crop: 'follow', maxLengthS: 7 }, call);
    const outcome = first.then(() => 'finished', (error: unknown) => (error as KirinukiError).code);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toEqual([]);
    // the second preview is quick (centre crop): the first's analysis is stopped, not finished
    const second = await handlers.previewFraming({ videoId: VIDEO_ID, moment: 2, crop: 'center' }, call);
    expect(second.moment).toBe(2);
    expect(await outcome).toBe('CANCELLED');
    expect(stopped).toEqual([1]);
    // the caller's own signal still stops a preview too
    const own = new AbortController();
    const third = handlers.previewFraming({ videoId: VIDEO_ID, moment: 1, crop: 'follow', maxLengthS: 8 }, { ...call, signal: own.signal });
    const thirdOutcome = third.then(() => 'finished', (error: unknown) => (error as KirinukiError).code);
    await new Promise((resolve) => setTimeout(resolve, 50));
    own.abort();
    expect(await thirdOutcome).toBe('CANCELLED');
  });

  it('refuses a moment that does not exist', async () => {
    const handlers = framingHandlers(context(), { follow, probe });
    await expect(handlers.previewFraming({ videoId: VIDEO_ID, moment: 9 }, call)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('rejects a corrupt framing.json', async () => {
    const dir = join(root, VIDEO_ID);
    await writeFile(join(dir, 'framing.json'), JSON.stringify({ version: 1, moments: { 1: { mode: 'sideways' } } }));
    await expect(readFraming(dir)).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
    await rm(join(dir, 'framing.json'));
  });
});

describe('the export\'s framed crop planner', () => {
  const request = (moment: number): CropRequest => ({
    person: null, moment, segment: { start: 0, end: 5 }, input: { path: videoFile, start: 0, end: 5 },
    source: { ...SOURCE } as MediaInfo, width: 1080, height: 1920,
  });

  it('applies each moment\'s override and keys the clip by it', async () => {
    const framing = { version: 1 as const, moments: { 1: { mode: 'center' as const }, 2: { mode: 'fixed' as const, x: 0.25 } } };
    const planner = createFramedCropPlanner({ crop: 'blur', framing, follow });
    expect(await planner(request(1))).toEqual({ mode: 'center' });
    expect(await planner(request(2))).toEqual({ mode: 'path', path: [{ t: 0, x: Math.round(0.25 * (1920 - CROP_W)), y: 0, w: CROP_W, h: 1080 }] });
    // no override: the export's crop
    expect(await planner(request(3))).toEqual({ mode: 'blur' });
    expect(planner.keyOf(1)).toEqual({ mode: 'center' });
    expect(planner.keyOf(3)).toBeNull();
  });

  it('gives a moment without override the follow camera with the export\'s --layout (default auto)', async () => {
    const empty = { version: 1 as const, moments: {} };
    await createFramedCropPlanner({ crop: 'follow', framing: empty, follow })(request(4));
    expect(calls.at(-1)?.layout).toBe('auto');
    await createFramedCropPlanner({ crop: 'follow', framing: empty, follow, layout: 'single' })(request(4));
    expect(calls.at(-1)?.layout).toBe('single');
    const facecam = await createFramedCropPlanner({ crop: 'follow', framing: empty, follow, layout: 'facecam' })(request(4));
    expect(facecam).toMatchObject({ mode: 'facecam', camHeight: 608 });
  });
});
