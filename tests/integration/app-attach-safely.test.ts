import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { saveUpload } from '../../core/app/save-upload.js';
import type { ProjectView } from '../../core/app/views.js';
import { lockProjectRun } from '../../core/project/project-lock.js';
import { readProject } from '../../core/project/project-store.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { appServiceCalls } from '../helpers/app-service-calls.js';
import { sharedMedia } from '../helpers/shared-media.js';

/**
 * Attach safely (issue 15): a file of another length asks first (VIDEO_MISMATCH), the video can be
 * detached and replaced under the project's run lock, and a local video without comments opens
 * empty and takes a comments or live-chat file afterwards.
 */

let base: string;
let root: string;
let app: App;
let short: string;
const { ok, failure } = appServiceCalls(() => app);
/** As the file dialog would: only a chosen file may be attached or loaded. */
const choose = async (path: string) => app.chosenFiles.add(await realpath(path));

/** A yt-dlp style live-chat replay: `count` "草" messages from different chatters around `at` seconds. */
function liveChat(bursts: { at: number; count: number }[]): string {
  const lines: string[] = [];
  let n = 0;
  for (const { at, count } of bursts) {
    for (let i = 0; i < count; i++) {
      n += 1;
      const ms = Math.round((at + (i / count) * 2) * 1000);
      const item = {
        liveChatTextMessageRenderer: {
          message: { runs: [{ text: i % 2 ? '草' : 'www' }] },
          authorName: { simpleText: `viewer${n}` },
          id: `m${n}`,
          timestampUsec: String(1_700_000_000_000_000 + ms * 1000),
          authorExternalChannelId: `UC${String(n).padStart(22, '0')}`,
        },
      };
      lines.push(JSON.stringify({ replayChatItemAction: { actions: [{ addChatItemAction: { item, clientId: 'c' } }], videoOffsetTimeMsec: String(ms) } }));
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-attach-safely-'));
  root = join(base, 'projects');
  app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: root, env: {} });
  short = join(base, 'panel-first-5s.mp4');
  execFileSync(ffmpegInstaller.path, ['-v', 'error', '-y', '-i', sharedMedia('video/panel.mp4'), '-t', '5', '-c', 'copy', short]);
  await ok('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) });
}, 60_000);

afterAll(() => rm(base, { recursive: true, force: true }));

