import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framesDrawn } from '../helpers/app-browser.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
const SIZES = [[1024, 700], [1920, 1080]] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/**
 * The editor at the two sizes it is checked at (issue 15): the Video screen's player, 9:16
 * preview, timeline, moment editor and moment list, and the Export screen's clip library, each
 * whole on the page (nothing cut off at the right, nothing on top of another), with screenshots.
 */
describe('the editor at 1024x700 and 1920x1080', () => {
  let base: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('layout');
    ({ base, page, consoleErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  /** The element's box on the page (scrolled-to coordinates), which must be whole within the page's width. */
  async function wholeBox(testId: string, width: number): Promise<Box> {
    const element = page.getByTestId(testId).first();
    await element.scrollIntoViewIfNeeded();
    const box = await element.boundingBox();
    expect(box, `${testId} is shown`).not.toBeNull();
    expect(box!.x, `${testId} starts on the page`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${testId} ends within ${width} px`).toBeLessThanOrEqual(width + 0.5);
    const scroll = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    return { ...box!, y: box!.y + scroll };
  }

  /** Every scrolled box back to its top (the app scrolls inside its main column). */
  const scrollToTop = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll: (s: string) => Iterable<{ scrollTop: number }> } }).document;
      for (const element of doc.querySelectorAll('*')) if (element.scrollTop > 0) element.scrollTop = 0;
    });

  /** Neither the page nor the screen (nor its scrolling parent) is wider than what shows. */
  const noSideScroll = () =>
    page.evaluate(() => {
      interface El { scrollWidth: number; clientWidth: number; parentElement: El | null }
      const doc = (globalThis as unknown as { document: { documentElement: El; querySelector: (s: string) => El | null } }).document;
      const screen = doc.querySelector('[data-testid^="screen-"]');
      return [doc.documentElement, screen, screen?.parentElement ?? null].every((el) => !el || el.scrollWidth <= el.clientWidth + 1);
    });

  it('shows the Video screen whole, the preview beside or under the player, never over it', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await page.getByTestId('player').waitFor({ timeout: 30_000 });
    // a camera that needs no face analysis keeps this test about the layout
    const saved = await page.evaluate((videoId) =>
      (globalThis as unknown as { kirinuki: { saveExportSettings: (a: unknown) => Promise<{ ok: boolean }> } }).kirinuki.saveExportSettings({ videoId, crop: 'center', caption: 'top-comment' }), PANEL_VIDEO_ID);
    expect(saved.ok).toBe(true);
    await page.reload();
    await page.getByTestId('screen-video').waitFor();
    await page.locator('[data-testid^="moment-open-"]').first().click();
    await expect.poll(() => page.getByTestId('portrait-preview').getAttribute('data-busy'), { timeout: 60_000 }).toBe('false');
    expect(await page.getByTestId('portrait-settings').textContent()).toContain('top comment');

    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await scrollToTop();
      await framesDrawn(page);
      await page.screenshot({ path: join(SHOTS, `70-video-screen-${width}x${height}.png`) });
      await page.screenshot({ path: join(SHOTS, `70-video-screen-${width}x${height}-full.png`), fullPage: true });
      expect(await noSideScroll(), `no sideways scrolling at ${width}x${height}`).toBe(true);
      const boxes = Object.fromEntries(
        await Promise.all(['player', 'portrait-preview', 'portrait-settings', 'timeline', 'moment-editor', 'moment-list'].map(async (id) => [id, await wholeBox(id, width)] as const)),
      );
      expect(overlap(boxes['player']!, boxes['portrait-preview']!)).toBe(false);
      expect(overlap(boxes['portrait-preview']!, boxes['timeline']!)).toBe(false);
      expect(overlap(boxes['timeline']!, boxes['moment-list']!)).toBe(false);
      // the player is big enough to edit with, and the preview is whole
      expect(boxes['player']!.width).toBeGreaterThanOrEqual(width >= 1920 ? 900 : 380);
      expect(boxes['portrait-preview']!.height).toBeCloseTo(384, 0);
      // at the big size everything of the editor is on the first screen
      if (width >= 1920) {
        for (const id of ['player', 'portrait-preview', 'timeline', 'moment-editor']) expect(boxes[id]!.y + boxes[id]!.height, `${id} above the fold`).toBeLessThanOrEqual(height);
      }
    }
  }, 120_000);

  it('shows the Export screen and its clip library whole at both sizes', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('nav-export').click();
    await page.getByTestId('screen-export').waitFor();
    await page.getByTestId('export-preset').selectOption('shorts');
    await page.getByTestId('export-crop').selectOption('center');
    await page.getByTestId('export-max-length').fill('2');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-library').waitFor({ timeout: 180_000 });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await scrollToTop();
      await framesDrawn(page);
      await page.screenshot({ path: join(SHOTS, `71-export-screen-${width}x${height}.png`) });
      await page.screenshot({ path: join(SHOTS, `71-export-screen-${width}x${height}-full.png`), fullPage: true });
      expect(await noSideScroll(), `no sideways scrolling at ${width}x${height}`).toBe(true);
      for (const id of ['export-start', 'export-library', 'clip-result', 'output-download', 'output-delete']) await wholeBox(id, width);
    }

    // what the Export screen chose is what the preview plans: here a 2 s clip of the moment with its top comment
    await page.getByTestId('export-max-length').fill('3');
    await page.getByTestId('nav-video').click();
    await page.locator('[data-testid^="moment-open-"]').first().click();
    await expect.poll(() => page.getByTestId('portrait-settings').textContent(), { timeout: 30_000 }).toContain('max 3 s');
    const [start, end] = ((await page.getByTestId('portrait-preview').getAttribute('data-window')) ?? '').split('-').map(Number);
    expect(end! - start!).toBeCloseTo(3, 3);
    expect(await page.getByTestId('portrait-comment').textContent()).toBeTruthy();
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
