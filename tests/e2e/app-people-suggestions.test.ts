import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');

describe('the People screen suggests merges the analysis was not sure of', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('suggest');
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it('shows "person-3 may be person-1", merges it in one click, and Undo brings both back', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    // an analysis as the faces stage writes it: three people, one of them maybe another
    const identities = [
      { id: 'person-1', appearances: [[0, 8]], totalS: 8, trackIds: ['t1'], descriptor: [], thumbnail: null },
      { id: 'person-2', appearances: [[8, 15]], totalS: 7, trackIds: ['t2'], descriptor: [], thumbnail: null },
      { id: 'person-3', appearances: [[22, 26]], totalS: 4, trackIds: ['t3'], descriptor: [], thumbnail: null },
    ];
    const suggestions = [{ from: 'person-3', into: 'person-1', distance: 0.45 }];
    await writeFile(join(root, PANEL_VIDEO_ID, 'faces.json'), JSON.stringify({ analysis: { identities, tracks: [], suggestions } }));

    await page.getByTestId('nav-people').click();
    await page.getByTestId('screen-people').waitFor();
    const suggestion = page.getByTestId('suggestion-person-3');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('person-3 may be person-1.');
    await shot('people-suggestion');

    await page.getByTestId('suggestion-merge-person-3').click();
    await expect.poll(() => page.getByTestId('person-person-3').count()).toBe(0);
    expect(await page.getByTestId('merge-suggestions').count()).toBe(0);
    expect(await page.getByTestId('person-person-1').textContent()).toContain('2 appearances');
    await shot('people-suggestion-merged');

    await page.getByTestId('people-undo').click();
    await page.getByTestId('person-person-3').waitFor();
    await page.getByTestId('suggestion-person-3').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
