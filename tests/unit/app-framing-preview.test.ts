import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../core/app/app-context.js';
import type { CallContext } from '../../core/app/contract.js';
import { framingHandlers } from '../../core/app/handlers/framing-handlers.js';
import { projectHandlers } from '../../core/app/handlers/project-handlers.js';
import type { MomentView, ProjectView } from '../../core/app/views.js';
import type { ClipLayout } from '../../core/media/clip-layout.js';
import type { MediaInfo } from '../../core/media/probe.js';
import { KirinukiError } from '../../core/errors.js';
import { updateProject } from '../../core/project/project-store.js';
import type { CropRequest } from '../../core/reframe/crop-planner.js';
import { createFramedCropPlanner } from '../../core/reframe/framed-crop-planner.js';
import { framingOf, readFraming } from '../../core/reframe/framing.js';
import type { ReframeLayout } from '../../core/reframe/reframe-layouts.js';
import { makeThreads } from '../helpers/fake-youtube-api.js';

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

/** The files the user chose (loadViewerFile loads only those). */
const chosenFiles = new Set<string>();
const context = (): AppContext => ({
  root: async () => root,
  settings: { view: async () => ({ defaultPreset: 'shorts' }) },
  chosenFiles,
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
    // with the window of the moment it was made for
    expect(JSON.parse(await readFile(join(root, VIDEO_ID, 'framing.json'), 'utf8'))).toEqual({ version: 2, moments: { 2: { mode: 'blur', window: { start: 30, end: 40 } } } });

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

  const moments = [1, 2, 3, 4].map((rank) => ({ rank, start: 0, end: 5 }));

  it('applies each moment\'s override and keys the clip by it', async () => {
    const framing = { version: 2 as const, moments: { 1: { mode: 'center' as const }, 2: { mode: 'fixed' as const, x: 0.25, window: { start: 0, end: 5 } } } };
    const planner = createFramedCropPlanner({ crop: 'blur', framing, moments, follow });
    expect(await planner(request(1))).toEqual({ mode: 'center' });
    expect(await planner(request(2))).toEqual({ mode: 'path', path: [{ t: 0, x: Math.round(0.25 * (1920 - CROP_W)), y: 0, w: CROP_W, h: 1080 }] });
    // no override: the export's crop
    expect(await planner(request(3))).toEqual({ mode: 'blur' });
    expect(planner.keyOf(1)).toEqual({ mode: 'center' });
    expect(planner.keyOf(3)).toBeNull();
  });

  it('gives a moment without override the follow camera with the export\'s --layout (default auto)', async () => {
    const empty = { version: 2 as const, moments: {} };
    await createFramedCropPlanner({ crop: 'follow', framing: empty, moments, follow })(request(4));
    expect(calls.at(-1)?.layout).toBe('auto');
    await createFramedCropPlanner({ crop: 'follow', framing: empty, moments, follow, layout: 'single' })(request(4));
    expect(calls.at(-1)?.layout).toBe('single');
    const facecam = await createFramedCropPlanner({ crop: 'follow', framing: empty, moments, follow, layout: 'facecam' })(request(4));
    expect(facecam).toMatchObject({ mode: 'facecam', camHeight: 608 });
  });
});

