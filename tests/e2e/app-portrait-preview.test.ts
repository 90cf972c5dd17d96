import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportView, PeopleView } from '../../core/app/views.js';
import { ffmpegPath } from '../../core/media/binaries.js';
import type { Project } from '../../core/project/project-schema.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const run = promisify(execFile);
const SHOTS = join(REPO, 'test-results', 'e2e');
/** The preview's size on screen (renderer/src/components/PortraitPreview.tsx). */
const W = 216;
const H = 384;

interface VideoElement {
  currentTime: number;
  readyState: number;
  seeking: boolean;
  pause: () => void;
}
/** The preview's video, which notes the timestamp of each frame it presents. */
interface PresentingVideo {
  dataset: Record<string, string | undefined>;
  requestVideoFrameCallback: (callback: (now: number, frame: { mediaTime: number }) => void) => number;
}

/** Luminance of an image, W × H. */
async function luma(file: string): Promise<Float64Array> {
  const image = await loadImage(await readFile(file));
  const canvas = createCanvas(W, H);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0, W, H);
  const { data } = context.getImageData(0, 0, W, H);
  const out = new Float64Array(W * H);
  for (let i = 0; i < W * H; i += 1) out[i] = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
  return out;
}

/** Mean luminance per column over rows [top, bottom). */
function columns(image: Float64Array, top = 0, bottom = H): number[] {
  return Array.from({ length: W }, (_, x) => {
    let sum = 0;
    for (let y = top; y < bottom; y += 1) sum += image[y * W + x]!;
    return sum / (bottom - top);
  });
}

/** The horizontal shift (px) that best lines the two column profiles up, and the mean difference there. */
function bestShift(a: number[], b: number[], range = 40): { shift: number; diff: number } {
  let best = { shift: 0, diff: Number.POSITIVE_INFINITY };
  for (let s = -range; s <= range; s += 1) {
    let sum = 0;
    let n = 0;
    for (let x = 0; x < W; x += 1) {
      const y = x + s;
      if (y < 0 || y >= W) continue;
      sum += Math.abs(a[x]! - b[y]!);
      n += 1;
    }
    const diff = sum / n;
    if (diff < best.diff) best = { shift: s, diff };
  }
  return best;
}

