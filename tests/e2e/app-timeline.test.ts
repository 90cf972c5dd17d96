import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app/app-state.js';
import type { ProjectView } from '../../core/app/views.js';
import type { Project } from '../../core/project/project-schema.js';
import { framesDrawn } from '../helpers/app-browser.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
const DURATION_S = 38;
/** The machine may be busy: an answer of the service can take seconds. */
const SLOW = { timeout: 20_000 };

/** The bits of DOM elements the test reads (the tests are type-checked without the DOM lib). */
interface VideoElement {
  currentTime: number;
  readyState: number;
  paused: boolean;
  seeking: boolean;
}
type Api = { openProject: (args: { videoId: string }) => Promise<{ ok: true; value: ProjectView } | { ok: false }> };

describe('the timeline for trimming', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  const player = () => page.getByTestId('player');
  const playerTime = () => player().evaluate((v: VideoElement) => v.currentTime);
  const view = async () => {
    const timeline = page.getByTestId('timeline');
    return { start: Number(await timeline.getAttribute('data-view-start')), end: Number(await timeline.getAttribute('data-view-end')) };
  };
  /** The page x of time `t` on the timeline as it is zoomed now. */
  const xOf = async (t: number) => {
    const box = (await page.getByTestId('timeline-ruler').boundingBox())!;
    const { start, end } = await view();
    return box.x + ((t - start) / (end - start)) * box.width;
  };
  const moments = async () => {
    const project = await page.evaluate(
      async (id) => (await (globalThis as unknown as { kirinuki: Api }).kirinuki.openProject({ videoId: id })) as { ok: true; value: ProjectView },
      PANEL_VIDEO_ID,
    );
    return project.value.moments.map((m) => ({ rank: m.rank, start: m.start, end: m.end, added: m.added ?? false }));
  };
  const appState = async () => JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'app-state.json'), 'utf8')) as AppState;
  const shots = async (name: string) => {
    for (const [width, height] of [[1024, 700], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await framesDrawn(page);
      await page.getByTestId('timeline').evaluate((el) => (el as unknown as { scrollIntoView: (o: object) => void }).scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await framesDrawn(page);
  };
  /** Drags on the ruler from `a` to `b` seconds: selects that range. */
  const selectRange = async (a: number, b: number) => {
    const y = (await page.getByTestId('timeline-ruler').boundingBox())!;
    await page.mouse.move(await xOf(a), y.y + y.height / 2);
    await page.mouse.down();
    await page.mouse.move(await xOf((a + b) / 2), y.y + y.height / 2, { steps: 3 });
    await page.mouse.move(await xOf(b), y.y + y.height / 2, { steps: 3 });
    await page.mouse.up();
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('timeline');
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log('alerts:', await page.locator('[role="alert"]').allTextContents(), consoleErrors, JSON.stringify((await appState().catch(() => null))?.momentEdits), JSON.stringify(await moments()));
    if (context.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `timeline-failed-${context.task.name.slice(0, 20)}.png`) });
  });

  afterAll(() => session?.close());

  it('zooms, scrubs, takes typed in/out points and nudges, and plays a moment to its out point', async () => {
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await player().waitFor();
    await expect.poll(() => player().evaluate((v: VideoElement) => v.readyState), SLOW).toBeGreaterThanOrEqual(1);
    const found = await moments();
    const first = found.find((m) => m.start <= 9 && m.end >= 10)!;
    expect(first, 'a moment around 0:09').toBeDefined();
    await page.getByTestId(`moment-open-${first.rank}`).click();
    expect(await page.getByTestId('editor-rank').textContent()).toBe(`#${first.rank}`);

    // the whole video, a ruler with labelled ticks
    expect(await view()).toEqual({ start: 0, end: DURATION_S });
    expect(await page.locator('.tick').count()).toBeGreaterThan(3);
    expect(await page.locator('.tick-label').first().textContent()).toBe('0:00');

    // + zooms around the playhead, - back out; Ctrl+wheel zooms around the pointer
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const zoomed = await view();
    expect(zoomed.end - zoomed.start).toBeCloseTo(DURATION_S / 2.25, 1);
    await page.keyboard.press('-');
    expect((await view()).end - (await view()).start).toBeCloseTo(DURATION_S / 1.5, 1);
    await page.keyboard.press('0');
    const ruler = (await page.getByTestId('timeline-ruler').boundingBox())!;
    await page.mouse.move(await xOf(27), ruler.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await view()).end - (await view()).start, SLOW).toBeCloseTo(DURATION_S / 1.5, 1);
    const wheeled = await view();
    expect(wheeled.start).toBeLessThan(27);
    expect(wheeled.end).toBeGreaterThan(27);
    // the pointer's time stays under the pointer
    expect(await xOf(27)).toBeCloseTo(ruler.x + (27 / DURATION_S) * ruler.width, -1);

    // the video's pictures and sound under the moments, made once by the core and served from the project
    await expect.poll(() => page.getByTestId('media-lanes').getAttribute('data-state'), SLOW).toBe('ready');
    expect(await page.getByTestId('media-waveform').locator('svg path').count()).toBe(1);
    const thumbs = page.getByTestId('thumb');
    expect(await thumbs.count()).toBeGreaterThan(3);
    const stripUrl = await thumbs.first().evaluate((el) => (el as unknown as { style: { backgroundImage: string } }).style.backgroundImage.replace(/^url\("?|"?\)$/g, ''));
    expect(await page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), stripUrl)).toBe('image/jpeg');

    // "fit moment": the selected moment fills the view, the signal lanes on the same axis
    await page.getByTestId('zoom-fit').click();
    const fitted = await view();
    expect(fitted.start).toBeLessThanOrEqual(first.start);
    expect(fitted.end).toBeGreaterThanOrEqual(first.end);
    expect(fitted.end - fitted.start).toBeLessThan((first.end - first.start) * 1.3 + 1);
    const viewBox = await page.getByTestId('lane-comments').locator('svg').getAttribute('viewBox');
    expect(viewBox).toBe(`${fitted.start} 0 ${fitted.end - fitted.start} 100`);
    const range = (await page.getByTestId(`range-${first.rank}`).boundingBox())!;
    // a thumbnail on the zoomed axis: its left edge at its time
    const thumb = page.getByTestId('thumb').nth(1);
    expect((await thumb.boundingBox())!.x).toBeCloseTo(await xOf(Number(await thumb.getAttribute('data-t'))), -1);
    expect(await page.getByTestId('media-waveform').locator('svg').getAttribute('viewBox')).toBe(`${fitted.start} -1 ${fitted.end - fitted.start} 2`);
    expect(range.x).toBeCloseTo(await xOf(first.start), -1);
    expect(range.x + range.width).toBeCloseTo(await xOf(first.end), -1);

    // a click inside the range seeks where it was clicked, not to the moment's start
    const inside = first.start + (first.end - first.start) * 0.7;
    await page.mouse.click(await xOf(inside), range.y + range.height / 2);
    await expect.poll(playerTime, SLOW).toBeCloseTo(inside, 0);
    expect(Math.abs((await playerTime()) - first.start)).toBeGreaterThan(1);

    // typed in / out points
    await page.getByTestId('moment-in').fill('0:08.50');
    await page.getByTestId('moment-in').press('Enter');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.start, SLOW).toBe(8.5);
    const out = Math.min(first.end, 12);
    await page.getByTestId('moment-out').fill(`${out - 1}`);
    await page.getByTestId('moment-out').press('Enter');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.end, SLOW).toBe(out - 1);
    // frame-exact timecodes: milliseconds, and the frame number at the video's 25 fps
    await expect.poll(() => page.getByTestId('moment-out').inputValue(), SLOW).toBe(`0:${String(out - 1).padStart(2, '0')}.000`);
    await expect.poll(() => page.getByTestId('moment-out-frame').textContent(), SLOW).toBe(`f${(out - 1) * 25}`);
    // a time that is not one is marked and not saved
    await page.getByTestId('moment-in').fill('8:75');
    await page.getByTestId('moment-in').press('Enter');
    expect(await page.getByTestId('moment-in').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('moment-in').press('Escape');
    expect(await page.getByTestId('moment-in').inputValue()).toBe('0:08.500');

    // nudges: out 1 s later, in 1 frame later (8.5 s is inside frame 212 of 25 fps: the next frame starts at 8.52 s)
    await page.getByTestId('nudge-out-plus-1s').click();
    await expect.poll(() => page.getByTestId('moment-out').inputValue(), SLOW).toBe(`0:${String(out).padStart(2, '0')}.000`);
    await page.getByTestId('nudge-in-plus-1f').click();
    await expect.poll(() => page.getByTestId('moment-in').inputValue(), SLOW).toBe('0:08.520');
    await expect.poll(() => page.getByTestId('moment-in-frame').textContent(), SLOW).toBe('f213');
    // the same from the keyboard: ] / [ move the in point one frame, . / , the out point, Shift one second
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
    await page.keyboard.press(']');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.start, SLOW).toBe(8.56);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.start, SLOW).toBe(8.48);
    await page.keyboard.press('Shift+,');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.end, SLOW).toBe(out - 1);
    await page.keyboard.press('.');
    await expect.poll(async () => (await appState()).momentEdits?.[String(first.rank)]?.end, SLOW).toBe(out - 1 + 0.04);
    await expect.poll(() => page.getByTestId('moment-out-frame').textContent(), SLOW).toBe(`f${(out - 1) * 25 + 1}`);
    await shots('30-timeline-zoomed');

    // "play moment" starts at the in point and stops at the out point
    await page.getByTestId('play-moment').click();
    await expect.poll(() => player().evaluate((v: VideoElement) => !v.paused), SLOW).toBe(true);
    await expect.poll(() => player().evaluate((v: VideoElement) => v.paused), { timeout: 30_000 }).toBe(true);
    expect(await playerTime()).toBeCloseTo(out - 1 + 0.04, 1);
    // the button follows a React state set when the check pauses the player: it renders after the pause
    await expect.poll(() => page.getByTestId('play-moment').textContent(), SLOW).toContain('Play moment');
  });

  it('adds a moment from a range dragged on the ruler, refuses an overlap, splits, deletes, and undoes / redoes each', async () => {
    await page.keyboard.press('0');
    const before = await moments();
    // a gap of 2 s or more between moments
    const edges = [0, ...before.flatMap((m) => [m.start, m.end]).sort((a, b) => a - b), DURATION_S];
    const sorted = [...before].sort((a, b) => a.start - b.start);
    let gap: { start: number; end: number } | null = null;
    for (let i = 0; i <= sorted.length && !gap; i++) {
      const start = i === 0 ? 0 : sorted[i - 1]!.end;
      const end = i === sorted.length ? DURATION_S : sorted[i]!.start;
      if (end - start >= 3) gap = { start: start + 0.5, end: end - 0.5 };
    }
    expect(gap, `a gap between ${edges.join(', ')}`).not.toBeNull();

    // drag on the ruler: the selection shows; A adds it as a moment, which is selected
    await selectRange(gap!.start, gap!.end);
    await page.getByTestId('timeline-selection').waitFor();
    expect(await page.getByTestId('timeline-status').textContent()).toContain('A adds it as a moment');
    await page.keyboard.press('a');
    await expect.poll(async () => (await moments()).length, SLOW).toBe(before.length + 1);
    const added = (await moments()).find((m) => m.added)!;
    expect(added.start).toBeCloseTo(gap!.start, 0);
    expect(added.end).toBeCloseTo(gap!.end, 0);
    await expect.poll(() => page.getByTestId(`range-${added.rank}`).getAttribute('class'), SLOW).toContain('added');
    await expect.poll(() => page.getByTestId('editor-rank').textContent(), SLOW).toBe(`#${added.rank}`);
    await expect.poll(() => page.getByTestId('timeline-selection').count(), SLOW).toBe(0);

    // a range across an existing moment is refused, and says why
    const other = sorted[0]!;
    await selectRange(Math.max(0, other.start - 0.2), other.end - 0.5);
    await page.getByTestId('add-moment').click();
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`would overlap moment #${other.rank}`);
    expect(await alert.getAttribute('data-code')).toBe('MOMENTS_OVERLAP');
    expect((await moments()).length).toBe(before.length + 1);
    await shots('31-timeline-overlap-refused');
    // offered instead: merge them, which one undo takes back
    await alert.getByTestId('merge-moments').click();
    await expect.poll(async () => (await moments()).some((m) => m.rank === other.rank), SLOW).toBe(false);
    const joined = (await moments()).find((m) => m.added && m.start <= other.start && m.end >= other.end);
    expect(joined, 'one moment covering the range and the one it overlapped').toBeDefined();
    expect(joined!.end).toBeCloseTo(other.end, 3);
    await shots('31b-timeline-overlap-merged');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await moments()).some((m) => m.rank === other.rank), SLOW).toBe(true);
    expect((await moments()).length).toBe(before.length + 1);
    await page.keyboard.press('Escape');

    // split the added moment at the playhead
    await page.getByTestId(`moment-open-${added.rank}`).click().catch(() => undefined);
    const middle = Math.round(((added.start + added.end) / 2) * 10) / 10;
    await page.getByTestId(`range-${added.rank}`).click({ position: { x: 1, y: 1 } });
    await player().evaluate((v: VideoElement, t: number) => {
      v.currentTime = t;
    }, middle);
    await expect.poll(() => player().evaluate((v: VideoElement, t: number) => !v.seeking && Math.abs(v.currentTime - t) < 0.05, middle), SLOW).toBe(true);
    await page.keyboard.press('s');
    await expect.poll(async () => (await moments()).length, SLOW).toBe(before.length + 2);
    const halves = (await moments()).filter((m) => m.added).sort((a, b) => a.start - b.start);
    expect(halves.map((m) => [m.start, m.end])).toEqual([[added.start, middle], [middle, added.end]]);
    await shots('32-timeline-split');

    // delete the second half, then undo / redo with the keyboard
    const second = halves[1]!;
    await expect.poll(() => page.getByTestId('editor-rank').textContent(), SLOW).toBe(`#${second.rank}`);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId(`range-${second.rank}`).count(), SLOW).toBe(0);
    expect((await moments()).length).toBe(before.length + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId(`range-${second.rank}`).count(), SLOW).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await moments()).filter((m) => m.added).map((m) => [m.start, m.end]), SLOW).toEqual([[added.start, added.end]]);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await moments()).length, SLOW).toBe(before.length + 2);
    await page.getByTestId('redo').click();
    await expect.poll(() => page.getByTestId(`range-${second.rank}`).count(), SLOW).toBe(0);
    await expect.poll(() => page.getByTestId('redo').isDisabled(), SLOW).toBe(true);
    // every undo back to the start: the found moments as they were, the added one gone
    for (let count = (await appState()).momentHistory?.undo.length ?? 0; count > 0; count--) {
      await page.getByTestId('undo').click();
      await expect.poll(async () => (await appState()).momentHistory?.undo.length ?? 0, SLOW).toBe(count - 1);
      await expect.poll(() => page.getByTestId('undo').isDisabled(), SLOW).toBe(count === 1);
    }
    const back = await moments();
    expect(back.filter((m) => m.added)).toEqual([]);
    const project = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'project.json'), 'utf8')) as Project;
    expect(back.map((m) => [m.rank, m.start, m.end])).toEqual((project.moments ?? []).map((m) => [m.rank, m.start, m.end]));
    expect(consoleErrors).toEqual([]);
  });
});
