import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../core/app/contract.js';
import { openPanelForExport } from '../helpers/app-panel-export.js';
import { PANEL_VIDEO_ID } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');

/** The bits of DOM elements the test reads (the tests are type-checked without the DOM lib). */
interface VideoElement {
  readyState: number;
}
interface KirinukiWindow {
  kirinuki: { listJobs: (args: { videoId: string }) => Promise<{ ok: true; value: JobView[] } | { ok: false }> };
}

describe('the clip library of the Export screen', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  const entries = () => page.getByTestId('export-entry');
  const settingsOfEntries = () => entries().evaluateAll((els) => els.map((el) => el.getAttribute('data-settings') ?? ''));
  const namesIn = (index: number) => entries().nth(index).locator('[data-name]').evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
  /** How many exports of the project the service has run to their end (a quick one may never show on screen as running). */
  const doneExports = () =>
    page.evaluate(async (videoId) => {
      const listed = await (globalThis as unknown as KirinukiWindow).kirinuki.listJobs({ videoId });
      return listed.ok ? listed.value.filter((job) => job.kind === 'exportClips' && job.state === 'done').length : -1;
    }, PANEL_VIDEO_ID);

  /** Sets the form and exports, then waits until the library lists `expected` exports. */
  async function exportWith(settings: { preset: string; crop?: string; caption?: string; maxLength: string }, expected: number): Promise<void> {
    await page.getByTestId('export-preset').selectOption(settings.preset);
    if (settings.crop) await page.getByTestId('export-crop').selectOption(settings.crop);
    await page.getByTestId('export-caption').selectOption(settings.caption ?? 'none');
    await page.getByTestId('export-max-length').fill(settings.maxLength);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-start').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('export-start').isEnabled(), { timeout: 180_000, interval: 500 }).toBe(true);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await expect.poll(() => entries().count(), { timeout: 10_000 }).toBe(expected);
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('library');
    ({ base, root, page, consoleErrors } = session);
    // "Open on YouTube" opens a tab: answered here, the test machine has no network
    await page.context().route('https://www.youtube.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>YouTube</title>' }));
  }, 60_000);

  afterAll(() => session?.close());

  it('lists three exports with different settings newest first, each under its own file names', async () => {
    await openPanelForExport(page, base, root);
    expect(await entries().count()).toBe(0);

    await exportWith({ preset: 'landscape', maxLength: '3' }, 1);
    await exportWith({ preset: 'shorts', crop: 'center', caption: 'top-comment', maxLength: '3' }, 2);
    await exportWith({ preset: 'shorts', crop: 'blur', maxLength: '4' }, 3);
    await shot('40-clip-library', true);

    expect(await settingsOfEntries()).toEqual([
      'Shorts · blurred background · no captions · max 4 s',
      'Shorts · centre crop · top comment · max 3 s',
      'Landscape · scaled · no captions · max 3 s',
    ]);
    // each file with its size and length, as the files on disk are
    const sizes = await page.getByTestId('output-size').allTextContents();
    expect(sizes).toHaveLength(6);
    for (const size of sizes) expect(size).toMatch(/^\d+(\.\d+)? (KB|MB)$/);
    const [newest, middle, oldest] = [await namesIn(0), await namesIn(1), await namesIn(2)];
    // the same preset with other settings did not overwrite: it got a version suffix
    expect(newest).toEqual([expect.stringMatching(/ - 01 \(shorts\) v2\.mp4$/), 'summary v3.mp4']);
    expect(middle).toEqual([expect.stringMatching(/ - 01 \(shorts\)\.mp4$/), 'summary v2.mp4']);
    expect(oldest).toEqual([expect.stringMatching(/ - 01 \(landscape\)\.mp4$/), 'summary.mp4']);
    const clips = (await readdir(join(root, PANEL_VIDEO_ID, 'clips'))).filter((n) => n.endsWith('.mp4'));
    expect(clips).toHaveLength(3);
    // each output shows its size, length and a player that loads
    const first = entries().nth(0).getByTestId('clip-result');
    expect(await first.count()).toBe(1);
    const seconds = parseFloat((await first.getByTestId('output-duration').textContent()) ?? '');
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThanOrEqual(4.1);
    await expect.poll(() => first.locator('video').evaluate((v: VideoElement) => v.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await entries().nth(2).locator('[data-kind="clip"] [data-testid="clip-window"]').count()).toBe(1);
  }, 600_000);

  it('downloads a file under its own name, byte for byte', async () => {
    const output = entries().nth(1).locator('[data-kind="clip"]');
    const name = (await output.getAttribute('data-name')) ?? '';
    const path = ((await output.locator('.path').textContent()) ?? '').trim();
    const [download] = await Promise.all([page.waitForEvent('download'), output.getByTestId('output-download').click()]);
    expect(download.suggestedFilename()).toBe(name);
    const saved = join(base, 'downloaded.mp4');
    await download.saveAs(saved);
    expect((await stat(saved)).size).toBe((await stat(path)).size);
    expect((await stat(saved)).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('downloads only media files inside the project folder', async () => {
    const origin = new URL(session!.serve.url).origin;
    const get = async (path: string) => (await page.request.get(`${origin}${path}`)).status();
    expect(await get(`/download/${PANEL_VIDEO_ID}/summary.mp4`)).toBe(200);
    expect(await get(`/download/${PANEL_VIDEO_ID}/project.json`)).toBe(404);
    expect(await get(`/download/${PANEL_VIDEO_ID}/..%2F..%2Fconfig%2Fsettings.json`)).toBe(404);
    expect(await get(`/download/${PANEL_VIDEO_ID}/.project-video/panel.mp4`)).toBe(404);
    expect(await get('/download/..%2Fprojects/summary.mp4')).toBe(404);
  }, 30_000);

  it('opens the clip on YouTube at its start, and shows the folder in the browser', async () => {
    const output = entries().nth(0).getByTestId('clip-result');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), output.getByRole('button', { name: 'Open on YouTube' }).click()]);
    await expect.poll(() => tab.url()).toMatch(new RegExp(`^https://www\\.youtube\\.com/watch\\?v=${PANEL_VIDEO_ID}&t=\\d+s$`));
    await tab.close();
    await output.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => page.getByTestId('reveal-folder').textContent()).toContain(join(root, PANEL_VIDEO_ID, 'clips'));
  }, 60_000);

  it('remembers the last settings after a reload, and the same settings again keep the list as it is', async () => {
    await page.reload();
    await page.getByTestId('nav-export').click();
    await page.getByTestId('screen-export').waitFor();
    await expect.poll(() => page.getByTestId('export-crop').inputValue()).toBe('blur');
    expect(await page.getByTestId('export-preset').inputValue()).toBe('shorts');
    expect(await page.getByTestId('export-max-length').inputValue()).toBe('4');
    await expect.poll(() => entries().count()).toBe(3);
    const before = await stat(join(root, PANEL_VIDEO_ID, 'clips', (await namesIn(0))[0] ?? ''));

    const done = await doneExports();
    await page.getByTestId('export-start').click();
    // the export ran to its end (the button alone can be enabled again before it even started)
    await expect.poll(doneExports, { timeout: 120_000, interval: 500 }).toBe(done + 1);
    await expect.poll(() => page.getByTestId('export-start').isEnabled(), { timeout: 120_000, interval: 500 }).toBe(true);
    await expect.poll(() => entries().count()).toBe(3);
    const after = await stat(join(root, PANEL_VIDEO_ID, 'clips', (await namesIn(0))[0] ?? ''));
    expect(after.mtimeMs).toBe(before.mtimeMs);

    for (const [width, height] of [[1024, 700], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('export-library').scrollIntoViewIfNeeded();
      await shot(`41-clip-library-${width}x${height}`);
    }
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it('deletes one file of an export after asking, from the disk and from the list', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const entry = entries().nth(1);
    const clip = entry.locator('[data-kind="clip"]');
    const name = (await clip.getAttribute('data-name')) ?? '';
    const path = ((await clip.locator('.path').textContent()) ?? '').trim();
    await clip.getByTestId('output-delete').click();
    const confirm = clip.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Delete ${name} from the disk?`);
    await shot('42-clip-library-delete-confirm');
    await clip.getByTestId('output-delete-confirm').click();
    await expect.poll(() => page.locator(`[data-name="${name}"]`).count()).toBe(0);
    await expect.poll(async () => (await stat(path).catch(() => null)) === null).toBe(true);
    // the export's summary is still listed under its settings
    expect(await settingsOfEntries()).toContain('Shorts · centre crop · top comment · max 3 s');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
