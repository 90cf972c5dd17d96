import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import type { ProjectView } from '../../core/app/views.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';

describe('app service: adding, splitting, deleting moments and undoing it', () => {
  let base: string;
  let app: App;
  const call = (name: string, args: unknown) => dispatchCall(app.service, app.jobs, name, args, {});
  const ok = async (name: string, args: unknown): Promise<ProjectView> => {
    const outcome = await call(name, args);
    if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.error)}`);
    return outcome.value as ProjectView;
  };
  const windows = (view: ProjectView) => view.moments.map((m) => [m.rank, m.start, m.end, m.added ?? false]);

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-moment-handlers-'));
    app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: join(base, 'projects'), env: {} });
    expect((await call('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) })).ok).toBe(true);
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('adds, refuses an overlap, splits, deletes, and steps back and forward through each', async () => {
    const found = await ok('openProject', { videoId: PANEL_VIDEO_ID });
    expect(found.momentHistory).toEqual({ undo: 0, redo: 0 });
    const next = Math.max(...found.moments.map((m) => m.rank)) + 1;
    const first = [...found.moments].sort((a, b) => a.start - b.start)[0]!;

    const added = await ok('addMoment', { videoId: PANEL_VIDEO_ID, start: 0, end: Math.min(4, first.start) });
    expect(windows(added).at(-1)).toEqual([next, 0, Math.min(4, first.start), true]);

    const refused = await call('addMoment', { videoId: PANEL_VIDEO_ID, start: first.start + 0.5, end: first.end + 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MOMENTS_OVERLAP' } });
    expect(refused.ok ? '' : refused.error.message).toContain(`overlap moment #${first.rank}`);
    const widened = await call('editMoment', { videoId: PANEL_VIDEO_ID, rank: next, end: first.start + 1 });
    expect(widened).toMatchObject({ ok: false, error: { code: 'MOMENTS_OVERLAP' } });
    // asked to merge instead, one call joins them, and one undo separates them again
    const merged = await ok('editMoment', { videoId: PANEL_VIDEO_ID, rank: next, end: first.start + 1, merge: true });
    expect(merged.moments.find((m) => m.rank === next)).toMatchObject({ start: 0, end: first.end });
    expect(merged.moments.some((m) => m.rank === first.rank)).toBe(false);
    expect(windows(await ok('undoMomentEdit', { videoId: PANEL_VIDEO_ID }))).toEqual(windows(added));

    const at = Math.round(((first.start + first.end) / 2) * 10) / 10;
    const split = await ok('splitMoment', { videoId: PANEL_VIDEO_ID, rank: first.rank, at });
    expect(split.moments.find((m) => m.rank === first.rank)).toMatchObject({ start: first.start, end: at, edited: true });
    expect(split.moments.find((m) => m.rank === next + 1)).toMatchObject({ start: at, end: first.end, added: true });

    const deleted = await ok('deleteMoment', { videoId: PANEL_VIDEO_ID, rank: first.rank });
    expect(deleted.moments.some((m) => m.rank === first.rank)).toBe(false);
    expect(deleted.momentHistory).toEqual({ undo: 3, redo: 0 });
    // telops of an added moment are read on its own window
    const telops = await call('getTelops', { videoId: PANEL_VIDEO_ID, moment: next + 1 });
    expect(telops).toMatchObject({ ok: true, value: { window: { start: at, end: first.end } } });

    const undone = await ok('undoMomentEdit', { videoId: PANEL_VIDEO_ID });
    expect(windows(undone)).toEqual(windows(split));
    await ok('undoMomentEdit', { videoId: PANEL_VIDEO_ID });
    const start = await ok('undoMomentEdit', { videoId: PANEL_VIDEO_ID });
    expect(windows(start)).toEqual(windows(found));
    expect(start.momentHistory).toEqual({ undo: 0, redo: 3 });
    expect(await call('undoMomentEdit', { videoId: PANEL_VIDEO_ID })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const redone = await ok('undoMomentEdit', { videoId: PANEL_VIDEO_ID, redo: true });
    expect(windows(redone)).toEqual(windows(added));
  });
});