describe('the portrait preview on the Video screen', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  const player = () => page.getByTestId('player');
  const preview = () => page.getByTestId('portrait-preview');

  /** Pauses the player at t and waits until the preview shows that frame, framed. */
  async function holdAt(t: number): Promise<void> {
    // each frame the preview's video presents is noted on it (a paused video presents one after a seek)
    await page.getByTestId('portrait-video').evaluate((v: PresentingVideo) => {
      if (v.dataset.presented !== undefined) return;
      v.dataset.presented = '';
      const note = (_now: number, frame: { mediaTime: number }) => {
        v.dataset.presented = String(frame.mediaTime);
        v.requestVideoFrameCallback(note);
      };
      v.requestVideoFrameCallback(note);
    });
    await player().evaluate((v: VideoElement, to: number) => {
      v.pause();
      v.currentTime = to;
    }, t);
    await expect.poll(() => player().evaluate((v: VideoElement, to: number) => !v.seeking && Math.abs(v.currentTime - to) < 0.01, t), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await preview().getAttribute('data-ready')) === 'true' && Math.abs(Number(await preview().getAttribute('data-time')) - t) < 0.01, { timeout: 10_000 }).toBe(true);
    // and that frame is on screen, not only decoded: the last presented one starts within a frame (25 fps) of t
    await expect.poll(() => page.getByTestId('portrait-video').evaluate((v: PresentingVideo, to: number) => Math.abs(to - Number(v.dataset.presented || NaN)) < 0.045, t), { timeout: 10_000 }).toBe(true);
  }

  async function exportFollow(): Promise<ExportView> {
    const outcome = await page.evaluate(() => (globalThis as unknown as { kirinuki: { exportClips: (a: unknown) => Promise<{ ok: boolean; value?: ExportView; error?: { message: string } }> } }).kirinuki.exportClips({
      videoId: 'pAnElShow01', preset: 'shorts', crop: 'follow', perPerson: false, personIds: [], caption: 'none', maxLengthS: null,
    }));
    if (!outcome.ok) throw new Error(outcome.error?.message);
    return outcome.value!;
  }

  /** The frame of the clip at source time t, scaled to the preview's size. */
  async function clipFrame(view: ExportView, rank: number, t: number, name: string): Promise<string> {
    const clip = view.clips.find((c) => c.moment === rank && c.person === null);
    expect(clip, `a clip of moment ${rank}`).toBeDefined();
    const out = join(SHOTS, `${name}.png`);
    await run(ffmpegPath(), ['-v', 'error', '-y', '-i', clip!.path, '-ss', (t - clip!.start).toFixed(3), '-frames:v', '1', '-vf', `scale=${W}:${H}`, out]);
    return out;
  }

  beforeAll(async () => {
    expect(PANEL_VIDEO_ID).toBe('pAnElShow01');
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('portrait');
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it('plays the moment framed as exported: a preview frame and the same frame of the clip put the people at the same place', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await player().waitFor();
    const project = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'project.json'), 'utf8')) as Project;
    const rank = project.moments!.find((m) => m.start <= 9 && m.end >= 12)!.rank;

    await page.getByTestId(`moment-open-${rank}`).click();
    await preview().waitFor();
    await expect.poll(() => preview().getAttribute('data-busy'), { timeout: 60_000 }).toBe('false');
    expect(await preview().getAttribute('data-mode')).toBe('crop');
    const [start] = (await preview().getAttribute('data-window'))!.split('-').map(Number);
    expect(await preview().getAttribute('data-override')).toBe('auto');

    // two times into the clip, on frame centres (25 fps)
    const times = [start! + 1.02, start! + 3.02];
    const shots: string[] = [];
    for (const [i, t] of times.entries()) {
      await holdAt(t);
      const file = join(SHOTS, `60-portrait-preview-${i}.png`);
      await preview().screenshot({ path: file });
      shots.push(file);
    }
    await page.screenshot({ path: join(SHOTS, '60-portrait-preview-screen.png') });

    const exported = await exportFollow();
    for (const [i, t] of times.entries()) {
      const frame = await clipFrame(exported, rank, t, `60-portrait-export-${i}`);
      const a = columns(await luma(shots[i]!));
      const b = columns(await luma(frame));
      const match = bestShift(a, b);
      expect(Math.abs(match.shift), `preview vs export at ${t.toFixed(2)} s: shift ${match.shift} px, diff ${match.diff.toFixed(1)}`).toBeLessThanOrEqual(3);
      expect(match.diff).toBeLessThan(20);
    }

    // the framing of this moment set to blur: saved in the project, previewed, honoured by the export
    await page.getByTestId('framing-blur').click();
    await expect.poll(() => preview().getAttribute('data-override'), { timeout: 30_000 }).toBe('blur');
    await expect.poll(() => preview().getAttribute('data-mode'), { timeout: 10_000 }).toBe('blur');
    const framing = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'framing.json'), 'utf8')) as unknown;
    // with the window of the moment it was made for: another moment that takes this rank later does not get it
    const { start: momentStart, end: momentEnd } = project.moments!.find((m) => m.rank === rank)!;
    expect(framing).toEqual({ version: 2, moments: { [String(rank)]: { mode: 'blur', window: { start: momentStart, end: momentEnd } } } });
    await holdAt(times[0]!);
    const blurShot = join(SHOTS, '61-portrait-preview-blur.png');
    await preview().screenshot({ path: blurShot });
    const again = await exportFollow();
    const blurFrame = await clipFrame(again, rank, times[0]!, '61-portrait-export-blur');
    // the sharp fitted picture is the middle band (16:9 in 9:16): compare it
    const band = { top: Math.round(H / 2 - (W * 9) / 32), bottom: Math.round(H / 2 + (W * 9) / 32) };
    const match = bestShift(columns(await luma(blurShot), band.top, band.bottom), columns(await luma(blurFrame), band.top, band.bottom));
    expect(Math.abs(match.shift), `blur: shift ${match.shift} px`).toBeLessThanOrEqual(3);
    expect(match.diff).toBeLessThan(20);
    // and the follow crop is not what the blurred clip shows
    const cropped = columns(await luma(shots[0]!), band.top, band.bottom);
    expect(bestShift(cropped, columns(await luma(blurFrame), band.top, band.bottom)).diff).toBeGreaterThan(match.diff);
    expect(consoleErrors).toEqual([]);
  }, 240_000);

  it('follows the person chosen from the People screen\'s list, in the preview and in the export alike', async () => {
    const api = <T,>(name: string, args: unknown): Promise<T> =>
      page.evaluate(async ([method, a]) => {
        const outcome = await (globalThis as unknown as { kirinuki: Record<string, (x: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>> }).kirinuki[method as string]!(a);
        if (!outcome.ok) throw new Error(outcome.error?.message);
        return outcome.value;
      }, [name, args] as const) as Promise<T>;
    // the People screen's people: C is on screen at 15–22 s, B at 8–15 s; both side by side at 26–31 s (B left, C right)
    const people = await api<PeopleView>('analyzeFaces', { videoId: PANEL_VIDEO_ID });
    const onAt = (t: number) => people.people.find((p) => p.appearances.some(([a, b]) => a <= t && t <= b))!;
    const b = onAt(11);
    const c = onAt(18);
    expect(b.id).not.toBe(c.id);
    await api('renamePerson', { videoId: PANEL_VIDEO_ID, personId: c.id, name: 'Carol' });
    await page.getByTestId('nav-people').click();
    await page.getByTestId(`person-${c.id}`).waitFor();
    const listed = await page.locator('[data-testid^="person-name-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')!.slice('person-name-'.length)));

    // the side-by-side moment, trimmed to the side-by-side shot
    await page.getByTestId('nav-video').click();
    await page.getByTestId('screen-video').waitFor();
    const project = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'project.json'), 'utf8')) as Project;
    const rank = project.moments!.find((m) => m.start <= 27 && m.end >= 28)!.rank;
    await page.getByTestId(`moment-open-${rank}`).click();
    for (const [field, value] of [['moment-in', '0:26.3'], ['moment-out', '0:30.7']] as const) {
      await page.getByTestId(field).fill(value);
      await page.getByTestId(field).press('Enter');
    }
    await expect.poll(() => preview().getAttribute('data-window'), { timeout: 60_000 }).toBe('26.3-30.7');
    await expect.poll(() => preview().getAttribute('data-busy'), { timeout: 60_000 }).toBe('false');

    // the picker lists exactly the People screen's people, by their names
    const picker = page.getByTestId('framing-person');
    const options = await picker.locator('option').evaluateAll((all) => all.map((o) => [o.getAttribute('value') ?? '', o.textContent ?? '']));
    expect(options.slice(1).map(([id]) => id).sort()).toEqual([...listed].sort());
    expect(options).toContainEqual([c.id, 'Carol']);

    /** Chooses a person, waits for the plan, and returns the crop's left edge (source px) at two times, with preview shots. */
    const follow = async (person: string, name: string) => {
      await picker.selectOption(person);
      await expect.poll(() => preview().getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
      await expect.poll(() => preview().getAttribute('data-override'), { timeout: 10_000 }).toBe('follow');
      expect(await picker.inputValue()).toBe(person);
      const shots: { t: number; file: string; x: number }[] = [];
      for (const [i, t] of [27.02, 29.02].entries()) {
        await holdAt(t);
        const file = join(SHOTS, `62-portrait-person-${name}-${i}.png`);
        await preview().screenshot({ path: file });
        shots.push({ t, file, x: Number(await preview().getAttribute('data-crop-x')) });
      }
      return shots;
    };
    const onB = await follow(b.id, 'B');
    const onC = await follow(c.id, 'C');
    await page.screenshot({ path: join(SHOTS, '62-portrait-person-screen.png') });
    const framing = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'framing.json'), 'utf8')) as { moments: Record<string, unknown> };
    expect(framing.moments[String(rank)]).toEqual({ mode: 'follow', person: c.id, window: { start: 26.3, end: 30.7 } });
    // B sits in the left half of the 1280 px frame, C in the right: the crop goes where the chosen one is
    for (const shot of onB) expect(shot.x + 405 / 2, `B at ${shot.t} s: crop at ${shot.x}`).toBeLessThan(640);
    for (const shot of onC) expect(shot.x + 405 / 2, `C at ${shot.t} s: crop at ${shot.x}`).toBeGreaterThan(640);

    // the export (follow camera, no per-person clips) shows C where the preview did
    const exported = await exportFollow();
    for (const shot of onC) {
      const frame = await clipFrame(exported, rank, shot.t, `62-portrait-person-export-${shot.t}`);
      const match = bestShift(columns(await luma(shot.file)), columns(await luma(frame)));
      expect(Math.abs(match.shift), `preview vs export at ${shot.t} s: shift ${match.shift} px, diff ${match.diff.toFixed(1)}`).toBeLessThanOrEqual(3);
      expect(match.diff).toBeLessThan(20);
      // and not what following B looks like
      const onBShot = onB.find((other) => other.t === shot.t)!;
      expect(bestShift(columns(await luma(onBShot.file)), columns(await luma(frame)), 0).diff).toBeGreaterThan(match.diff);
    }
    expect(consoleErrors).toEqual([]);
  }, 400_000);
});
