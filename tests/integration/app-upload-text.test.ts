import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { fileSecretStore } from '../../core/app/secret-store.js';
import { SettingsStore } from '../../core/app/settings-store.js';
import type { ExportLibraryView, SettingsView } from '../../core/app/views.js';
import { exportClips } from '../../core/export/export-clips.js';
import { readManifest } from '../../core/export/manifest.js';
import { projectDir } from '../../core/project/project-dir.js';
import { PANEL_TITLE, PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');

describe('app service: upload texts in the clip library, guidelines per channel in the settings', () => {
  let base: string;
  let app: App;
  const call = (name: string, args: unknown) => dispatchCall(app.service, app.jobs, name, args, {});
  async function ok<T>(name: string, args: unknown): Promise<T> {
    const outcome = await call(name, args);
    if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.error)}`);
    return outcome.value as T;
  }
  const root = () => join(base, 'projects');
  const exportPanel = () =>
    exportClips({
      video: PANEL,
      videoMeta: { id: PANEL_VIDEO_ID, title: PANEL_TITLE, durationS: 38.16 },
      moments: [
        { rank: 1, start: 8, end: 12, peak: 9, score: 1, mentions: 3, comments: [{ id: 'a', text: '0:09 her face lol', likes: 40, t: 9 }] },
        { rank: 2, start: 26, end: 30, peak: 27, score: 1, mentions: 2, comments: [{ id: 'b', text: '0:27 the side eye', likes: 30, t: 27 }] },
      ],
      projectDir: projectDir(root(), PANEL_VIDEO_ID),
      preset: 'landscape',
      fast: true,
      summary: false,
    });

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-app-upload-'));
    app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: root(), env: {} });
    expect((await call('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) })).ok).toBe(true);
    await exportPanel();
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('lists each clip with its upload text; an edit is validated, saved to the .upload.txt and the manifest, and kept by the next export', async () => {
    const library = await ok<ExportLibraryView>('listExports', { videoId: PANEL_VIDEO_ID });
    const clip = library.exports[0]?.outputs.find((o) => o.kind === 'clip' && o.moment === 1);
    expect(clip?.upload?.title).toBe(`her face lol | ${PANEL_TITLE}`);
    expect(clip?.upload?.description.split('\n')[1]).toBe(`https://www.youtube.com/watch?v=${PANEL_VIDEO_ID}&t=${Math.floor(clip!.start!)}s`);

    const refused = await call('saveClipUpload', { file: clip!.file, upload: { title: 'a <b>', description: '', tags: [] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const tooLong = await call('saveClipUpload', { file: clip!.file, upload: { title: 'x'.repeat(101), description: '', tags: [] } });
    expect(tooLong.ok).toBe(false);

    const edit = { title: 'The wink', description: 'Source: mine', tags: ['panel', 'wink'] };
    const saved = await ok<ExportLibraryView>('saveClipUpload', { file: clip!.file, upload: edit });
    expect(saved.exports[0]?.outputs.find((o) => o.path === clip!.path)?.upload).toEqual(edit);
    expect(await readFile(clip!.path.replace(/\.[^.]+$/, '.upload.txt'), 'utf8')).toBe('The wink\n\nSource: mine\n\nTags: panel, wink\n');
    const manifest = await readManifest(projectDir(root(), PANEL_VIDEO_ID));
    expect(manifest?.clips.find((c) => c.moment === 1)?.upload).toEqual(edit);
    expect(manifest?.clips.find((c) => c.moment === 2)?.upload?.title).toBe(`the side eye | ${PANEL_TITLE}`);

    const again = await exportPanel();
    expect(again.clips.find((c) => c.moment === 1)?.upload).toEqual(edit);
    expect(again.clips.find((c) => c.moment === 2)?.upload?.title).toBe(`the side eye | ${PANEL_TITLE}`);
  });

  it('a reel or a file that is not a clip of the library has no upload text to edit', async () => {
    const refused = await call('saveClipUpload', { file: { videoId: PANEL_VIDEO_ID, rel: 'project.json' }, upload: { title: 't', description: '', tags: [] } });
    expect(refused.ok).toBe(false);
  });

  it('Settings keeps a guidelines profile per channel, refusing one that does not exist, and lists the shipped examples', async () => {
    const settings = await ok<SettingsView>('getSettings', {});
    expect(settings.guidelineProfiles).toEqual(expect.arrayContaining(['example-strict']));
    const saved = await ok<SettingsView>('saveSettings', { guidelinesByChannel: { 'Panel Channel': 'example-strict' } });
    expect(saved.guidelinesByChannel).toEqual({ 'Panel Channel': 'example-strict' });
    const missing = await call('saveSettings', { guidelinesByChannel: { 'Panel Channel': 'no-such-profile' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    const store = new SettingsStore(join(base, 'config'), fileSecretStore(join(base, 'config')), { outputDir: root() }, {});
    expect((await store.channelGuidelines({ channelId: 'UCpanelChannel0000000000', channelTitle: 'Panel Channel' }))?.name).toBe('example-strict');
    expect(await store.channelGuidelines({ channelTitle: 'Another' })).toBeUndefined();
  });
});