describe('attaching a video safely', () => {
  it('asks first when the file is more than 2 s longer or shorter, naming both durations', async () => {
    await choose(short);
    const refused = await failure('attachVideo', { videoId: PANEL_VIDEO_ID, path: short });
    expect(refused.code).toBe('VIDEO_MISMATCH');
    expect(refused.message).toBe('panel-first-5s.mp4 is 0:05 long, but this video is 0:38: it may be a different video or only part of it.');
    expect((await readProject(root, PANEL_VIDEO_ID))?.videoFile).toBeUndefined();

    const confirmed = await ok('attachVideo', { videoId: PANEL_VIDEO_ID, path: short, confirmMismatch: true });
    expect(confirmed.video).toEqual({ videoId: PANEL_VIDEO_ID, rel: 'video/panel-first-5s.mp4' });
  }, 30_000);

  it('replaces the video with one of the right length without asking', async () => {
    await choose(sharedMedia('video/panel.mp4'));
    const replaced = await ok('attachVideo', { videoId: PANEL_VIDEO_ID, path: sharedMedia('video/panel.mp4') });
    expect(replaced.video).toEqual({ videoId: PANEL_VIDEO_ID, rel: 'video/panel.mp4' });
    // the project's copy of the replaced file goes; the user's original stays
    expect(existsSync(join(root, PANEL_VIDEO_ID, 'video', 'panel-first-5s.mp4'))).toBe(false);
    expect(existsSync(short)).toBe(true);
  }, 30_000);

  it('never lets an upload of the same name overwrite the attached video before it is checked', async () => {
    const uploaded = await saveUpload(root, PANEL_VIDEO_ID, 'panel.mp4', createReadStream(short));
    app.chosenFiles.add(uploaded);
    expect(uploaded).toBe(join(await realpath(root), PANEL_VIDEO_ID, 'video', 'panel (2).mp4'));
    expect((await failure('attachVideo', { videoId: PANEL_VIDEO_ID, path: uploaded })).code).toBe('VIDEO_MISMATCH');
    const attached = join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4');
    expect((await readProject(root, PANEL_VIDEO_ID))?.videoFile).toBe(attached);
    expect((await stat(attached)).size).toBe((await stat(sharedMedia('video/panel.mp4'))).size);
    // the refused upload does not stay behind (confirming uploads it again), nor may it be attached later
    expect(existsSync(uploaded)).toBe(false);
    expect(app.chosenFiles.has(uploaded)).toBe(false);
    // a refused file the user chose elsewhere stays where it is
    await choose(short);
    expect((await failure('attachVideo', { videoId: PANEL_VIDEO_ID, path: short })).code).toBe('VIDEO_MISMATCH');
    expect(existsSync(short)).toBe(true);
  }, 30_000);

  it('tells the renderer the video\'s frame rate, for frame nudges', async () => {
    expect((await ok('openProject', { videoId: PANEL_VIDEO_ID })).fps).toBe(25);
  }, 30_000);

  it('detaches the video: the project keeps its moments, its copy of the file goes, the original stays', async () => {
    const before = await ok('openProject', { videoId: PANEL_VIDEO_ID });
    const run = await lockProjectRun(root, PANEL_VIDEO_ID, { what: 'kirinuki clips', wait: false });
    try {
      expect((await failure('detachVideo', { videoId: PANEL_VIDEO_ID })).code).toBe('PROJECT_BUSY');
    } finally {
      await run.release();
    }
    const detached = await ok('detachVideo', { videoId: PANEL_VIDEO_ID });
    expect(detached.video).toBeNull();
    expect(detached.moments).toEqual(before.moments);
    expect((await readProject(root, PANEL_VIDEO_ID))?.videoFile).toBeUndefined();
    expect(existsSync(join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4'))).toBe(false);
    expect(existsSync(sharedMedia('video/panel.mp4'))).toBe(true);
    expect((await ok('listProjects', {})).find((p) => p.videoId === PANEL_VIDEO_ID)?.hasVideo).toBe(false);
  }, 30_000);
});

describe('a local video without comments', () => {
  let local: ProjectView;

  it('opens with no moments and a notice that says what to load', async () => {
    const file = join(base, 'our stream.mp4');
    await copyFile(sharedMedia('video/panel.mp4'), file);
    const opened = await ok('openSource', { source: file });
    if (opened.kind !== 'video') throw new Error('not a video');
    local = opened.project;
    expect(local.moments).toEqual([]);
    expect(local.video).not.toBeNull();
    expect(local.notice).toContain('Load its comments, chat or subtitles file');
    expect(local.notice).not.toMatch(/--|info\.json|yt-dlp/);
  }, 60_000);

  it('loads only a chosen comments file, then finds moments in it', async () => {
    const comments = await writePanelCommentsFile(join(base, 'panel-comments.json'));
    const typed = await failure('loadViewerFile', { videoId: local.videoId, kind: 'comments', file: comments });
    expect(typed).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('only a file you chose') });

    await choose(comments);
    // a moment added by hand before the comments came stays (its rank moved above the found ones)
    await ok('addMoment', { videoId: local.videoId, start: 33, end: 35.5 });
    const loaded = await ok('loadViewerFile', { videoId: local.videoId, kind: 'comments', file: comments });
    const handMade = loaded.moments.filter((m) => m.added);
    expect(handMade.map((m) => [m.start, m.end])).toEqual([[33, 35.5]]);
    expect(handMade[0]!.rank).toBeGreaterThan(Math.max(...loaded.moments.filter((m) => !m.added).map((m) => m.rank)));
    expect(loaded.videoId).toBe(local.videoId);
    expect(loaded.title).toBe(local.title);
    expect(loaded.durationS).toBeCloseTo(local.durationS, 1);
    expect(loaded.commentsFetched).toBeGreaterThan(0);
    expect(loaded.moments.length).toBeGreaterThan(0);
    expect(loaded.notice).toBeNull();
    expect(loaded.video).toEqual(local.video);
    // the chosen file is used once: loading it again needs choosing it again
    expect((await failure('loadViewerFile', { videoId: local.videoId, kind: 'comments', file: comments })).code).toBe('INVALID_ARGUMENT');
  }, 60_000);

  it('loads a live-chat file on top of the comments, and refuses one that is not a chat in plain words', async () => {
    const bad = join(base, 'notes.live_chat.json');
    await writeFile(bad, '{"hello": 1}\n');
    await choose(bad);
    const refused = await failure('loadViewerFile', { videoId: local.videoId, kind: 'chat', file: bad });
    expect(refused.code).toBe('CHAT_UNREADABLE');
    expect(refused.message).toContain('notes.live_chat.json is not a live-chat replay');
    expect(refused.message).not.toContain(base);

    const chat = join(base, 'our stream.live_chat.json');
    await writeFile(chat, liveChat([{ at: 9, count: 40 }, { at: 25, count: 30 }]));
    await choose(chat);
    const loaded = await ok('loadViewerFile', { videoId: local.videoId, kind: 'chat', file: chat });
    expect(loaded.signals.chat?.messages).toBe(70);
    expect(loaded.commentsFetched).toBeGreaterThan(0);
    expect(loaded.moments.length).toBeGreaterThan(0);
    expect(loaded.lanes.map((l) => l.signal)).toContain('chat');
    const copy = join(root, local.videoId, 'loaded', `${local.videoId}.live_chat.json`);
    expect(await readFile(copy, 'utf8')).toBe(await readFile(chat, 'utf8'));
  }, 60_000);
});
