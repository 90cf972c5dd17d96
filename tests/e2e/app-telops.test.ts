import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../core/project/project-schema.js';
import type { TelopEditsFile } from '../../core/telops/telop.js';
import { PANEL_VIDEO_ID, panelComments, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { makeThreads } from '../helpers/fake-youtube-api.js';
import { sharedFixture, sharedMedia } from '../helpers/shared-media.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
/** The same panel show under another id, whose project has no subtitles. */
const BARE_ID = 'pAnElNoSubs';

/** The bits of DOM elements the test reads (the tests are type-checked without the DOM lib). */
interface VideoElement {
  currentTime: number;
  readyState: number;
  paused: boolean;
  seeking: boolean;
  play: () => Promise<void>;
  pause: () => void;
}
interface Styled {
  style: Record<string, string>;
}
type ComputedStyle = (element: unknown) => { backgroundColor: string; fontFamily: string };

describe('the telop editor on the Video screen', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const player = () => page.getByTestId('player');
  const rows = () => page.getByTestId('telop-row');
  const row = (cueStart: number) => page.locator(`[data-testid="telop-row"][data-cue="${cueStart}"]`);
  const overlayText = () => page.getByTestId('telop-on-player').textContent();
  const editsOnDisk = async (videoId: string) => JSON.parse(await readFile(join(root, videoId, 'telop-edits.json'), 'utf8')) as TelopEditsFile;
  const seekTo = async (t: number) => {
    await player().evaluate((v: VideoElement, to: number) => {
      v.currentTime = to;
    }, t);
    await expect.poll(() => player().evaluate((v: VideoElement, to: number) => !v.seeking && Math.abs(v.currentTime - to) < 0.05, t)).toBe(true);
  };

  /** For answers of the service, which may be planning a portrait preview meanwhile. */
  const SLOW = { timeout: 15_000 };

  /** Opens the panel show from a comments file and attaches its video, as a user would. */
  async function openPanel(commentsFile: string): Promise<void> {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(commentsFile);
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await player().waitFor();
    // (the service may be planning a portrait preview meanwhile: give the video time to start)
    await expect.poll(() => player().evaluate((v: VideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  }

  /** The rank of the project's moment around B's entrance (0:09), whose clip holds the greetings. */
  async function entranceRank(videoId: string): Promise<number> {
    const project = JSON.parse(await readFile(join(root, videoId, 'project.json'), 'utf8')) as Project;
    const moment = project.moments?.find((m) => m.start <= 9 && m.end >= 12);
    expect(moment, 'a moment around 0:09').toBeDefined();
    return moment!.rank;
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('telops');
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it("lists the moment's cues, saves an edit that survives a reload, draws the telops on the player and switches style", async () => {
    await openPanel(await writePanelCommentsFile(join(base, 'comments.json')));
    // what yt-dlp leaves in the project for a YouTube URL: the original-language auto-captions
    await mkdir(join(root, PANEL_VIDEO_ID, 'sources'), { recursive: true });
    await copyFile(sharedFixture('captions/panel.ja.json3'), join(root, PANEL_VIDEO_ID, 'sources', `${PANEL_VIDEO_ID}.ja-orig.json3`));
    await page.reload();
    await page.getByTestId('screen-video').waitFor();
    const rank = await entranceRank(PANEL_VIDEO_ID);

    await page.getByTestId(`moment-open-${rank}`).click();
    await page.getByTestId('tab-telops').click();
    await page.getByTestId('telop-rows').waitFor();
    expect(await page.getByTestId('telop-source').textContent()).toContain(`${PANEL_VIDEO_ID}.ja-orig.json3 · word-timed`);
    const texts = await page.getByTestId('telop-text').evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value));
    expect(texts).toContain('Nice to meet you');
    expect(texts).toContain('よろしくお願いします');
    expect(await page.getByTestId('telop-moment').inputValue()).toBe(String(rank));
    expect(await page.locator('.keys').textContent()).toContain("[ / ] move the selected cue's in, , / . its out by 0.1 s (Shift 1 s)");

    // the live overlay: a 9:16 frame over the picture, the cue being said, its word highlighted
    await seekTo(9.6);
    await expect.poll(overlayText).toBe('Nice to meet you');
    expect(await page.getByTestId('telop-on-player').locator('[data-active="true"]').textContent()).toBe('meet');
    const frame = (await page.getByTestId('telop-overlay').boundingBox())!;
    const picture = (await player().boundingBox())!;
    expect(frame.height).toBeCloseTo(picture.height, -1);
    expect(frame.width / frame.height).toBeCloseTo(9 / 16, 2);
    const band = (await page.getByTestId('telop-on-player').boundingBox())!;
    expect(band.y + band.height).toBeLessThanOrEqual(frame.y + frame.height * 0.8 + 1);
    expect(await page.getByTestId('telop-on-player').locator('.telop-line').evaluate((el) => (globalThis as unknown as { getComputedStyle: ComputedStyle }).getComputedStyle(el).fontFamily)).toContain('Kirinuki Telop');
    await shot('20-video-telops');
    await player().screenshot({ path: join(SHOTS, '20b-telop-overlay.png') });

    // edit one cue's text: saved (debounced) into the project
    const greeting = row(11.9);
    await greeting.getByTestId('telop-text').fill('よろしくね！');
    await expect.poll(async () => (await editsOnDisk(PANEL_VIDEO_ID).catch(() => ({ edits: [] }))).edits, { timeout: 30_000 }).toEqual([{ cueStart: 11.9, text: 'よろしくね！' }]);
    await expect.poll(() => greeting.getAttribute('data-edited')).toBe('true');
    await expect.poll(() => page.getByTestId('telop-source').textContent(), SLOW).toContain('saved');

    // a reload keeps it (the screen, the project and the Telops tab come back)
    await page.reload();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('telop-moment').selectOption(String(rank));
    await expect.poll(() => row(11.9).getByTestId('telop-text').inputValue(), SLOW).toBe('よろしくね！');
    expect(await row(11.9).getAttribute('data-edited')).toBe('true');
    expect(await row(11.9).locator('.badge-edited').textContent()).toBe('edited');

    // playing to the cue shows the edited text on the player
    await player().evaluate((v: VideoElement) => {
      v.currentTime = 11.6;
      void v.play();
    });
    await expect.poll(overlayText, { timeout: 10_000 }).toBe('よろしくね！');
    await player().evaluate((v: VideoElement) => v.pause());
    await seekTo(12.4);
    await expect.poll(overlayText).toBe('よろしくね！');
    await player().screenshot({ path: join(SHOTS, '20c-telop-overlay-edited.png') });

    // in/out by keyboard: the selected cue's in 0.1 s later with ], its out 1 s earlier with Shift+,
    await row(8.6).getByTestId('telop-time').click();
    await page.keyboard.press(']');
    await page.keyboard.press('Shift+Comma');
    await expect.poll(() => row(8.6).getByTestId('telop-time').textContent(), SLOW).toBe('0:08.7 → 0:10.2');
    await expect.poll(async () => (await editsOnDisk(PANEL_VIDEO_ID)).edits.find((e) => e.cueStart === 8.6), SLOW).toEqual({ cueStart: 8.6, start: 8.7, end: 10.2 });
    // hide and restore, then reset
    await row(3.6).getByTestId('telop-hide').click();
    await expect.poll(async () => (await editsOnDisk(PANEL_VIDEO_ID)).edits.find((e) => e.cueStart === 3.6), SLOW).toEqual({ cueStart: 3.6, hidden: true });
    expect(await row(3.6).getByTestId('telop-hide').textContent()).toBe('Restore');
    await row(8.6).getByTestId('telop-reset').click();
    await expect.poll(() => row(8.6).getByTestId('telop-time').textContent(), SLOW).toBe('0:08.6 → 0:11.2');

    // another style: kept in the project, drawn on the player (a box behind the line)
    await seekTo(9.6);
    await page.getByTestId('telop-style').selectOption('boxed');
    await expect.poll(async () => (await editsOnDisk(PANEL_VIDEO_ID)).style, SLOW).toBe('boxed');
    await expect.poll(() => page.getByTestId('telop-on-player').getAttribute('data-style'), SLOW).toBe('boxed');
    const background = await page.getByTestId('telop-on-player').locator('.telop-line').first().evaluate((el) => (el as unknown as Styled).style.background);
    expect(background).not.toBe('');
    await player().screenshot({ path: join(SHOTS, '20d-telop-overlay-boxed.png') });
    await shot('20e-video-telops-edited');
    expect(await rows().count()).toBeGreaterThanOrEqual(3);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('offers to load a subtitle file when the project has none, and loads a .vtt', async () => {
    const comments = join(base, 'bare-comments.json');
    const video = { id: BARE_ID, title: 'Panel show (no subtitles)', duration: 'PT38S', durationS: 38, channelId: 'UCpanelChannel0000000000', channelTitle: 'Panel Channel' };
    await writeFile(comments, JSON.stringify({ video, threads: makeThreads(BARE_ID, panelComments()) }));
    await openPanel(comments);
    const rank = await entranceRank(BARE_ID);
    await page.getByTestId('tab-moments').click();
    await page.getByTestId(`moment-open-${rank}`).click();
    await page.getByTestId('tab-telops').click();
    const notice = page.getByTestId('telop-no-subtitles');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('This video has no subtitles in the project');
    expect(await page.getByTestId('telop-overlay').count()).toBe(0);
    await shot('21-telops-no-subtitles');

    // a file that is not subtitles: said in the panel, with what to do, and nothing changes
    const broken = join(base, 'broken.srt');
    await writeFile(broken, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]));
    await page.getByTestId('subtitles-file').setInputFiles(broken);
    const refusal = notice.locator('[data-code="SUBTITLES_UNREADABLE"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Pick a .json3, .vtt or .srt subtitle file');
    await shot('21a-telops-unreadable-file');

    await page.getByTestId('subtitles-file').setInputFiles(sharedFixture('captions/panel.ja.vtt'));
    await page.getByTestId('telop-rows').waitFor();
    expect(await page.getByTestId('telop-source').textContent()).toContain(`${BARE_ID}.ja.vtt · cues only · 9 cues`);
    expect(await row(11.9).getByTestId('telop-text').inputValue()).toBe('よろしくお願いします');
    await seekTo(12);
    await expect.poll(overlayText).toBe('よろしくお願いします');
    // a cue-only track pops on per cue: no word is highlighted
    expect(await page.getByTestId('telop-on-player').locator('[data-active="true"]').count()).toBe(0);
    const project = JSON.parse(await readFile(join(root, BARE_ID, 'project.json'), 'utf8')) as Project;
    expect(project.signals?.captions?.file).toBe(join(root, BARE_ID, 'subtitles', `${BARE_ID}.ja.vtt`));
    await shot('21b-telops-loaded-vtt');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
