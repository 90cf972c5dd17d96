import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, KirinukiApi, Outcome } from '../../core/app/contract.js';
import { launchChromium } from '../helpers/app-browser.js';
import { httpKirinukiApi } from '../helpers/app-http-client.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO, startServe, type ServeProcess } from '../helpers/app-serve-process.js';
import { sharedMedia } from '../helpers/shared-media.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
/** Every moment, at the preset's full length: an export that runs long enough to walk around. */
const LONG_EXPORT = { videoId: PANEL_VIDEO_ID, preset: 'shorts', crop: 'center', perPerson: false, personIds: [] as string[], caption: 'none', maxLengthS: null } as const;

function ok<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

describe('jobs belong to the service: an export seen from screens, reloads and tabs', () => {
  let base: string;
  let serve: ServeProcess;
  let api: KirinukiApi & { close: () => void };
  let browser: Browser;
  let first: Page;
  let second: Page;
  const pageErrors: string[] = [];

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const nav = (page: Page, screen: string) => page.getByTestId(`nav-${screen}`).click();
  const percent = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('aria-valuenow'));
  const runningExport = async (): Promise<JobView | undefined> =>
    ok(await api.listJobs({ videoId: PANEL_VIDEO_ID })).find((job) => job.kind === 'exportClips' && job.state === 'running');
  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    base = await mkdtemp(join(tmpdir(), 'kirinuki-e2e-jobs-'));
    serve = await startServe(['--out', join(base, 'projects')], { KIRINUKI_CONFIG_DIR: join(base, 'config'), YOUTUBE_API_KEY: '' });
    const url = new URL(serve.url);
    api = httpKirinukiApi(`${url.origin}/`, url.searchParams.get('token') ?? '');
    browser = await launchChromium();
    first = await newPage();
    // a project from a saved comments file, its video attached the way the browser does it
    ok(await api.openSource({ source: await writePanelCommentsFile(join(base, 'comments.json')) }));
    await first.goto(serve.url);
    await first.getByRole('button', { name: /Panel talk show/ }).click();
    await first.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await first.getByTestId('player').waitFor({ timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await serve?.stop();
    await rm(base, { recursive: true, force: true });
  });

  it('follows a running export across screens, a reload and a second tab; refuses a second export; cancels from either tab', async () => {
    await nav(first, 'export');
    await first.getByTestId('export-crop').selectOption('center');
    await first.getByTestId('export-start').click();
    await first.getByTestId('overall-progress').waitFor();
    await expect.poll(() => percent(first, 'clip-progress'), { timeout: 30_000 }).toBeGreaterThan(0);
    const job = await runningExport();
    expect(job).toBeDefined();

    // a second export of the same project is refused, naming the running job
    const busy = await api.exportClips({ ...LONG_EXPORT, preset: 'tiktok' });
    expect(busy.ok).toBe(false);
    expect(busy.ok ? '' : busy.error.code).toBe('PROJECT_BUSY');
    expect(busy.ok ? '' : busy.error.message).toMatch(
      new RegExp(`^Clips of ${PANEL_VIDEO_ID} are already being exported \\(job ${job!.jobId}, started \\d\\d:\\d\\d:\\d\\d\\); wait for it or cancel it\\.$`),
    );

    // another screen: the sidebar shows the job; back on Export, the bars are there again
    await nav(first, 'video');
    await first.getByTestId('tray-job-exportClips').waitFor();
    await shot(first, 'jobs-01-video-screen-tray');
    await nav(first, 'export');
    await first.getByTestId('overall-progress').waitFor();
    expect(await first.getByTestId('export-start').isDisabled()).toBe(true);

    // a reload comes back to the Export screen with the job's live progress
    await first.reload();
    await first.getByTestId('overall-progress').waitFor();
    const before = await percent(first, 'clip-progress');
    await expect.poll(() => percent(first, 'clip-progress'), { timeout: 30_000 }).not.toBe(before);
    await shot(first, 'jobs-02-export-after-reload');

    // a second tab: the tray shows the job; it opens the Export screen with the same progress
    second = await newPage();
    await second.goto(serve.url);
    await second.getByTestId('tray-job-exportClips').waitFor();
    await shot(second, 'jobs-03-second-tab-start');
    await second.getByTestId('tray-job-exportClips').locator('.tray-open').click();
    await second.getByTestId('overall-progress').waitFor();
    await shot(second, 'jobs-04-second-tab-export');

    // cancel from the second tab: both tabs show it stopped
    await second.getByTestId('export-cancel').click();
    for (const page of [first, second]) {
      await expect.poll(() => page.getByRole('alert').getAttribute('data-code'), { timeout: 30_000 }).toBe('CANCELLED');
      expect(await page.getByTestId('overall-progress').count()).toBe(0);
      expect(await page.getByTestId('export-start').isEnabled()).toBe(true);
    }
    expect(ok(await api.getJob({ jobId: job!.jobId }))?.state).toBe('cancelled');
    await shot(first, 'jobs-05-cancelled-first-tab');

    // started from the second tab, cancelled from the first tab's sidebar
    await second.getByTestId('export-crop').selectOption('center');
    await second.getByTestId('export-start').click();
    await first.getByTestId('overall-progress').waitFor();
    await first.getByTestId('tray-cancel-exportClips').click();
    await expect.poll(async () => (await runningExport()) === undefined, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => second.getByRole('alert').getAttribute('data-code'), { timeout: 30_000 }).toBe('CANCELLED');
  }, 180_000);

  it('runs a short export to its end: the clips appear in both tabs', async () => {
    const project = ok(await api.openProject({ videoId: PANEL_VIDEO_ID }));
    for (const moment of project.moments.slice(1)) ok(await api.editMoment({ videoId: PANEL_VIDEO_ID, rank: moment.rank, enabled: false }));
    await first.reload(); // the Export screen reads the moments again
    await first.getByTestId('export-crop').selectOption('center');
    await first.getByTestId('export-max-length').fill('3');
    await first.getByTestId('export-start').click();
    for (const page of [first, second]) {
      await expect.poll(() => page.getByTestId('clip-result').count(), { timeout: 120_000, interval: 500 }).toBe(1);
    }
    expect(await first.getByRole('alert').count()).toBe(0);
    await shot(second, 'jobs-06-clips-in-second-tab');
  }, 180_000);

  it('keeps an export running when every tab is closed; a new tab shows its clips', async () => {
    await first.getByTestId('export-max-length').fill('5'); // a new length: the clip is made again
    await first.getByTestId('export-start').click();
    await first.getByTestId('overall-progress').waitFor();
    const job = await runningExport();
    expect(job).toBeDefined();
    await first.close();
    await second.close();
    await expect.poll(async () => ok(await api.getJob({ jobId: job!.jobId }))?.state, { timeout: 120_000, interval: 200 }).not.toBe('running');
    expect(ok(await api.getJob({ jobId: job!.jobId }))?.state).toBe('done');
    const third = await newPage();
    await third.goto(serve.url);
    await third.getByRole('button', { name: /Panel talk show/ }).click();
    await nav(third, 'export');
    await expect.poll(() => third.getByTestId('clip-result').count(), { timeout: 10_000 }).toBe(1);
    await shot(third, 'jobs-07-new-tab-after-closing-all');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
