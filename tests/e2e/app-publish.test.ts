import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from '../../core/export/manifest.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { launchChromium, openAppPage } from '../helpers/app-browser.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO, startServe, type ServeProcess } from '../helpers/app-serve-process.js';
import { startFakeUploadServer, type FakeUploadServer } from '../helpers/fake-youtube-upload.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
const CLIP = 'Panel talk - 01 (shorts).mp4';

describe('Publish on the Export screen', () => {
  let base: string;
  let root: string;
  let fake: FakeUploadServer;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    base = await mkdtemp(join(tmpdir(), 'kirinuki-e2e-publish-'));
    root = join(base, 'projects');
    fake = await startFakeUploadServer();
    serve = await startServe(['--out', root], {
      KIRINUKI_CONFIG_DIR: join(base, 'config'),
      YOUTUBE_API_KEY: '',
      KIRINUKI_OAUTH_CLIENT_ID: '',
      KIRINUKI_OAUTH_CLIENT_SECRET: '',
      KIRINUKI_OAUTH_CLIENT_FILE: '',
      KIRINUKI_UPLOAD_ROOT: fake.url,
      KIRINUKI_OAUTH_AUTH_URL: fake.authUrl,
      KIRINUKI_OAUTH_TOKEN_URL: fake.tokenUrl,
      KIRINUKI_BROWSER: join(REPO, 'tests/helpers/fake-browser.mjs'),
    });
    browser = await launchChromium();
    ({ page, consoleErrors } = await openAppPage(browser, serve.url));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await fake?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('takes the OAuth client in Settings without ever showing its secret again', async () => {
    await page.getByTestId('nav-settings').click();
    const panel = page.getByTestId('youtube-account');
    await panel.waitFor();
    expect(await panel.getByTestId('youtube-client-status').textContent()).toMatch(/^No OAuth client yet: create a "Desktop app" client/);
    await panel.getByTestId('youtube-client-id').fill(fake.clientId);
    await panel.getByTestId('youtube-client-secret').fill(fake.clientSecret);
    await panel.getByTestId('youtube-client-save').click();
    await expect.poll(() => panel.getByTestId('youtube-client-status').textContent()).toMatch(new RegExp(`^OAuth client ${fake.clientId.replace(/\./g, '\\.')} \\(from \\S+oauth-client\\.json\\)\\. Not signed in`));
    expect(await panel.getByTestId('youtube-client-secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(fake.clientSecret);
    await shot('publish-settings');
  }, 60_000);

  it('shows the quota and the sign-in in the confirm, uploads, then shows the link instead of the button', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    // an exported clip in the project (the export itself is another test's subject)
    const project = join(root, PANEL_VIDEO_ID);
    const path = join(project, 'clips', CLIP);
    await mkdir(join(project, 'clips'), { recursive: true });
    await renderTestPattern({ output: path, durationS: 3, width: 540, height: 960 });
    await writeManifest(project, {
      video: { id: PANEL_VIDEO_ID, title: 'Panel talk' },
      preset: 'shorts',
      crop: 'center',
      fast: false,
      complete: true,
      clips: [{ path, moment: 1, person: null, start: 12, end: 15, width: 540, height: 960, durationS: 3, upload: { title: 'Best answer【Panel talk】', description: 'Source: Panel talk', tags: [] } }],
      summary: null,
    });
    await page.getByTestId('nav-export').click();
    await page.getByTestId('screen-export').waitFor();
    const output = page.locator(`[data-name="${CLIP}"]`);
    await output.getByTestId('output-publish').click();
    const confirm = output.getByTestId('publish-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Upload “Best answer【Panel talk】” to YouTube as');
    expect(await confirm.getByTestId('publish-quota').textContent()).toBe('It uses 1\u00a0600 of the 10\u00a0000 quota units of a day.');
    expect(await confirm.textContent()).toContain('A browser window opens first to sign in to YouTube (upload only).');
    await confirm.getByTestId('publish-privacy').selectOption('unlisted');
    await shot('publish-confirm');
    expect(fake.requests).toHaveLength(0);

    fake.dropNextPutAfter(300 * 1024);
    await confirm.getByTestId('publish-confirm-button').click();
    const link = output.getByTestId('output-published');
    await link.waitFor({ timeout: 60_000 });
    const session = fake.sessions.at(-1)!;
    expect(await link.textContent()).toBe(`Published (unlisted): https://www.youtube.com/watch?v=${session.videoId}`);
    expect(session.data.equals(await readFile(path))).toBe(true);
    expect(session.metadata.status).toEqual({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: false });
    expect(await output.getByTestId('output-publish').count()).toBe(0);
    await shot('publish-done');
    expect((await readManifest(project))?.clips[0]?.published?.videoId).toBe(session.videoId);

    // after a reload the clip says it is on YouTube, with no Publish button, and nothing was sent
    const requests = fake.requests.length;
    await page.reload();
    await page.getByTestId('nav-export').click();
    await output.getByTestId('output-published').waitFor();
    expect(await output.getByTestId('output-publish').count()).toBe(0);
    expect(await output.getByTestId('output-published').textContent()).toBe(`Already on YouTube (unlisted): https://www.youtube.com/watch?v=${session.videoId}`);
    expect(fake.requests.length).toBe(requests);
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('youtube-client-status').textContent()).toContain('Signed in; the sign-in is kept in a file readable only by you');
    await page.getByTestId('youtube-sign-out').click();
    await expect.poll(() => page.getByTestId('youtube-client-status').textContent()).toContain('Not signed in');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