describe('overrides follow their moment', () => {
  const MOVE_ID = 'framingMove';
  const dir = () => join(root, MOVE_ID);
  /** The stand-in probe of a 10 min video. */
  const probeLong = async (path: string): Promise<MediaInfo> => ({ ...(await probe(path)), durationS: 600 });
  const framing = () => framingHandlers(context(), { follow, probe: probeLong });
  const moments = () => projectHandlers(context());
  const at = (view: ProjectView, t: number): MomentView => {
    const moment = view.moments.find((m) => m.start <= t && t <= m.end);
    if (!moment) throw new Error(`no moment at ${t} s`);
    return moment;
  };
  /** Loads a comments file of the project's video, `count` viewers pointing at each time, as "Load comments…" does. */
  const loadComments = async (name: string, bursts: { at: string; count: number }[]): Promise<ProjectView> => {
    const comments = bursts.flatMap((b) => Array.from({ length: b.count }, (_, i) => ({ text: `${b.at} look at this ${i}`, likes: b.count - i })));
    const video = { id: MOVE_ID, title: 'Moves', duration: 'PT10M', durationS: 600 };
    const file = join(base, name);
    await writeFile(file, JSON.stringify({ video, threads: makeThreads(MOVE_ID, comments) }));
    chosenFiles.add(file);
    return moments().loadViewerFile({ videoId: MOVE_ID, kind: 'comments', file }, call);
  };
  const preview = (moment: number) => framing().previewFraming({ videoId: MOVE_ID, moment, crop: 'center' }, call);
  const request = (moment: number): CropRequest => ({
    person: null, moment, segment: { start: 0, end: 5 }, input: { path: videoFile, start: 0, end: 5 },
    source: { ...SOURCE } as MediaInfo, width: 1080, height: 1920,
  });
  const CENTER = { mode: 'crop', path: [{ t: 0, x: 656, y: 0, w: CROP_W, h: 1080 }] };
  /** The rank, start and end of each moment. */
  const windows = (view: ProjectView) => view.moments.map((m) => [m.rank, m.start, m.end]);

  beforeAll(async () => {
    await updateProject(root, MOVE_ID, videoFile, { video: { id: MOVE_ID, title: 'Moves', durationS: 600 }, moments: [], videoFile });
  });

  it('keeps an override on its moment when loading comments again gives the rank to another one, in the preview and the export', async () => {
    const first = await loadComments('first.json', [{ at: '1:00', count: 12 }, { at: '3:00', count: 6 }]);
    expect(windows(first)).toEqual([[1, 57, 77], [2, 177, 197]]);
    const added = await moments().addMoment({ videoId: MOVE_ID, start: 480, end: 490 }, call);
    expect(at(added, 485).rank).toBe(3);
    expect((await framing().saveFraming({ videoId: MOVE_ID, moment: 2, override: { mode: 'fixed', x: 0 }, crop: 'center' }, call)).override).toEqual({ mode: 'fixed', x: 0 });
    await framing().saveFraming({ videoId: MOVE_ID, moment: 3, override: { mode: 'blur' }, crop: 'center' }, call);

    // more viewers at 5:00: it ranks first, the moment at 1:00 becomes #2, the one at 3:00 #3, the hand-added one #4
    const second = await loadComments('second.json', [{ at: '1:00', count: 12 }, { at: '3:00', count: 6 }, { at: '5:00', count: 20 }]);
    expect(windows(second)).toEqual([[1, 297, 317], [2, 57, 77], [3, 177, 197], [4, 480, 490]]);
    const newTwo = await preview(2);
    expect(newTwo.override).toBeNull();
    expect(newTwo.runs).toEqual([{ start: 0, end: 20, ...CENTER }]);
    const three = await preview(3);
    expect(three.override).toEqual({ mode: 'fixed', x: 0 });
    expect(three.runs[0]).toMatchObject({ mode: 'crop', path: [{ x: 0, w: CROP_W }] });
    const four = await preview(4);
    expect(four.override).toEqual({ mode: 'blur' });
    expect(four.runs[0]?.mode).toBe('blur');
    expect(JSON.parse(await readFile(join(dir(), 'framing.json'), 'utf8'))).toEqual({
      version: 2,
      moments: { 3: { mode: 'fixed', x: 0, window: { start: 177, end: 197 } }, 4: { mode: 'blur', window: { start: 480, end: 490 } } },
    });

    // the export of the app (its moments as the Video screen shows them) frames them alike
    const planner = createFramedCropPlanner({ crop: 'center', framing: await readFraming(dir()), moments: second.moments, follow });
    expect(await planner(request(2))).toEqual({ mode: 'center' });
    expect(planner.keyOf(2)).toBeNull();
    expect(await planner(request(3))).toEqual({ mode: 'path', path: [{ t: 0, x: 0, y: 0, w: CROP_W, h: 1080 }] });
    expect(await planner(request(4))).toEqual({ mode: 'blur' });
  });

  it('does not apply an override to another moment that took its rank outside the app (kirinuki moments, then clips)', async () => {
    // framing.json as it was before the comments were loaded again, which the CLI does not move
    const stale = { version: 2, moments: { 2: { mode: 'fixed', x: 0, window: { start: 177, end: 197 } } } };
    await writeFile(join(dir(), 'framing.json'), JSON.stringify(stale));
    expect((await preview(2)).override).toBeNull();
    const view = await moments().openProject({ videoId: MOVE_ID }, call);
    // the CLI's export plans the moments of project.json with the same planner
    const planner = createFramedCropPlanner({ crop: 'center', framing: await readFraming(dir()), moments: view.moments, follow });
    expect(await planner(request(2))).toEqual({ mode: 'center' });
    expect(planner.keyOf(2)).toBeNull();
    // the moment it was made for still has it, were it to get its rank back
    expect(framingOf(await readFraming(dir()), { rank: 2, start: 177, end: 197 })).toEqual({ mode: 'fixed', x: 0 });
  });

  it('still reads a framing.json of version 1 (no windows): applied by rank as before, and moved with its moment when comments are loaded again', async () => {
    await writeFile(join(dir(), 'framing.json'), JSON.stringify({ version: 1, moments: { 2: { mode: 'blur' } } }));
    expect((await readFraming(dir())).moments).toEqual({ 2: { mode: 'blur' } });
    expect((await preview(2)).override).toEqual({ mode: 'blur' });
    const third = await loadComments('third.json', [{ at: '1:00', count: 12 }, { at: '3:00', count: 30 }, { at: '5:00', count: 20 }]);
    expect(windows(third)).toEqual([[1, 177, 197], [2, 297, 317], [3, 57, 77], [4, 480, 490]]);
    expect(JSON.parse(await readFile(join(dir(), 'framing.json'), 'utf8'))).toEqual({ version: 2, moments: { 3: { mode: 'blur', window: { start: 57, end: 77 } } } });
    expect((await preview(2)).override).toBeNull();
    expect((await preview(3)).override).toEqual({ mode: 'blur' });
  });

  it('keeps an override on its moment through trims, splits, deletes and undo', async () => {
    const trimmed = await moments().editMoment({ videoId: MOVE_ID, rank: 3, start: 60, end: 75 }, call);
    expect(at(trimmed, 70).rank).toBe(3);
    expect((await readFraming(dir())).moments[3]?.window).toEqual({ start: 60, end: 75 });
    // a second trim measured from the first: the override still is the moment's
    await moments().editMoment({ videoId: MOVE_ID, rank: 3, start: 66 }, call);
    expect((await preview(3)).override).toEqual({ mode: 'blur' });

    const split = await moments().splitMoment({ videoId: MOVE_ID, rank: 3, at: 70 }, call);
    const tail = at(split, 72);
    expect(tail.rank).toBe(5);
    expect((await preview(3)).override).toEqual({ mode: 'blur' });
    expect((await preview(5)).override).toBeNull();

    await moments().deleteMoment({ videoId: MOVE_ID, rank: 3 }, call);
    await expect(preview(3)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await moments().undoMomentEdit({ videoId: MOVE_ID }, call);
    expect((await preview(3)).override).toEqual({ mode: 'blur' });
    expect((await readFraming(dir())).moments[3]?.window).toEqual({ start: 66, end: 70 });

    // merged into the moment after it: the merged moment keeps its own framing (none), the absorbed one's stays with it
    const merged = await moments().editMoment({ videoId: MOVE_ID, rank: 5, start: 64, merge: true }, call);
    expect(at(merged, 67).rank).toBe(5);
    expect((await preview(5)).override).toBeNull();
  });

  it('edits the moments even when framing.json is of a newer Kirinuki, and leaves that file as it is', async () => {
    const newer = JSON.stringify({ version: 3, moments: {} });
    await writeFile(join(dir(), 'framing.json'), newer);
    await expect(preview(5)).rejects.toMatchObject({ code: 'PROJECT_TOO_NEW' });
    const edited = await moments().editMoment({ videoId: MOVE_ID, rank: 5, end: 74 }, call);
    expect(at(edited, 70).end).toBe(74);
    expect(await readFile(join(dir(), 'framing.json'), 'utf8')).toBe(newer);
  });
});
