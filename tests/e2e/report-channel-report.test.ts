import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelManifest } from '../../core/project/channel-manifest.js';
import { updateProject } from '../../core/project/project-store.js';
import { writeChannelReport } from '../../core/report/write-report.js';
import { sharedMedia } from '../helpers/shared-media.js';

const HOSTILE = '"><img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

let browser: Browser;
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'kirinuki 報告 [report] '));
  await updateProject(out, 'reportVid01', 'reportVid01', {});
  await copyFile(sharedMedia('images/face_recognition/obama/obama.jpg'), join(out, 'reportVid01', 'face 1.jpg'));
  await updateProject(out, 'reportVid01', 'reportVid01', {
    video: { id: 'reportVid01', title: `歌枠 ${HOSTILE}`, durationS: 905 },
    moments: [
      { rank: 1, start: 298, end: 320, peak: 301, score: 12.5, mentions: 2, comments: [
        { id: 'c1', text: `5:01 ${HOSTILE}`, likes: 3100, t: 301 },
        { id: 'c2', text: '５：０１ ここ好き', likes: 4, t: 301 },
      ] },
    ],
    identities: [{ id: 'person-1', name: `Member ${HOSTILE}`, appearances: [[0, 12]], totalS: 12, thumbnail: 'face 1.jpg' }],
    clips: [{ path: 'clips/01 [shorts].mp4', moment: 1, person: null, start: 298, end: 320, width: 1080, height: 1920, durationS: 22 }],
  });
  const manifest: ChannelManifest = {
    schemaVersion: 1,
    channel: { id: 'UCkirinukiTestChannel000', title: `Channel ${HOSTILE}` },
    source: 'handle:@x',
    uploadsPlaylistId: 'UUkirinukiTestChannel000',
    listing: { complete: true },
    videos: [
      { id: 'reportVid01', title: `歌枠 ${HOSTILE}`, status: 'done', moments: 1, clips: 1 },
      { id: 'reportVid02', title: 'Comments off', status: 'failed', error: { code: 'COMMENTS_DISABLED', message: 'Comments are disabled for video reportVid02.' } },
    ],
    runs: [],
    updatedAt: new Date().toISOString(),
  };
  await writeChannelReport(out, manifest, { units: 7, requests: 7 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await rm(out, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('shows every video with its moments, people and clips, runs nothing from the data, and loads its thumbnail', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
    expect(await page.title()).toContain('Channel "><img');
    const sections = page.locator('section.video');
    expect(await sections.count()).toBe(2);
    const first = sections.nth(0);
    expect(await first.locator('h2').innerText()).toBe(`歌枠 ${HOSTILE}`);
    expect(await first.locator('ul.comments li').first().innerText()).toContain(`5:01 ${HOSTILE}`);
    expect(await first.locator('.person').innerText()).toContain(`Member ${HOSTILE}`);
    const thumbnail = first.locator('.person img');
    await thumbnail.waitFor();
    const loaded = await thumbnail.evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    });
    expect(loaded).toBe(true);
    expect(await first.locator('a', { hasText: '01 [shorts].mp4' }).getAttribute('href')).toBe('reportVid01/clips/01%20%5Bshorts%5D.mp4');
    expect(await first.locator('a', { hasText: '4:58–5:20' }).getAttribute('href')).toBe('https://www.youtube.com/watch?v=reportVid01&t=298s');
    expect(await sections.nth(1).innerText()).toContain('COMMENTS_DISABLED');
    // the hostile strings are text: no element was injected and no script ran
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(1);
    expect(await page.title()).toBe(`Channel ${HOSTILE} — Kirinuki report`);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join('test-results', 'channel-report.png'), fullPage: true });
  });
});
