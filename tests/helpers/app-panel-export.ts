import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Project } from '../../core/project/project-schema.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from './app-panel-comments.js';
import { sharedMedia } from './shared-media.js';

interface KirinukiWindow {
  kirinuki: { editMoment: (args: { videoId: string; rank: number; enabled: boolean }) => Promise<{ ok: boolean }> };
}

/**
 * Opens the panel comments in the app as a new user would (Start → open → attach panel.mp4), keeps
 * only the best moment on (short encodes), and lands on the Export screen.
 * `base` holds the comments file, `root` is the served projects root.
 */
export async function openPanelForExport(page: Page, base: string, root: string): Promise<void> {
  await page.getByTestId('nav-start').click();
  await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
  await page.getByTestId('source-open').click();
  await page.getByTestId('screen-video').waitFor();
  await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
  await page.getByTestId('player').waitFor();
  const project = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'project.json'), 'utf8')) as Project;
  for (const moment of (project.moments ?? []).slice(1)) {
    const done = await page.evaluate(
      (args) => (globalThis as unknown as KirinukiWindow).kirinuki.editMoment(args),
      { videoId: PANEL_VIDEO_ID, rank: moment.rank, enabled: false },
    );
    expect(done.ok).toBe(true);
  }
  await page.reload();
  await page.getByTestId('nav-export').click();
  await page.getByTestId('screen-export').waitFor();
}
