import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPanelForExport } from '../helpers/app-panel-export.js';
import { PANEL_TITLE, PANEL_VIDEO_ID } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');

interface ClipboardWindow {
  navigator: { clipboard: { readText: () => Promise<string> } };
}

describe('upload texts in the clip library and guidelines in Settings', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('upload');
    ({ base, root, page, consoleErrors } = session);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session!.serve.url).origin });
  }, 60_000);

  afterAll(() => session?.close());

  it('shows each clip\'s upload text with the credit first, copies it, and keeps an edit', async () => {
    await openPanelForExport(page, base, root);
    await page.getByTestId('export-preset').selectOption('landscape');
    await page.getByTestId('export-caption').selectOption('none');
    await page.getByTestId('export-max-length').fill('3');
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-start').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('export-start').isEnabled(), { timeout: 180_000, interval: 500 }).toBe(true);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);

    const clip = page.getByTestId('clip-result').first();
    const panel = clip.getByTestId('upload-text');
    await panel.locator('summary').click();
    const title = (await panel.getByTestId('upload-title').textContent()) ?? '';
    expect(title.endsWith(` | ${PANEL_TITLE}`)).toBe(true);
    const description = (await panel.getByTestId('upload-description').textContent()) ?? '';
    expect(description.split('\n').slice(0, 3)).toEqual([
      `Source: ${PANEL_TITLE}`,
      expect.stringMatching(new RegExp(`^https://www\\.youtube\\.com/watch\\?v=${PANEL_VIDEO_ID}&t=\\d+s$`)),
      'Channel: Panel Channel',
    ]);
    expect(description.trim().split('\n').at(-1)).toBe('#切り抜き');
    await panel.getByTestId('copy-title').click();
    await expect.poll(() => panel.getByTestId('copy-title').textContent()).toBe('Title copied');
    expect(await page.evaluate(() => (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText())).toBe(title);
    await panel.getByTestId('copy-description').click();
    // the copy is asynchronous (the clipboard's write): read until it has landed
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText())).toBe(description);
    await clip.scrollIntoViewIfNeeded();
    await shot('60-upload-text');

    await panel.getByTestId('upload-edit').click();
    await panel.getByTestId('upload-title-input').fill('Her entrance, again <3');
    expect(await panel.getByTestId('upload-save').isDisabled()).toBe(true); // YouTube refuses '<'
    await panel.getByTestId('upload-title-input').fill('Her entrance, again');
    await panel.getByTestId('upload-tags-input').fill('panel, entrance');
    await shot('61-upload-text-edit');
    await panel.getByTestId('upload-save').click();
    await expect.poll(() => clip.getByTestId('upload-title').textContent()).toBe('Her entrance, again');
    const clipsDir = join(root, PANEL_VIDEO_ID, 'clips');
    const textFile = (await readdir(clipsDir)).find((n) => n.endsWith('.upload.txt'));
    expect(await readFile(join(clipsDir, textFile ?? ''), 'utf8')).toMatch(/^Her entrance, again\n\nSource: [\s\S]*\n\nTags: panel, entrance\n$/);
    // the edit is still there after a reload
    await page.reload();
    await page.getByTestId('nav-export').click();
    await expect.poll(() => page.getByTestId('clip-result').first().getByTestId('upload-title').textContent(), { timeout: 10_000 }).toBe('Her entrance, again');
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it('Settings: picks an example guidelines profile for a channel, and refuses one that does not exist', async () => {
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('channel-guidelines');
    await section.getByTestId('guidelines-channel').fill('Panel Channel');
    await section.getByTestId('guidelines-profile').fill('example-strict');
    await section.getByTestId('guidelines-add').click();
    await expect.poll(() => section.getByTestId('channel-guidelines-row').allTextContents()).toEqual([expect.stringContaining('example-strict')]);
    await section.getByTestId('guidelines-channel').fill('Other');
    await section.getByTestId('guidelines-profile').fill('no-such-profile');
    await section.getByTestId('guidelines-add').click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('No guidelines profile "no-such-profile"')]);
    expect(await section.getByTestId('channel-guidelines-row').count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await shot('62-settings-guidelines');
    const settings = JSON.parse(await readFile(join(base, 'config', 'settings.json'), 'utf8')) as { guidelinesByChannel?: Record<string, string> };
    expect(settings.guidelinesByChannel).toEqual({ 'Panel Channel': 'example-strict' });
  }, 60_000);
});
