import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../core/project/project-schema.js';
import { httpKirinukiApi } from '../helpers/app-http-client.js';
import { PANEL_TITLE, PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';
import { sharedMedia } from '../helpers/shared-media.js';

const SHOTS = join(REPO, 'test-results', 'e2e');

interface VideoElement {
  readyState: number;
}

/**
 * Attach safely and words for people (issue 15), as a new user would at 1024 × 700: a 5 s file
 * attached to a 38 s video asks first, then attaches; the video is detached; a local video with no
 * comments opens empty with the "add moment" hint and takes a comments file; the tab's title shows
 * the project and a running job's progress.
 */
describe('attaching safely in the app', () => {
  let base: string;
  let root: string;
  let short: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const player = () => page.getByTestId('player');
  const project = async (videoId: string) => JSON.parse(await readFile(join(root, videoId, 'project.json'), 'utf8')) as Project;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('attach', { viewport: { width: 1024, height: 700 } });
    ({ base, root, page, consoleErrors } = session);
    short = join(base, 'panel-first-5s.mp4');
    execFileSync(ffmpegInstaller.path, ['-v', 'error', '-y', '-i', sharedMedia('video/panel.mp4'), '-t', '5', '-c', 'copy', short]);
  }, 60_000);

  afterAll(() => session?.close());

  it('asks before attaching a file of another length, attaches it once confirmed, and detaches it', async () => {
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await expect.poll(() => page.title()).toBe(`${PANEL_TITLE} · Kirinuki`);

    await page.getByTestId('attach-file').setInputFiles(short);
    const dialog = page.getByTestId('mismatch-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.textContent()).toContain('panel-first-5s.mp4 is 0:05 long, but this video is 0:38');
    expect(await page.getByRole('alertdialog').count()).toBe(1);
    await shot('40-attach-mismatch-dialog');
    expect((await project(PANEL_VIDEO_ID)).videoFile).toBeUndefined();

    // keeping the current video closes the dialog and attaches nothing
    await page.getByTestId('mismatch-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    expect((await project(PANEL_VIDEO_ID)).videoFile).toBeUndefined();
    // the refused upload is not left in the project
    expect(await readdir(join(root, PANEL_VIDEO_ID, 'video')).catch(() => [])).toEqual([]);

    // again, and confirmed
    await page.getByTestId('attach-file').setInputFiles(short);
    await dialog.waitFor({ timeout: 30_000 });
    await page.getByTestId('mismatch-confirm').click();
    await player().waitFor({ timeout: 30_000 });
    await expect.poll(() => player().evaluate((v: VideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    // confirmed: uploaded again (the refused copy was not kept) and attached under its own name, alone
    expect((await project(PANEL_VIDEO_ID)).videoFile).toBe(join(root, PANEL_VIDEO_ID, 'video', 'panel-first-5s.mp4'));
    expect(await readdir(join(root, PANEL_VIDEO_ID, 'video'))).toEqual(['panel-first-5s.mp4']);
    await shot('41-attach-mismatch-attached');

    // replace it with the right file: no question asked
    await page.getByTestId('replace-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await expect.poll(async () => (await project(PANEL_VIDEO_ID)).videoFile, { timeout: 30_000 }).toBe(join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4'));
    expect(await dialog.count()).toBe(0);

    // detach: asked inline, then the player is gone and the attach controls are back
    await page.getByTestId('detach-video').click();
    await shot('42-detach-confirm');
    await page.getByTestId('detach-confirm').click();
    await page.getByTestId('attach-file').waitFor();
    expect(await player().count()).toBe(0);
    expect((await project(PANEL_VIDEO_ID)).videoFile).toBeUndefined();
    expect(existsSync(join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4'))).toBe(false);
    await shot('43-detached');
  }, 120_000);

  it('opens a local video without comments empty, with the add-moment hint, and loads a comments file into it', async () => {
    const file = join(base, 'our stream.mp4');
    await copyFile(sharedMedia('video/panel.mp4'), file);
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(file);
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await player().waitFor();
    const hint = page.getByTestId('add-moment-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('No moments yet.');
    expect(await hint.textContent()).toContain('press A');
    expect(await page.getByTestId('project-notice').textContent()).not.toMatch(/--|yt-dlp/);
    await expect.poll(() => page.title()).toBe('our stream.mp4 · Kirinuki');
    await shot('44-local-video-no-comments');

    await page.getByTestId('load-comments-file').setInputFiles(await writePanelCommentsFile(join(base, 'panel-comments.json')));
    await expect.poll(() => page.getByTestId('viewer-files-status').textContent(), { timeout: 30_000 }).toMatch(/Comments loaded: \d+ moments? found\./);
    expect(await hint.count()).toBe(0);
    expect(await page.locator('[data-testid^="moment-open-"]').count()).toBeGreaterThan(0);
    // the project stays the local video's, under its own name
    expect(await page.getByTestId('video-title').textContent()).toBe('our stream.mp4');
    await shot('45-local-video-comments-loaded');

    // a file that is not a live chat: said plainly, without the server's paths
    await page.getByTestId('load-chat-file').setInputFiles(join(base, 'panel-comments.json'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('CHAT_UNREADABLE');
    expect(await alert.textContent()).toContain('panel-comments.json is not a live-chat replay');
    expect(await alert.textContent()).not.toContain(root);
    await shot('46-local-video-not-a-chat');
  }, 120_000);

  it('shows a running job and its progress in the tab title, and announces it to screen readers', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByRole('button', { name: /Panel talk show/ }).first().click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await player().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.title()).toBe(`${PANEL_TITLE} · Kirinuki`);

    // an export started elsewhere (another tab, the service's API): this tab's title follows it
    const url = new URL(session!.serve.url);
    const api = httpKirinukiApi(`${url.origin}/`, url.searchParams.get('token') ?? '');
    try {
      const exported = api.exportClips({ videoId: PANEL_VIDEO_ID, preset: 'landscape', crop: 'center', perPerson: false, personIds: [], caption: 'none', maxLengthS: 3 });
      await expect.poll(() => page.title(), { timeout: 30_000, interval: 20 }).toMatch(new RegExp(`^\\d+% Exporting clips · ${PANEL_TITLE}`));
      await shot('47-tab-title-during-export');
      const announcer = page.getByTestId('job-announcer');
      expect(await announcer.getAttribute('aria-live')).toBe('polite');
      await expect.poll(() => announcer.textContent()).toMatch(/^Exporting clips \(pAnElShow01\): \d+%/);
      expect((await exported).ok).toBe(true);
      await expect.poll(() => page.title(), { timeout: 30_000 }).toBe(`${PANEL_TITLE} · Kirinuki`);
    } finally {
      api.close();
    }
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
