import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import type { AppEvent } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { serveFileWithRanges } from '../helpers/range-file-server.js';
import { probeMedia } from '../../core/media/probe.js';

describe('app service: download, export progress and cancel', () => {
  let base: string;
  let app: App;
  const call = (name: string, args: unknown, jobId?: string) => dispatchCall(app.service, app.jobs, name, args, { jobId });

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-cancel-'));
    app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: join(base, 'projects'), env: {} });
    const comments = await writePanelCommentsFile(join(base, 'comments.json'));
    expect((await call('openSource', { source: comments })).ok).toBe(true);
    app.chosenFiles.add(await realpath(sharedMedia('video/panel.mp4'))); // as the file dialog would
    expect((await call('attachVideo', { videoId: PANEL_VIDEO_ID, path: sharedMedia('video/panel.mp4') })).ok).toBe(true);
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('downloads the video with yt-dlp into the project and plays it from there', async () => {
    const server = await serveFileWithRanges(sharedMedia('video/panel.mp4'), 'panel.mp4');
    try {
      const outcome = await call('downloadVideo', { videoId: PANEL_VIDEO_ID, url: server.url }, 'download-1');
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      const view = outcome.ok ? (outcome.value as { video: { rel: string } | null }) : null;
      expect(view?.video?.rel).toMatch(/^video\/source\.(mp4|mkv|webm)$/);
      const info = await probeMedia(join(base, 'projects', PANEL_VIDEO_ID, view?.video?.rel ?? ''));
      expect(info.durationS).toBeCloseTo(38.16, 0);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('cancels an export mid-clip: CANCELLED, a cancelled job event, and no clip file left behind', async () => {
    const events: AppEvent[] = [];
    const off = app.jobs.onEvent((event) => {
      events.push(event);
      if (event.type === 'progress' && (event.item?.fraction ?? 0) > 0.05) app.jobs.cancel('export-1');
    });
    const outcome = await call(
      'exportClips',
      { videoId: PANEL_VIDEO_ID, preset: 'shorts', crop: 'center', perPerson: false, personIds: [], caption: 'none', maxLengthS: null },
      'export-1',
    );
    off();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(events.some((e) => e.type === 'progress' && e.item && e.item.count >= 1)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'job', jobId: 'export-1', state: 'cancelled' });
    const clips = await readdir(join(base, 'projects', PANEL_VIDEO_ID, 'clips')).catch(() => []);
    expect(clips.filter((name) => name.endsWith('.mp4') || name.includes('.part'))).toEqual([]);
    const listed = await call('listClips', { videoId: PANEL_VIDEO_ID });
    expect(listed).toMatchObject({ ok: true, value: { clips: [] } });
  }, 120_000);

  it('exports with the follow crop of the reframe stage', async () => {
    expect((await call('editMoment', { videoId: PANEL_VIDEO_ID, rank: 2, enabled: false })).ok).toBe(true);
    const outcome = await call(
      'exportClips',
      { videoId: PANEL_VIDEO_ID, preset: 'shorts', crop: 'follow', perPerson: false, personIds: [], caption: 'none', maxLengthS: 3 },
      'follow-1',
    );
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const clips = outcome.ok ? (outcome.value as { clips: { path: string; moment: number }[] }).clips : [];
    expect(clips.map((c) => c.moment)).toEqual([1]);
    const info = await probeMedia(clips[0]!.path);
    expect({ width: info.width, height: info.height }).toEqual({ width: 1080, height: 1920 });
    expect(info.durationS).toBeCloseTo(3, 0);
  }, 240_000);

  it('turns a bad export request into sentences naming the field', async () => {
    const noPeople = await call('exportClips', { videoId: PANEL_VIDEO_ID, preset: 'shorts', crop: 'center', perPerson: true, personIds: [], caption: 'none', maxLengthS: null });
    expect(noPeople).toMatchObject({ ok: false, error: { code: 'NO_FACES' } });
    const badPreset = await call('exportClips', { videoId: PANEL_VIDEO_ID, preset: 'vertical', crop: 'center', perPerson: false, personIds: [], caption: 'none', maxLengthS: null });
    expect(badPreset).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(badPreset.ok ? '' : badPreset.error.message).toBe('The preset must be one of: shorts, tiktok, reels, landscape.');
  });
});
