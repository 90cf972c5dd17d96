import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../core/project/project-schema.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { REPO } from '../helpers/app-serve-process.js';
import { chatCurve, chatEvidence, heatmap, plantSignals, type PlantedSignals } from '../helpers/app-signals-project.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { startAppSession, type AppSession } from '../helpers/app-session.js';

const SHOTS = join(REPO, 'test-results', 'e2e');
const DURATION_S = 38;
const TRUNCATED = `Panel talk show [${PANEL_VIDEO_ID}].live_chat.json ends in a cut-off line (an interrupted download?); the chat before it was used.`;

/** What the signals stage would find for the panel show: the chat laughs at B's wink (0:09) and cheers the duo (0:27). */
const PANEL_SIGNALS: PlantedSignals = {
  file: {
    chat: { lagS: 4.5, messages: 1432, candidates: [], curve: chatCurve(DURATION_S, 1, [{ t: 10, height: 30, widthS: 2.2 }, { t: 28, height: 17, widthS: 2 }]) },
    heatmap: heatmap(DURATION_S, [{ t: 9.5, widthS: 3 }, { t: 27.5, widthS: 4 }]),
    captionTags: [{ t: 9.8, tag: '[笑い]', kind: 'laugh' }, { t: 10.6, tag: '[Laughter]', kind: 'laugh' }, { t: 27.9, tag: '[拍手]', kind: 'applause' }],
    notes: [{ code: 'CHAT_TRUNCATED', message: TRUNCATED }],
  },
  summary: { chat: { messages: 1432, lagS: 4.5, bursts: 2 }, captions: { tags: 3 }, notes: [{ code: 'CHAT_TRUNCATED', message: TRUNCATED }] },
  moments: [
    {
      near: 9,
      signals: {
        comments: { mentions: 14, authors: 14 },
        chat: chatEvidence('laugh', [['草', 24], ['ｗｗｗｗｗ', 11], ['lol the wink', 6], ['KEKW', 4]], 31),
        heatmap: { peak: 1 },
        captions: { tags: ['[笑い]', '[Laughter]'] },
      },
    },
    { near: 27, signals: { comments: { mentions: 7, authors: 7 }, chat: chatEvidence('hype', [['8888', 15], ['上手い', 5]], 18), heatmap: { peak: 0.82 } } },
    { near: 35, signals: { comments: { mentions: 2, authors: 2 } } },
  ],
};

const SIGNALS = ['comments', 'chat', 'heatmap', 'captions'] as const;
const LABELS = ['Comments', 'Chat', 'Most replayed', 'Captions'];

/** The bits of a DOM element the test reads (the tests are type-checked without the DOM lib). */
interface Box {
  getBoundingClientRect: () => { x: number; y: number; width: number; height: number };
}

describe('the Video screen with every viewer signal', () => {
  let base: string;
  let root: string;
  let session: AppSession | undefined;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    session = await startAppSession('lanes');
    ({ base, root, page, consoleErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it('draws one lane per signal under the moments, badges each moment, and lists its top chat messages', async () => {
    // the project as the app makes it from comments: the comments lane alone
    await page.getByTestId('source-input').fill(await writePanelCommentsFile(join(base, 'comments.json')));
    await page.getByTestId('source-open').click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('lane-comments').waitFor();
    expect(await page.locator('[data-testid^="lane-"]').count()).toBe(1);
    expect(await page.getByTestId('signal-notes').count()).toBe(0);
    await page.getByTestId('attach-file').setInputFiles(sharedMedia('video/panel.mp4'));
    await page.getByTestId('player').waitFor();

    // then the signals stage's signals.json and the moments' evidence; the project is opened again from the recent list
    await plantSignals(root, PANEL_VIDEO_ID, PANEL_SIGNALS);
    const project = JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'project.json'), 'utf8')) as Project;
    const laughing = project.moments?.find((m) => m.signals?.chat?.kind === 'laugh');
    expect(laughing).toBeDefined();
    const rank = laughing!.rank;
    await page.getByTestId('nav-start').click();
    await page.getByTestId('recent-projects').getByRole('button', { name: /Panel talk show/ }).click();
    await page.getByTestId('screen-video').waitFor();
    await page.getByTestId('lane-chat').waitFor();

    const lanes = page.locator('[data-testid^="lane-"]');
    expect(await lanes.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual(SIGNALS.map((s) => `lane-${s}`));
    const timeline = (await page.getByTestId('timeline').boundingBox())!;
    for (const [i, signal] of SIGNALS.entries()) {
      const lane = page.getByTestId(`lane-${signal}`);
      const box = (await lane.boundingBox())!;
      expect(box.width, signal).toBeGreaterThan(timeline.width - 4);
      expect(box.height, signal).toBeGreaterThanOrEqual(16);
      expect(await lane.locator('.lane-label').textContent()).toBe(LABELS[i]);
      const marks = await lane.locator('rect, path').evaluateAll((els) => els.map((el) => (el as unknown as Box).getBoundingClientRect()));
      expect(marks.length, signal).toBeGreaterThan(0);
      expect(marks.some((m) => m.width > 0 && m.height > 0), signal).toBe(true);
    }
    expect(await page.getByTestId('lane-captions').locator('rect').count()).toBe(3);

    // the chat's burst is drawn under the moment it found: one time axis for moments and lanes
    const bars = await page.getByTestId('lane-chat').locator('rect').evaluateAll((els) => els.map((el) => (el as unknown as Box).getBoundingClientRect()));
    const tallest = bars.reduce((a, b) => (b.height > a.height ? b : a));
    const range = (await page.getByTestId(`range-${rank}`).boundingBox())!;
    expect(tallest.x + tallest.width / 2).toBeGreaterThan(range.x);
    expect(tallest.x + tallest.width / 2).toBeLessThan(range.x + range.width);

    // badges say which signals found each moment
    const badges = await page.getByTestId(`signals-${rank}`).locator('.badge').allTextContents();
    expect(badges).toEqual(['Comments 14', 'Chat · laughter', 'Most replayed 100%', 'Captions [笑い] +1']);

    // the selected moment's panel: its comments and its top chat messages with their counts
    await page.getByTestId(`moment-open-${rank}`).click();
    const panel = page.getByTestId(`moment-${rank}`).getByTestId('moment-panel');
    await expect.poll(() => panel.getByTestId('backing-comment').count()).toBeGreaterThan(3);
    expect(await panel.getByTestId('chat-kind').textContent()).toBe('laughter');
    const messages = await panel.getByTestId('chat-message').allTextContents();
    expect(messages[0]).toBe('草×24');
    expect(messages).toContain('lol the wink×6');
    expect(await panel.getByTestId('chat-evidence').textContent()).toContain('31 chatters');

    // what could not be used is said calmly, and the header counts the chat
    expect(await page.getByTestId('signal-notes').textContent()).toContain('ends in a cut-off line');
    expect(await page.getByTestId('screen-video').locator('.screen-head').textContent()).toContain('1,432 chat messages');
    await page.screenshot({ path: join(SHOTS, '12-video-signal-lanes.png') });
    await page.getByTestId('timeline').screenshot({ path: join(SHOTS, '12b-signal-lanes-timeline.png') });
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
