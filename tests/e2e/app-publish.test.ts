import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from '../../core/export/manifest.js';
import { renderTestPattern } from '../../core/media/synthesize-video.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';
import { startFakeUploadServer, type FakeUploadServer } from '../helpers/fake-youtube-upload.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
const CLIP = 'Panel talk - 01 (shorts).mp4';
const SCHEDULED_CLIP = 'Panel talk - 02 (shorts).mp4';
/** Tokyo keeps no daylight-saving time: its wall clock is always UTC+9. */
const ZONE = 'Asia/Tokyo';
const ZONE_OFFSET_MS = 9 * 3600_000;
/** What a `datetime-local` field in Tokyo shows for an instant: `2026-12-24T18:00`. */
const tokyoWallTime = (ms: number): string => new Date(ms + ZONE_OFFSET_MS).toISOString().slice(0, 16);

/** The manifest record of a 3 s portrait test clip of the panel project. */
function clipRecord(path: string, moment: number, title: string) {
  return { path, moment, person: null, start: 12 * moment, end: 12 * moment + 3, width: 540, height: 960, durationS: 3, upload: { title, description: 'Source: Panel talk', tags: [] } };
}

describe('Publish on the Export screen', () => {
  let base: string;
  let root: string;
  let fake: FakeUploadServer;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    fake = await startFakeUploadServer();
    session = await startAppSession('publish', {
      env: {
        KIRINUKI_OAUTH_CLIENT_ID: '',
        KIRINUKI_OAUTH_CLIENT_SECRET: '',
        KIRINUKI_OAUTH_CLIENT_FILE: '',
        KIRINUKI_UPLOAD_ROOT: fake.url,
        KIRINUKI_OAUTH_AUTH_URL: fake.authUrl,
        KIRINUKI_OAUTH_TOKEN_URL: fake.tokenUrl,
        KIRINUKI_BROWSER: join(REPO, 'tests/helpers/fake-browser.mjs'),
      },
    });
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await fake?.close();
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
      clips: [clipRecord(path, 1, 'Best answer【Panel talk】')],
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
    // YouTube's audience question has no answer until the user gives one
    expect(await confirm.getByTestId('publish-kids-yes').isChecked()).toBe(false);
    expect(await confirm.getByTestId('publish-kids-no').isChecked()).toBe(false);
    expect(await confirm.getByTestId('publish-confirm-button').isDisabled()).toBe(true);
    expect(await confirm.textContent()).toContain('Answer the audience question to publish.');
    await confirm.scrollIntoViewIfNeeded();
    await shot('publish-confirm-unanswered');
    await confirm.getByTestId('publish-kids-no').check();
    expect(await confirm.textContent()).not.toContain('Answer the audience question to publish.');
    expect(await confirm.getByTestId('publish-confirm-button').isDisabled()).toBe(false);
    expect(await confirm.getByTestId('publish-when').textContent()).toBe('No time set: it goes up as soon as it is uploaded.');
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

  it('schedules a clip at a time on the user\'s clock (private until then, audience as answered) and refuses a time that has passed', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: ZONE });
    const project = join(root, PANEL_VIDEO_ID);
    const path = join(project, 'clips', SCHEDULED_CLIP);
    await renderTestPattern({ output: path, durationS: 3, width: 540, height: 960 });
    const manifest = (await readManifest(project))!;
    await writeManifest(project, { ...manifest, clips: [...manifest.clips, clipRecord(path, 2, 'Second answer【Panel talk】')] });
    await page.reload();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(ZONE);
    await page.getByTestId('nav-export').click();
    const output = page.locator(`[data-name="${SCHEDULED_CLIP}"]`);
    await output.getByTestId('output-publish').click();
    const confirm = output.getByTestId('publish-confirm');
    await confirm.waitFor();
    await confirm.getByTestId('publish-kids-yes').check();
    await confirm.getByTestId('publish-privacy').selectOption('public');
    const shownTime = (ms: number) => page.evaluate((t) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), ms);

    // a time that has passed: the sentence, the field marked, nothing sent to YouTube
    const requests = fake.requests.length;
    const sessions = fake.sessions.length;
    const past = Math.floor((Date.now() - 3600_000) / 60_000) * 60_000;
    await confirm.getByTestId('publish-at').fill(tokyoWallTime(past));
    expect(await confirm.getByTestId('publish-privacy').inputValue()).toBe('private');
    expect(await confirm.getByTestId('publish-privacy').isDisabled()).toBe(true);
    await confirm.getByTestId('publish-confirm-button').click();
    const refusal = output.locator('[role="alert"][data-code="INVALID_ARGUMENT"]');
    await refusal.waitFor();
    expect(await refusal.locator('strong').textContent()).toBe(`The scheduled time ${await shownTime(past)} has already passed; pick a later time, or clear Schedule to publish now.`);
    expect(await refusal.textContent()).not.toContain('--');
    expect(await confirm.getByTestId('publish-at').getAttribute('aria-invalid')).toBe('true');
    expect(fake.requests.length).toBe(requests);
    expect(fake.sessions.length).toBe(sessions);
    await shot('publish-schedule-past');

    // clearing the time gives the privacy back (and takes the refusal away); a time two days ahead schedules the clip
    await confirm.getByTestId('publish-at-clear').click();
    expect(await refusal.count()).toBe(0);
    expect(await confirm.getByTestId('publish-privacy').inputValue()).toBe('public');
    const future = Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000;
    await confirm.getByTestId('publish-at').fill(tokyoWallTime(future));
    expect(await confirm.getByTestId('publish-when').textContent()).toBe(`Private until ${await shownTime(future)}; then YouTube makes it public.`);
    expect(await confirm.getByTestId('publish-quota').textContent()).toBe('It uses 1\u00a0600 of the 10\u00a0000 quota units of a day.');
    // the confirm fits the clip card at 1024x700: nothing sticks out of it
    const card = await output.boundingBox();
    for (const part of ['publish-confirm', 'publish-at', 'publish-audience', 'publish-confirm-button']) {
      const box = (await output.getByTestId(part).boundingBox())!;
      expect(box.x + box.width, part).toBeLessThanOrEqual(card!.x + card!.width + 0.5);
    }
    expect(await confirm.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'publish-schedule-confirm.png') });
    await shot('publish-schedule-confirm-full');

    await confirm.getByTestId('publish-confirm-button').click();
    const link = output.getByTestId('output-published');
    await link.waitFor({ timeout: 60_000 });
    const session = fake.sessions.at(-1)!;
    expect(fake.sessions.length).toBe(sessions + 1);
    expect(session.metadata.status).toEqual({ privacyStatus: 'private', publishAt: new Date(future).toISOString(), selfDeclaredMadeForKids: true });
    expect(session.data.equals(await readFile(path))).toBe(true);
    expect(await link.textContent()).toBe(`Published (private, public at ${await shownTime(future)}): https://www.youtube.com/watch?v=${session.videoId}`);
    await shot('publish-schedule-done');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
