import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { lockProjectRun } from '../../core/project/project-lock.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { appServiceCalls } from '../helpers/app-service-calls.js';
import { sharedMedia } from '../helpers/shared-media.js';

/**
 * The clip library's delete (issue 15): one file and its record in exports.json go together under
 * the project's run lock, and nothing but an export's own file can be deleted; and the Export
 * screen's remembered settings are the portrait preview's.
 */

let base: string;
let root: string;
let app: App;
const { call, ok, failure } = appServiceCalls(() => app);
const history = async () =>
  JSON.parse(await readFile(join(root, PANEL_VIDEO_ID, 'exports.json'), 'utf8')) as { exports: { clips: { path: string }[] }[] };

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-export-library-'));
  root = join(base, 'projects');
  app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: root, env: {} });
  await ok('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) });
  app.chosenFiles.add(await realpath(sharedMedia('video/panel.mp4')));
  await ok('attachVideo', { videoId: PANEL_VIDEO_ID, path: sharedMedia('video/panel.mp4') });
}, 60_000);

afterAll(() => rm(base, { recursive: true, force: true }));

describe('deleting an export from the clip library', () => {
  it('removes the file and its record, refuses other files, and waits for no running export', async () => {
    const settings = { videoId: PANEL_VIDEO_ID, crop: 'center', perPerson: false, personIds: [], caption: 'none' };
    await ok('exportClips', { ...settings, preset: 'landscape', maxLengthS: 2 });
    await ok('exportClips', { ...settings, preset: 'shorts', maxLengthS: 1.5 });
    const library = await ok('listExports', { videoId: PANEL_VIDEO_ID });
    expect(library.exports).toHaveLength(2);
    const [newest, older] = library.exports;
    const victim = older!.outputs.find((o) => o.kind === 'clip')!;
    const clipsBefore = older!.outputs.filter((o) => o.kind === 'clip').length;

    // while an export holds the project, nothing is deleted
    const run = await lockProjectRun(root, PANEL_VIDEO_ID, { what: 'kirinuki clips', wait: false });
    try {
      expect((await failure('deleteExport', { file: victim.file })).code).toBe('PROJECT_BUSY');
    } finally {
      await run.release();
    }
    expect(existsSync(victim.path)).toBe(true);

    const after = await ok('deleteExport', { file: victim.file });
    expect(existsSync(victim.path)).toBe(false);
    const entry = after.exports.find((e) => e.id === older!.id);
    expect(entry?.outputs.filter((o) => o.kind === 'clip')).toHaveLength(clipsBefore - 1);
    expect(after.exports.find((e) => e.id === newest!.id)?.outputs).toEqual(newest!.outputs);
    expect(JSON.stringify(await history())).not.toContain(victim.name);

    // the project's video, a path out of the project, a file already gone: refused in words
    const video = await failure('deleteExport', { file: { videoId: PANEL_VIDEO_ID, rel: 'video/panel.mp4' } });
    expect(video).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('only the clip library') });
    expect(existsSync(join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4'))).toBe(true);
    expect((await failure('deleteExport', { file: { videoId: PANEL_VIDEO_ID, rel: '../../comments.json' } })).code).toBe('FILE_NOT_FOUND');
    expect((await failure('deleteExport', { file: victim.file })).code).toBe('FILE_NOT_FOUND');
    expect((await call('deleteExport', { file: { videoId: PANEL_VIDEO_ID } })).ok).toBe(false);
  }, 180_000);
});

describe('the portrait preview plans with the Export screen\'s settings', () => {
  it('takes the remembered preset, captions and length when the renderer passes none', async () => {
    const saved = await ok('saveExportSettings', { videoId: PANEL_VIDEO_ID, preset: 'reels', crop: 'center', caption: 'top-comment', maxLengthS: 5 });
    expect(saved).toMatchObject({ preset: 'reels', crop: 'center', caption: 'top-comment', maxLengthS: 5 });
    const project = await ok('openProject', { videoId: PANEL_VIDEO_ID });
    const moment = project.moments.find((m) => m.comments.length > 0)!;
    const preview = await ok('previewFraming', { videoId: PANEL_VIDEO_ID, moment: moment.rank });
    expect(preview).toMatchObject({ preset: 'reels', crop: 'center', caption: 'top-comment', maxLengthS: 5 });
    expect(preview.window.end - preview.window.start).toBeLessThanOrEqual(5 + 1e-6);
    expect(preview.topComment).toEqual(expect.any(String));
    expect(preview.runs.map((r) => r.mode)).toEqual(['crop']);

    // a change of one field keeps the others; landscape has no 9:16 to preview, said in the user's terms
    expect(await ok('saveExportSettings', { videoId: PANEL_VIDEO_ID, preset: 'landscape' })).toMatchObject({ crop: 'center', caption: 'top-comment', maxLengthS: 5 });
    const refused = await failure('previewFraming', { videoId: PANEL_VIDEO_ID, moment: moment.rank });
    expect(refused.message).toContain('The Export screen is set to landscape');
    expect((await call('saveExportSettings', { videoId: PANEL_VIDEO_ID, maxLengthS: 0 })).ok).toBe(false);
  }, 60_000);
});
